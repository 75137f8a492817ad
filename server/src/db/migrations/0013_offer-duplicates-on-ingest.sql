-- 警网互融: a report stored by any path (110 call, API, batch, file) close to a matter that came in from a
-- partner — same category, within 50 m and 30 min — is offered as a likely duplicate of it, like a partner's
-- event arriving after our own report (services/exchange.ts). Offered only: a person merges or dismisses.
-- History is not compared: closed reports, ones reported more than 7 days ago, bulk loads (triggers off).
CREATE FUNCTION gridwatch_incidents_offer_duplicates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_duplicates (incident_id, duplicate_of, distance_m, minutes_apart)
  SELECT n.id, o.id, ST_Distance(n.geom::geography, o.geom::geography), abs(extract(epoch FROM n.reported_at - o.reported_at)) / 60
  FROM new_rows n
  JOIN exchange_inbound ei ON ei.kind = 'incident' AND ei.incident_id <> n.id
  JOIN incidents o ON o.id = ei.incident_id AND o.category_code = n.category_code AND o.merged_into IS NULL
    AND o.geom && ST_Expand(n.geom, 0.001) AND ST_DWithin(n.geom::geography, o.geom::geography, 50)
    AND o.reported_at BETWEEN n.reported_at - interval '30 minutes' AND n.reported_at + interval '30 minutes'
  WHERE n.closed_at IS NULL AND n.reported_at > now() - interval '7 days'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_offer_duplicates AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION gridwatch_incidents_offer_duplicates();
