-- Fixed-precision overlay (grid 1e-9°, about 0.1 mm) in the view-area functions of 0006, as everywhere
-- else (server/src/spatial/overlay.ts): floating overlay can throw on near-coincident edges, and PGlite
-- then silently ends the statement with no rows. Same signatures, same results to 0.1 mm.
CREATE OR REPLACE FUNCTION gridwatch_building_shadow(p geometry, building geometry, far_m float8)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH s AS (
    SELECT far_m / greatest(ST_Distance(p, building) * least(pi() / 180 * 6378137 * cos(radians(ST_Y(p))), 110574.0), 0.1) AS f
  )
  SELECT CASE
    WHEN ST_Area(ST_ConvexHull(building)) <= ST_Area(building) * 1.0001 THEN
      ST_ConvexHull(ST_Collect(building, ST_Affine(building, f, 0, 0, f, (1 - f) * ST_X(p), (1 - f) * ST_Y(p))))
    ELSE (SELECT ST_Union(ST_ConvexHull(ST_Collect(e.geom, ST_Affine(e.geom, f, 0, 0, f, (1 - f) * ST_X(p), (1 - f) * ST_Y(p)))), 1e-9)
          FROM ST_DumpSegments(building) e)
  END
  FROM s
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION gridwatch_view_area(p geometry, bearing float8, fov float8, range_m float8, full_circle boolean)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE SET jit = off AS $$
  WITH s AS (SELECT gridwatch_view_sector(p, bearing, fov, range_m, full_circle) AS sector),
  shadows AS (
    SELECT gridwatch_building_shadow(p, b.geom, range_m * 1.05) AS g
    FROM buildings b, s
    WHERE b.geom && s.sector AND ST_Intersects(b.geom, s.sector) AND NOT ST_Intersects(b.geom, p)
  )
  SELECT ST_Multi(ST_CollectionExtract(
    CASE WHEN EXISTS (SELECT 1 FROM shadows) THEN ST_Difference(s.sector, (SELECT ST_Union(g, 1e-9) FROM shadows), 1e-9) ELSE s.sector END, 3))
  FROM s
$$;
