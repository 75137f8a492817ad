import type { DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { insertJsonBatches } from '../../db/json-rows'
import { demoIds } from './ids'

export async function insertCases(db: Database, c: DemoCounty) {
  const ids = demoIds(c)
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
  const disputes = c.disputes.map((d, i) => ({
    id: i + 1, code: d.code, incident: d.incident === null ? null : ids.incident(d.incident), type: d.type, risk: d.risk, tier: d.tier, status: d.status,
    summary: d.summary, lon: d.point[0], lat: d.point[1], mediator: d.mediator === null ? null : ids.person(d.mediator),
    opened: d.openedAt.toISOString(), deadline: d.deadlineAt.toISOString(), closed: d.closedAt?.toISOString() ?? null,
    outcome: d.outcome, agreement: d.agreement, judicial: day(d.judicialConfirmedOn), followup: day(d.followUpOn), criminal: d.turnedCriminal,
  }))
  await insertJsonBatches(db, disputes, (json) => sql`
    insert into disputes (id, code, incident_id, type, risk, tier, status, summary, geom, mediator_id, opened_at, deadline_at, closed_at,
                          outcome, agreement, judicial_confirmed_on, follow_up_on, turned_criminal)
    select id, code, incident, type::dispute_type, risk::risk_level, tier::dispute_tier, status::dispute_status, summary,
           ST_SetSRID(ST_MakePoint(lon, lat), 4326), mediator, opened::timestamptz, deadline::timestamptz, closed::timestamptz,
           outcome::dispute_outcome, agreement, judicial::date, followup::date, criminal
    from json_to_recordset(${json}) as x(id int, code text, incident bigint, type text, risk text, tier text, status text, summary text,
      lon float8, lat float8, mediator int, opened text, deadline text, closed text, outcome text, agreement text, judicial text, followup text, criminal boolean)`)
  await insertJsonBatches(db, c.disputes.flatMap((d, i) => d.parties.map((p) => ({ dispute: i + 1, ...p }))), (json) => sql`
    insert into dispute_parties (dispute_id, name, phone, role)
    select dispute, name, phone, role from json_to_recordset(${json}) as x(dispute int, name text, phone text, role text)`)
  await insertJsonBatches(db, c.disputes.flatMap((d, i) => d.events.map((e) => ({ dispute: i + 1, at: e.at.toISOString(), actor: e.actor, action: e.action, from: e.from, to: e.to }))), (json) => sql`
    insert into dispute_events (dispute_id, at, actor, action, from_status, to_status)
    select dispute, at::timestamptz, actor, action, "from"::dispute_status, "to"::dispute_status
    from json_to_recordset(${json}) as x(dispute int, at text, actor text, action text, "from" text, "to" text)`, { batchSize: 20_000 })
  // Disputes sit in the grid of the version in force when they were opened.
  await db.execute(sql`
    update disputes d set grid_id = g.id, version_id = g.version_id
    from grids g join boundary_versions v on v.id = g.version_id
    where ST_Covers(g.geom, d.geom) and v.effective_from <= d.opened_at and (v.effective_to is null or d.opened_at < v.effective_to)`)

  await insertJsonBatches(db, c.households.map((h) => ({ address: h.address, head: h.headName, members: h.members, colour: h.colour, reason: h.reason, reviewed: day(h.reviewedOn), next: day(h.nextReviewOn), lon: h.point[0], lat: h.point[1], building: ids.building(h.building) })), (json) => sql`
    insert into households (building_id, address, head_name, members, colour, reason, reviewed_on, next_review_on, geom)
    select building, address, head, members, colour::risk_colour, reason, reviewed::date, next::date, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    from json_to_recordset(${json}) as x(building int, address text, head text, members int, colour text, reason text, reviewed text, next text, lon float8, lat float8)`)

  for (const [t, patrol] of c.patrols.entries()) {
    await db.execute(sql`
      insert into patrol_teams (id, name, station_id, community_id, members)
      values (${t + 1}, ${patrol.team.name}, ${ids.stationOfCommunity(patrol.team.community)}, ${ids.community(patrol.team.community)}, ${patrol.team.members})`)
    await db.execute(sql`
      with tracks as (
        insert into patrol_tracks (team_id, started_at, ended_at, geom)
        select ${t + 1}, started::timestamptz, ended::timestamptz, ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'LineString', 'coordinates', line)), 4326)
        from json_to_recordset(${JSON.stringify(patrol.tracks.map((k, i) => ({ n: i, started: k.startedAt.toISOString(), ended: k.endedAt.toISOString(), line: k.line })))}::json)
          as x(n int, started text, ended text, line json)
        order by n
        returning id, started_at
      )
      insert into patrol_checkins (track_id, at, geom)
      select tracks.id, c.at::timestamptz, ST_SetSRID(ST_MakePoint(c.lon, c.lat), 4326)
      from json_to_recordset(${JSON.stringify(patrol.tracks.flatMap((k) => k.checkins.map((ch) => ({ started: k.startedAt.toISOString(), at: ch.at.toISOString(), lon: ch.point[0], lat: ch.point[1] }))))}::json)
        as c(started text, at text, lon float8, lat float8)
      join tracks on tracks.started_at = c.started::timestamptz`)
  }
}
