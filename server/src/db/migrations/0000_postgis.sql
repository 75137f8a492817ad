-- PostGIS must exist before any geometry column. On a managed server a DBA may have created it already.
CREATE EXTENSION IF NOT EXISTS postgis;
