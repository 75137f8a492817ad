import type { DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { insertJsonBatches } from '../../db/json-rows'
import { demoIds } from './ids'

export async function insertPeople(db: Database, c: DemoCounty) {
  const ids = demoIds(c)
  await insertJsonBatches(db, c.people.map((p, i) => ({ id: ids.person(i), name: p.name, role: p.role, badge: p.badgeNo, phone: p.phone, station: p.station === null ? null : ids.station(p.station), org: p.organisation })), (json) => sql`
    insert into people (id, name, role, badge_no, phone, station_id, organisation)
    select id, name, role::person_role, badge, phone, station, org
    from json_to_recordset(${json}) as x(id int, name text, role text, badge text, phone text, station int, org text)`)
  await insertJsonBatches(db, c.gridDuties.map((d) => ({ grid: ids.grid(d.grid), person: ids.person(d.person), duty: d.duty, since: d.since.toISOString().slice(0, 10) })), (json) => sql`
    insert into grid_duties (grid_id, person_id, duty, since)
    select grid, person, duty::grid_duty_role, since::date
    from json_to_recordset(${json}) as x(grid int, person int, duty text, since text)`)
  await insertJsonBatches(db, c.dutyShifts.map((s) => ({ person: ids.person(s.person), area: ids.community(s.community), starts: s.startsAt.toISOString(), ends: s.endsAt.toISOString() })), (json) => sql`
    insert into duty_shifts (person_id, area_id, starts_at, ends_at)
    select person, area, starts::timestamptz, ends::timestamptz
    from json_to_recordset(${json}) as x(person int, area int, starts text, ends text)`)
}
