-- Camera view areas, computed in PostGIS and kept in step with their inputs by triggers: a camera edit
-- recomputes that camera, a building edit the cameras within range of it, nothing else. Written for
-- PostGIS 3.3 (server) and 3.6 (PGlite).
--
-- Geometry is built in longitude/latitude around each camera with the local metres-per-degree of the
-- WGS84 ellipsoid: over a camera's 500 m at most, that linear map is exact to well under a centimetre,
-- and it keeps rays as rays, so the shadow construction below holds in degrees as it does in metres.

-- A camera's sector (or, for a PTZ camera or a 360° lens, the full circle of its range), one vertex
-- every 2.5° of arc (area within 0.02 % of the true sector).
CREATE FUNCTION gridwatch_view_sector(p geometry, bearing float8, fov float8, range_m float8, full_circle boolean)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH k AS (
    SELECT ST_X(p) AS x0, ST_Y(p) AS y0,
           pi() / 180 * 6378137 * cos(radians(ST_Y(p))) / sqrt(1 - 0.00669437999014 * sin(radians(ST_Y(p))) ^ 2) AS kx,
           pi() / 180 * 6378137 * (1 - 0.00669437999014) / (1 - 0.00669437999014 * sin(radians(ST_Y(p))) ^ 2) ^ 1.5 AS ky,
           CASE WHEN full_circle OR fov >= 360 THEN 360.0 ELSE fov END AS span,
           CASE WHEN full_circle OR fov >= 360 THEN 0.0 ELSE bearing - fov / 2.0 END AS start
  ), arc AS (
    SELECT i, ST_MakePoint(x0 + range_m * sin(radians(start + span * i / n)) / kx, y0 + range_m * cos(radians(start + span * i / n)) / ky) AS pt
    FROM k, LATERAL (SELECT greatest(4, ceil(span / 2.5))::int AS n) s, generate_series(0, n) i
  )
  SELECT ST_SetSRID(ST_MakePolygon(ST_MakeLine(
    CASE WHEN k.span >= 360 THEN array(SELECT pt FROM arc ORDER BY i)
         ELSE ST_MakePoint(k.x0, k.y0) || array(SELECT pt FROM arc ORDER BY i) || ST_MakePoint(k.x0, k.y0) END)), 4326)
  FROM k
$$;
--> statement-breakpoint
-- What a building hides from a camera at p: the building and everything behind it up to `far_m`.
-- The shadow of a convex footprint is the convex hull of the footprint and its copy scaled away from the
-- camera (same rays, pushed beyond the range); a non-convex one is the union of that construction per edge.
CREATE FUNCTION gridwatch_building_shadow(p geometry, building geometry, far_m float8)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH s AS (
    -- A distance in degrees times the shorter axis' metres per degree is at most the true distance,
    -- so the scaled copy lies at least far_m away.
    SELECT far_m / greatest(ST_Distance(p, building) * least(pi() / 180 * 6378137 * cos(radians(ST_Y(p))), 110574.0), 0.1) AS f
  )
  SELECT CASE
    WHEN ST_Area(ST_ConvexHull(building)) <= ST_Area(building) * 1.0001 THEN
      ST_ConvexHull(ST_Collect(building, ST_Affine(building, f, 0, 0, f, (1 - f) * ST_X(p), (1 - f) * ST_Y(p))))
    ELSE (SELECT ST_Union(ST_ConvexHull(ST_Collect(e.geom, ST_Affine(e.geom, f, 0, 0, f, (1 - f) * ST_X(p), (1 - f) * ST_Y(p)))))
          FROM ST_DumpSegments(building) e)
  END
  FROM s
$$;
--> statement-breakpoint
-- A camera's view area: its sector minus the shadows of the building footprints in it. A building the
-- camera stands in (mounted on its wall) does not hide anything. JIT off: the planner's estimate for the
-- per-edge shadow is large enough to trigger a JIT compile (7 ms) on every building of every camera.
CREATE FUNCTION gridwatch_view_area(p geometry, bearing float8, fov float8, range_m float8, full_circle boolean)
RETURNS geometry LANGUAGE sql STABLE PARALLEL SAFE SET jit = off AS $$
  WITH s AS (SELECT gridwatch_view_sector(p, bearing, fov, range_m, full_circle) AS sector),
  shadows AS (
    SELECT gridwatch_building_shadow(p, b.geom, range_m * 1.05) AS g
    FROM buildings b, s
    WHERE b.geom && s.sector AND ST_Intersects(b.geom, s.sector) AND NOT ST_Intersects(b.geom, p)
  )
  SELECT ST_Multi(ST_CollectionExtract(
    CASE WHEN EXISTS (SELECT 1 FROM shadows) THEN ST_Difference(s.sector, (SELECT ST_Union(g) FROM shadows)) ELSE s.sector END, 3))
  FROM s
$$;
--> statement-breakpoint
CREATE FUNCTION gridwatch_store_view_areas(camera_ids int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO camera_view_areas (camera_id, geom, computed_at)
  SELECT c.id, gridwatch_view_area(c.geom, c.bearing, c.fov, c.range_m, c.kind = 'ptz'), now()
  FROM unnest(camera_ids) AS x(id) JOIN cameras c ON c.id = x.id
  ON CONFLICT (camera_id) DO UPDATE SET geom = excluded.geom, computed_at = excluded.computed_at
$$;
--> statement-breakpoint
-- Grid coverage rows are dropped when something inside them changes; the next read computes them again.
CREATE FUNCTION gridwatch_forget_coverage(changed geometry[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Nothing computed yet (seeding, bulk loads): nothing to forget.
  IF NOT EXISTS (SELECT 1 FROM grid_coverage) THEN RETURN; END IF;
  DELETE FROM grid_coverage WHERE grid_id IN (SELECT g.id FROM unnest(changed) x JOIN grids g ON g.geom && x AND ST_Intersects(g.geom, x));
END $$;
--> statement-breakpoint
CREATE FUNCTION gridwatch_cameras_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gridwatch_store_view_areas(array(SELECT id FROM new_rows));
  PERFORM gridwatch_forget_coverage(array(SELECT geom FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gridwatch_cameras_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only the inputs of the view area recompute it; a status change only changes who counts.
  PERFORM gridwatch_store_view_areas(array(
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.bearing, o.fov, o.range_m, o.kind) IS DISTINCT FROM (n.bearing, n.fov, n.range_m, n.kind) OR NOT ST_Equals(o.geom, n.geom)));
  -- A new status changes the online coverage of the grids its view area touches; a move changes the
  -- camera counts of two grids. (A changed view area makes its own grids stale, see below.)
  PERFORM gridwatch_forget_coverage(array(
    SELECT x FROM new_rows n JOIN old_rows o ON o.id = n.id
    LEFT JOIN camera_view_areas v ON v.camera_id = n.id,
    LATERAL (VALUES (o.geom), (n.geom), (v.geom)) AS g(x)
    WHERE x IS NOT NULL AND (o.status IS DISTINCT FROM n.status OR NOT ST_Equals(o.geom, n.geom))));
  -- The wall and the coverage view recolour a camera whose status changed.
  INSERT INTO live_events (topic, entity_id)
  SELECT 'camera.status', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.status IS DISTINCT FROM n.status ORDER BY n.id;
  IF FOUND THEN PERFORM pg_notify('gridwatch_live', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gridwatch_cameras_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gridwatch_forget_coverage(array(SELECT geom FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cameras_view_inserted AFTER INSERT ON cameras
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_cameras_inserted();
--> statement-breakpoint
CREATE TRIGGER cameras_view_updated AFTER UPDATE ON cameras
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_cameras_updated();
--> statement-breakpoint
CREATE TRIGGER cameras_view_deleted AFTER DELETE ON cameras
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_cameras_deleted();
--> statement-breakpoint
-- A changed view area (old and new shape) makes the grids it touches stale.
CREATE FUNCTION gridwatch_view_areas_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM gridwatch_forget_coverage(array(SELECT geom FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM gridwatch_forget_coverage(array(SELECT geom FROM new_rows UNION ALL SELECT geom FROM old_rows));
  ELSE
    PERFORM gridwatch_forget_coverage(array(SELECT geom FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER camera_view_areas_inserted AFTER INSERT ON camera_view_areas
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_view_areas_written();
--> statement-breakpoint
CREATE TRIGGER camera_view_areas_updated AFTER UPDATE ON camera_view_areas
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_view_areas_written();
--> statement-breakpoint
CREATE TRIGGER camera_view_areas_deleted AFTER DELETE ON camera_view_areas
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_view_areas_written();
--> statement-breakpoint
-- A building added, moved or removed: recompute the cameras that have it within range.
CREATE FUNCTION gridwatch_buildings_written() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed geometry[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changed := array(SELECT geom FROM new_rows);
  ELSIF TG_OP = 'UPDATE' THEN
    changed := array(SELECT n.geom FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE NOT ST_Equals(o.geom, n.geom)
                     UNION ALL SELECT o.geom FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE NOT ST_Equals(o.geom, n.geom));
  ELSE
    changed := array(SELECT geom FROM old_rows);
  END IF;
  -- 0.02° is more than 500 m (the longest range) everywhere below 60° latitude; the geography test is exact.
  PERFORM gridwatch_store_view_areas(array(
    SELECT DISTINCT c.id FROM unnest(changed) x JOIN cameras c ON c.geom && ST_Expand(x, 0.02) AND ST_DWithin(c.geom::geography, x::geography, c.range_m)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER buildings_view_inserted AFTER INSERT ON buildings
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_buildings_written();
--> statement-breakpoint
CREATE TRIGGER buildings_view_updated AFTER UPDATE ON buildings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_buildings_written();
--> statement-breakpoint
CREATE TRIGGER buildings_view_deleted AFTER DELETE ON buildings
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_buildings_written();
--> statement-breakpoint
-- Roads changed: the grids they cross are stale, and the road network is built again on the next use.
CREATE FUNCTION gridwatch_roads_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM gridwatch_forget_coverage(array(SELECT geom FROM new_rows));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM gridwatch_forget_coverage(array(SELECT geom FROM old_rows));
  END IF;
  DELETE FROM road_edges;
  DELETE FROM road_nodes;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER roads_network_inserted AFTER INSERT ON roads
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_roads_written();
--> statement-breakpoint
CREATE TRIGGER roads_network_updated AFTER UPDATE ON roads
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_roads_written();
--> statement-breakpoint
CREATE TRIGGER roads_network_deleted AFTER DELETE ON roads
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_roads_written();
--> statement-breakpoint
-- A grid reshaped in place is computed again.
CREATE FUNCTION gridwatch_grids_reshaped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM grid_coverage WHERE grid_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE NOT ST_Equals(o.geom, n.geom));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER grids_coverage_reshaped AFTER UPDATE ON grids
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_grids_reshaped();
--> statement-breakpoint
-- Cameras registered before this migration get their view areas now.
SELECT gridwatch_store_view_areas(array(SELECT id FROM cameras));
--> statement-breakpoint
-- A buffer in metres, computed in a local metric frame round the geometry's centre (the same linear
-- map as the sectors): over a few kilometres far faster than a geography buffer, within 0.2 % (arcs as 32-gons).
CREATE FUNCTION gridwatch_buffer_m(g geometry, metres float8) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH k AS (
    SELECT ST_X(c) AS x0, ST_Y(c) AS y0,
           pi() / 180 * 6378137 * cos(radians(ST_Y(c))) / sqrt(1 - 0.00669437999014 * sin(radians(ST_Y(c))) ^ 2) AS kx,
           pi() / 180 * 6378137 * (1 - 0.00669437999014) / (1 - 0.00669437999014 * sin(radians(ST_Y(c))) ^ 2) ^ 1.5 AS ky
    FROM (SELECT ST_Centroid(ST_Envelope(g)) AS c) c
  )
  SELECT ST_Affine(ST_Buffer(ST_Affine(g, kx, 0, 0, ky, -x0 * kx, -y0 * ky), metres, 'quad_segs=8'), 1 / kx, 0, 0, 1 / ky, x0, y0) FROM k
$$;
