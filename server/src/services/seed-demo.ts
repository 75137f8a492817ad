import { createDemoConfig, generateDemoCounty, incidentCategories, type DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { createProgress } from '../cli/progress'
import { queryRows, type Database } from '../db/client'
import { withBulkLoad } from '../db/bulk-load'
import { insertJsonBatches } from '../db/json-rows'
import { incidentAssignment } from '../spatial/assign-incidents'

export interface SeedOptions {
  seed: number
  scale: number
  now?: Date
  log?: (line: string) => void
  /** Show progress bars (the CLI and `pnpm start` do; tests do not). */
  progress?: boolean
}

export type SeedResult = { seeded: true; county: DemoCounty } | { seeded: false; reason: string }

const DEMO_KEY = 'demo_county'

/**
 * Seeds the demo county into an empty database, in one transaction: a crash half-way leaves nothing.
 * Idempotent: a database that already has the demo county (or any grids of its own) is left alone.
 */
export async function seedDemoCounty(db: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {})
  const [state] = await queryRows<{ seeded: boolean; grids: number }>(
    db,
    sql`select exists(select 1 from app_meta where key = ${DEMO_KEY}) as seeded, (select count(*)::int from grids) as grids`,
  )
  if (state?.seeded) return { seeded: false, reason: 'the demo county is already in this database' }
  if (state && state.grids > 0) return { seeded: false, reason: 'the database already holds grids of its own' }

  const config = createDemoConfig({ seed: options.seed, scale: options.scale, now: options.now ?? new Date() })
  log(`Generating the demo county ${config.countyName} (seed ${config.seed}, scale ${options.scale})…`)
  const county = generateDemoCounty(config)
  const bar = (label: string, total: number) => (options.progress ? createProgress(label, total) : { update: () => {}, done: () => {} })

  await db.transaction(async (tx) => {
    // Large one-off statements: JIT compilation costs more than it saves here.
    await tx.execute(sql`set local jit = off`)
    const steps = bar('Seeding demo county', 9)
    await insertBoundaries(tx as unknown as Database, county)
    steps.update(1)
    await insertBasemap(tx as unknown as Database, county)
    steps.update(2)
    await insertAssets(tx as unknown as Database, county)
    steps.update(3)
    await insertPeople(tx as unknown as Database, county)
    // Fresh tables have no statistics inside this transaction: without them the planner picks poor plans.
    await tx.execute(sql`analyze boundary_versions, grids, admin_areas, duty_shifts, grid_duties, people`)
    steps.update(4)
    steps.done()
    const incidents = bar('Incidents', county.incidents.count)
    await withBulkLoad(tx as unknown as Database, 'incidents', () => insertIncidents(tx as unknown as Database, county, incidents.update))
    incidents.done()
    await insertCases(tx as unknown as Database, county)
    await finish(tx as unknown as Database, county)
  })
  return { seeded: true, county }
}

async function insertBoundaries(db: Database, c: DemoCounty) {
  const cells = c.grids.map((g, i) => ({
    id: i + 1,
    code: g.code,
    name: g.name,
    kind: g.kind,
    community: g.community + 1,
    township: c.communities[g.community]!.township + 1,
    station: c.townships[c.communities[g.community]!.township]!.station + 1,
    geom: JSON.stringify({ type: 'Polygon', coordinates: [g.ring] }),
  }))
  await db.execute(sql`
    create temporary table seed_cells on commit drop as
    select x.*, ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326) as shape
    from json_to_recordset(${JSON.stringify(cells)}::json)
      as x(id int, code text, name text, kind text, community int, township int, station int, geom text)`)
  const stations = c.stations.map((s, i) => ({ id: i + 1, code: s.code, name: s.name, duty_phone: s.dutyPhone, address: s.address, lon: s.location[0], lat: s.location[1] }))
  await db.execute(sql`
    insert into stations (id, code, name, duty_phone, address, location, jurisdiction)
    select s.id, s.code, s.name, s.duty_phone, s.address, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326),
           (select ST_Multi(ST_Union(shape)) from seed_cells where station = s.id)
    from json_to_recordset(${JSON.stringify(stations)}::json)
      as s(id int, code text, name text, duty_phone text, address text, lon float8, lat float8)`)
  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select 1, ${c.county.code}, ${c.county.name}, 'county', 'county', null, null, ST_Multi(ST_Union(shape)) from seed_cells`)
  const townships = c.townships.map((t, i) => ({ id: i + 2, code: t.code, name: t.name, kind: t.kind, station: t.station + 1, ref: i + 1 }))
  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select t.id, t.code, t.name, 'township', t.kind::admin_kind, 1, t.station,
           (select ST_Multi(ST_Union(shape)) from seed_cells where township = t.ref)
    from json_to_recordset(${JSON.stringify(townships)}::json) as t(id int, code text, name text, kind text, station int, ref int)`)
  const offset = c.townships.length + 1
  const communities = c.communities.map((m, i) => ({ id: offset + i + 1, code: m.code, name: m.name, kind: m.kind, parent: m.township + 2, station: c.townships[m.township]!.station + 1, ref: i + 1 }))
  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select m.id, m.code, m.name, 'community', m.kind::admin_kind, m.parent, m.station,
           (select ST_Multi(ST_Union(shape)) from seed_cells where community = m.ref)
    from json_to_recordset(${JSON.stringify(communities)}::json) as m(id int, code text, name text, kind text, parent int, station int, ref int)`)
  const effectiveFrom = new Date(c.config.now.getTime() - 800 * 86_400_000)
  await db.execute(sql`
    insert into boundary_versions (id, name, status, author, note, effective_from)
    values (1, '初始网格划分', 'published', 'demo', 'Demo county initial grid layout', ${effectiveFrom.toISOString()}::timestamptz)`)
  await db.execute(sql`
    insert into grids (id, version_id, code, name, kind, community_id, geom)
    select id, 1, code, name, kind::grid_kind, ${offset} + community, ST_Multi(shape) from seed_cells`)
}

async function insertBasemap(db: Database, c: DemoCounty) {
  await insertJsonBatches(db, c.roads.map((r) => ({ name: r.name, class: r.class, geom: JSON.stringify({ type: 'LineString', coordinates: r.line }) })), (json) => sql`
    insert into roads (name, class, geom)
    select name, class::road_class, ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)
    from json_to_recordset(${json}) as x(name text, class text, geom text)`)
  // Rivers are centre lines with a width: buffered in metres (geography) by PostGIS.
  await insertJsonBatches(db, c.water.map((w) => ({ name: w.name, kind: w.kind, width: w.widthM ?? null, geom: JSON.stringify(w.line ? { type: 'LineString', coordinates: w.line } : { type: 'Polygon', coordinates: [w.ring] }) })), (json) => sql`
    insert into water_areas (name, kind, geom)
    select name, kind::water_kind,
           ST_Multi(case when width is null then ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)
                         else ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)::geography, width / 2)::geometry end)
    from json_to_recordset(${json}) as x(name text, kind text, width float8, geom text)`)
  await insertJsonBatches(db, c.buildings.map((b, i) => ({ id: i + 1, use: b.use, floors: b.floors, households: b.households, population: b.population, ring: b.ring })), (json) => sql`
    insert into buildings (id, use, floors, households, population, geom)
    select id, use::building_use, floors, households, population,
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'Polygon', 'coordinates', json_build_array(ring))), 4326))
    from json_to_recordset(${json}) as x(id int, use text, floors int, households int, population int, ring json)`, { batchSize: 10_000 })
}

async function insertAssets(db: Database, c: DemoCounty) {
  const communityId = (index: number) => c.townships.length + 2 + index
  await insertJsonBatches(db, c.keySites.map((s) => ({ name: s.name, kind: s.kind, lon: s.point[0], lat: s.point[1], ring: s.footprint })), (json) => sql`
    insert into key_sites (name, kind, geom, footprint)
    select name, kind::key_site_kind, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
           case when ring is null then null
                else ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'Polygon', 'coordinates', json_build_array(ring))), 4326)) end
    from json_to_recordset(${json}) as x(name text, kind text, lon float8, lat float8, ring json)`)
  await db.execute(sql`update key_sites k set community_id = a.id from admin_areas a where a.level = 'community' and ST_Covers(a.geom, k.geom)`)
  await insertJsonBatches(db, c.posts.map((p) => ({ code: p.code, name: p.name, kind: p.kind, station: p.station + 1, community: communityId(p.community), address: p.address, staff: p.staff, lon: p.point[0], lat: p.point[1] })), (json) => sql`
    insert into police_posts (code, name, kind, station_id, community_id, address, staff, geom)
    select code, name, kind::post_kind, station, community, address, staff, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    from json_to_recordset(${json}) as x(code text, name text, kind text, station int, community int, address text, staff int, lon float8, lat float8)`)
  const cameras = c.cameras.map((k) => ({ code: k.code, name: k.name, lon: k.point[0], lat: k.point[1], bearing: k.bearing, fov: k.fov, range: k.rangeM, height: k.heightM, kind: k.kind, status: k.status, owner: k.owner, station: k.station + 1, installed: k.installedOn.toISOString().slice(0, 10) }))
  await insertJsonBatches(db, cameras, (json) => sql`
    insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner, station_id, installed_on)
    select code, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326), bearing, fov, range, height,
           kind::camera_kind, status::camera_status, owner::camera_owner, station, installed::date
    from json_to_recordset(${json})
      as x(code text, name text, lon float8, lat float8, bearing real, fov real, range real, height real, kind text, status text, owner text, station int, installed text)`, { batchSize: 10_000 })
}

async function insertPeople(db: Database, c: DemoCounty) {
  const communityId = (index: number) => c.townships.length + 2 + index
  await insertJsonBatches(db, c.people.map((p, i) => ({ id: i + 1, name: p.name, role: p.role, badge: p.badgeNo, phone: p.phone, station: p.station === null ? null : p.station + 1, org: p.organisation })), (json) => sql`
    insert into people (id, name, role, badge_no, phone, station_id, organisation)
    select id, name, role::person_role, badge, phone, station, org
    from json_to_recordset(${json}) as x(id int, name text, role text, badge text, phone text, station int, org text)`)
  await insertJsonBatches(db, c.gridDuties.map((d) => ({ grid: d.grid + 1, person: d.person + 1, duty: d.duty, since: d.since.toISOString().slice(0, 10) })), (json) => sql`
    insert into grid_duties (grid_id, person_id, duty, since)
    select grid, person, duty::grid_duty_role, since::date
    from json_to_recordset(${json}) as x(grid int, person int, duty text, since text)`)
  await insertJsonBatches(db, c.dutyShifts.map((s) => ({ person: s.person + 1, area: communityId(s.community), starts: s.startsAt.toISOString(), ends: s.endsAt.toISOString() })), (json) => sql`
    insert into duty_shifts (person_id, area_id, starts_at, ends_at)
    select person, area, starts::timestamptz, ends::timestamptz
    from json_to_recordset(${json}) as x(person int, area int, starts text, ends text)`)
}

/**
 * Incidents go through the same assignment as live ingest (`incidentAssignment`). Rows are staged
 * first, so point construction and time parsing happen once per row, not at every use in the lateral.
 */
async function insertIncidents(db: Database, c: DemoCounty, onProgress: (done: number) => void) {
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
        id: i + 1,
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

async function insertCases(db: Database, c: DemoCounty) {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
  const disputes = c.disputes.map((d, i) => ({
    id: i + 1, code: d.code, incident: d.incident === null ? null : d.incident + 1, type: d.type, risk: d.risk, tier: d.tier, status: d.status,
    summary: d.summary, lon: d.point[0], lat: d.point[1], mediator: d.mediator === null ? null : d.mediator + 1,
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

  await insertJsonBatches(db, c.households.map((h) => ({ address: h.address, head: h.headName, members: h.members, colour: h.colour, reason: h.reason, reviewed: day(h.reviewedOn), next: day(h.nextReviewOn), lon: h.point[0], lat: h.point[1], building: h.building + 1 })), (json) => sql`
    insert into households (building_id, address, head_name, members, colour, reason, reviewed_on, next_review_on, geom)
    select building, address, head, members, colour::risk_colour, reason, reviewed::date, next::date, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    from json_to_recordset(${json}) as x(building int, address text, head text, members int, colour text, reason text, reviewed text, next text, lon float8, lat float8)`)

  const communityId = (index: number) => c.townships.length + 2 + index
  for (const [t, patrol] of c.patrols.entries()) {
    const community = c.communities[patrol.team.community]!
    await db.execute(sql`
      insert into patrol_teams (id, name, station_id, community_id, members)
      values (${t + 1}, ${patrol.team.name}, ${c.townships[community.township]!.station + 1}, ${communityId(patrol.team.community)}, ${patrol.team.members})`)
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

async function finish(db: Database, c: DemoCounty) {
  // Population and households of each grid come from the buildings inside it.
  await db.execute(sql`
    update grids g set population = s.population, households = s.households
    from (select g2.id, sum(b.population)::int as population, sum(b.households)::int as households
          from grids g2 join buildings b on ST_Intersects(g2.geom, ST_PointOnSurface(b.geom))
          group by g2.id) s
    where g.id = s.id`)
  // Rows were inserted with explicit ids: move every sequence past them.
  for (const table of ['stations', 'admin_areas', 'boundary_versions', 'grids', 'buildings', 'people', 'incidents', 'disputes', 'patrol_teams']) {
    await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`))
  }
  await db.execute(sql`
    insert into app_meta (key, value)
    values (${DEMO_KEY}, ${JSON.stringify({ seed: c.config.seed, sizes: c.config.sizes, generatedFor: c.config.now.toISOString(), county: c.county })}::jsonb)`)
}
