-- Live events for incidents, written in the same transaction as the change, one statement at a time
-- (a 10,000-row batch is one INSERT into live_events and one NOTIFY, not 10,000).
CREATE FUNCTION gridwatch_incident_created() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO live_events (topic, entity_id) SELECT 'incident.created', id FROM new_rows ORDER BY id;
  IF FOUND THEN PERFORM pg_notify('gridwatch_live', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION gridwatch_incident_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only changes the wall shows: the time chain and where the incident landed.
  INSERT INTO live_events (topic, entity_id)
  SELECT 'incident.updated', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (o.accepted_at, o.contacted_at, o.on_scene_at, o.closed_at, o.grid_id, o.responsible_person_id)
        IS DISTINCT FROM (n.accepted_at, n.contacted_at, n.on_scene_at, n.closed_at, n.grid_id, n.responsible_person_id)
  ORDER BY n.id;
  IF FOUND THEN PERFORM pg_notify('gridwatch_live', ''); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_live_created AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_incident_created();
--> statement-breakpoint
CREATE TRIGGER incidents_live_updated AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_incident_updated();
