-- 警网互融: a non-police matter stored (by any path: API, batch, 110 replay, file import) puts one event per
-- routed partner into the outbox in the same transaction, and tells the outbox worker. History is not
-- forwarded: closed incidents, ones reported more than 7 days ago, and bulk loads (triggers disabled).
-- A matter that came from a partner (external id '<partner>:<event>') does not go back to it.
CREATE FUNCTION gridwatch_incidents_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH routed AS (
    SELECT n.id, n.source, n.external_id, n.category_code, n.priority, n.address, n.reported_at, n.geom, n.grid_id, p.id AS partner_id, p.code AS partner_code,
           'gw-incident-' || n.id || '-' || p.code AS event_key
    FROM new_rows n
    JOIN incident_categories c ON c.code = n.category_code AND NOT c.police_matter
    JOIN exchange_rules r ON r.category_code = n.category_code
    JOIN exchange_partners p ON p.id = r.partner_id AND p.active AND p.endpoint_url IS NOT NULL
    WHERE n.closed_at IS NULL AND n.reported_at > now() - interval '7 days'
      AND NOT (n.source::text = p.inbound_source AND n.external_id LIKE p.code || ':%')
  ),
  queued AS (
    INSERT INTO incident_exchanges (incident_id, partner_id, event_key)
    SELECT id, partner_id, event_key FROM routed
    ON CONFLICT DO NOTHING
  )
  INSERT INTO exchange_outbox (event_key, partner_id, incident_id, kind, payload)
  SELECT r.event_key, r.partner_id, r.id, 'incident.forwarded',
         jsonb_build_object(
           'eventKey', r.event_key, 'kind', 'incident.forwarded', 'partner', r.partner_code,
           'incident', jsonb_build_object(
             'id', r.id, 'source', r.source, 'externalId', r.external_id, 'category', r.category_code, 'priority', r.priority,
             'address', r.address, 'reportedAt', to_char(r.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
             'lon', ST_X(r.geom), 'lat', ST_Y(r.geom), 'grid', (SELECT g.code FROM grids g WHERE g.id = r.grid_id)))
  FROM routed r ORDER BY r.id
  ON CONFLICT (event_key) DO NOTHING;
  IF FOUND THEN PERFORM pg_notify('gridwatch_outbox', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_forward AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_incidents_forward();
