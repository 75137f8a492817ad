import { incidentCategories, type DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { incidentAssignment } from '../../spatial/assign-incidents'
import { demoIds } from './ids'

/**
 * Incidents go through the same assignment as live ingest (`incidentAssignment`). Rows are staged
 * first, so point construction and time parsing happen once per row, not at every use in the lateral.
 */
export async function insertIncidents(db: Database, c: DemoCounty, onProgress: (done: number) => void) {
  const ids = demoIds(c)
  const inc = c.incidents
  const iso = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString())
  const batchSize = 20_000
  await db.execute(sql`
    create temporary table seed_incidents (
      id bigint primary key, source incident_source, external_id text, category_code text, priority smallint,
      geom geometry(Point, 4326), address text, reported_at timestamptz, accepted_at timestamptz,
      contacted_at timestamptz, on_scene_at timestamptz, closed_at timestamptz) on commit drop`)
  for (let start = 0; start < inc.count; start += batchSize) {
    const rows = []
    for (let i = start; i < Math.min(inc.count, start + batchSize); i++) {
      rows.push({
        id: ids.incident(i),
        source: inc.source[i],
        ext: inc.externalId[i],
        cat: incidentCategories[inc.category[i]!]!.code,
        prio: inc.priority[i],
        lon: inc.lon[i],
        lat: inc.lat[i],
        addr: inc.address[i],
        rep: iso(inc.reportedAt[i]!),
        acc: iso(inc.acceptedAt[i]!),
        con: iso(inc.contactedAt[i]!),
        ons: iso(inc.onSceneAt[i]!),
        clo: iso(inc.closedAt[i]!),
      })
    }
    await db.execute(sql`
      insert into seed_incidents
      select id, source::incident_source, ext, cat, prio, ST_SetSRID(ST_MakePoint(lon, lat), 4326), addr,
             rep::timestamptz, acc::timestamptz, con::timestamptz, ons::timestamptz, clo::timestamptz
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as r(id bigint, source text, ext text, cat text, prio smallint, lon float8, lat float8, addr text, rep text, acc text, con text, ons text, clo text)`)
    onProgress(Math.floor(Math.min(inc.count, start + batchSize) / 4))
  }
  await db.execute(sql`analyze seed_incidents`)
  const chunk = Math.ceil(inc.count / 12)
  for (let start = 0; start < inc.count; start += chunk) {
    await db.execute(sql`
      insert into incidents (id, source, external_id, category_code, priority, geom, address, reported_at, accepted_at, contacted_at, on_scene_at, closed_at,
                             grid_id, version_id, assignment, assignment_distance_m, station_id, responsible_person_id, responsibility)
      select x.id, x.source, x.external_id, x.category_code, x.priority, x.geom, x.address, x.reported_at, x.accepted_at, x.contacted_at, x.on_scene_at, x.closed_at,
             a.grid_id, a.version_id, a.rule::assignment_rule, a.distance_m, a.station_id, a.person_id, a.responsibility::responsibility_rule
      from seed_incidents x
      cross join ${incidentAssignment(sql`x.geom`, sql`x.reported_at`)} a
      where x.id > ${start} and x.id <= ${start + chunk}`)
    onProgress(Math.floor(inc.count / 4 + (Math.min(inc.count, start + chunk) * 3) / 4))
  }
}
