import { sql, type SQL } from 'drizzle-orm'
import type { PublishResult } from '../contracts/plans'
import { currentVersionId } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { reassignIncidents } from '../spatial/assign-incidents'
import { openDisputeStatuses } from '../spatial/dispute-status'
import { sameOutline } from '../spatial/overlay'
import { InputError } from './errors'
import { assignCodes } from './grid-codes'


/**
 * Publishes a new boundary version in the caller's transaction, which must hold the boundary_versions
 * lock. `grids` selects the grids of the new version with the columns
 *   code (kept when not null), name, kind, community_id, geom,
 *   source_grid_id (a grid of the version in force it continues: its duties, and its coverage when the
 *   outline is the same), officer_id (网格长; null = the source's).
 * The version in force is closed at the same instant the new one opens; open incidents are re-assigned
 * against the new one (set-based); closed ones keep the assignment of their time. Live clients are told.
 */
export async function publishVersion(tx: Database, options: { name: string; author: string; note?: string | null; grids: SQL; toleranceM?: number }): Promise<PublishResult> {
  const [current] = await queryRows<{ id: number | null }>(tx, sql`select ${currentVersionId} as id`)
  if (!current?.id) throw new InputError('No boundary version is in force', 'version', 409)
  await tx.execute(sql`
    create temp table pub_grids (idx serial, code text, name text, kind grid_kind, community_id int, geom geometry, source_grid_id int, officer_id int, new_id int) on commit drop`)
  await tx.execute(sql`insert into pub_grids (code, name, kind, community_id, geom, source_grid_id, officer_id) select * from (${options.grids}) g`)

  // Codes: kept ones stay, the others are numbered in reading order with the free numbers of their community.
  const candidates = await queryRows<{ idx: number; code: string | null; community_code: string; x: number; y: number }>(tx, sql`
    select p.idx, p.code, c.code as community_code,
           ST_X(ST_PointOnSurface(p.geom)) * cos(radians(ST_Y(ST_PointOnSurface(p.geom)))) as x, ST_Y(ST_PointOnSurface(p.geom)) as y
    from pub_grids p join admin_areas c on c.id = p.community_id order by p.idx`)
  const codes = assignCodes(candidates)
  const asked = new Map(candidates.map((c) => [c.idx, c.code]))
  const kept = codes.filter((c) => asked.get(c.idx) === c.code).length
  await tx.execute(sql`update pub_grids p set code = c.code from json_to_recordset(${JSON.stringify(codes)}::json) as c(idx int, code text) where c.idx = p.idx`)

  const [version] = await queryRows<{ id: number }>(tx, sql`
    insert into boundary_versions (name, status, author, note, effective_from)
    values (${options.name}, 'published', ${options.author}, ${options.note ?? null}, now()) returning id`)
  const versionId = version!.id
  await tx.execute(sql`update boundary_versions set status = 'retired', effective_to = now() where id = ${current.id}`)
  await tx.execute(sql`
    with inserted as (
      insert into grids (version_id, code, name, kind, community_id, geom)
      select ${versionId}, code, name, kind, community_id, geom from pub_grids returning id, code
    )
    update pub_grids p set new_id = i.id from inserted i where i.code = p.code`)
  await tx.execute(sql`
    update grids g set population = coalesce(s.population, 0), households = coalesce(s.households, 0)
    from (select g2.id, sum(b.population)::int as population, sum(b.households)::int as households
          from grids g2 left join buildings b on b.geom && g2.geom and ST_Covers(g2.geom, ST_PointOnSurface(b.geom))
          where g2.version_id = ${versionId} group by g2.id) s
    where g.id = s.id`)

  await carryDuties(tx, current.id)
  // Coverage of an unchanged outline is the same: copied, not computed again.
  await tx.execute(sql`
    insert into grid_coverage (grid_id, area_m2, area_seen_m2, area_seen_online_m2, road_m, road_seen_m, road_seen_online_m, cameras, cameras_online, blind_all, blind_online, computed_at)
    select p.new_id, gc.area_m2, gc.area_seen_m2, gc.area_seen_online_m2, gc.road_m, gc.road_seen_m, gc.road_seen_online_m, gc.cameras, gc.cameras_online, gc.blind_all, gc.blind_online, gc.computed_at
    from pub_grids p join grids s on s.id = p.source_grid_id join grid_coverage gc on gc.grid_id = s.id
    where ${sameOutline(sql`s.geom`, sql`p.geom`)}`)

  // Open incidents move to the new version; the grid they had (by code) tells which ones changed hands.
  await tx.execute(sql`
    create temp table pub_open on commit drop as
    select i.id, g.code as old_code from incidents i left join grids g on g.id = i.grid_id where i.closed_at is null`)
  await reassignIncidents(tx, sql`i.closed_at is null`, options.toleranceM, sql`now()`)
  const [moves] = await queryRows<{ open: number; moved: number }>(tx, sql`
    select count(*)::int as open, count(*) filter (where o.old_code is distinct from g.code)::int as moved
    from pub_open o join incidents i on i.id = o.id left join grids g on g.id = i.grid_id`)

  // Open dispute cases follow their point into the new grids too (closed ones keep the grid of their time).
  await tx.execute(sql`
    update disputes d set grid_id = x.grid_id, version_id = ${versionId}
    from (select d2.id, (select g.id from grids g where g.version_id = ${versionId} and ST_Covers(g.geom, d2.geom) order by g.code limit 1) as grid_id
          from disputes d2 where d2.status::text in ${openDisputeStatuses}) x
    where x.id = d.id and x.grid_id is not null`)
  await tx.execute(sql`insert into live_events (topic, entity_id) values ('grids.published', ${versionId})`)
  await tx.execute(sql`select pg_notify('gridwatch_live', '')`)
  return {
    versionId,
    previousVersionId: current.id,
    grids: codes.length,
    keptCodes: kept,
    renumbered: codes.length - kept,
    reassignedIncidents: moves?.open ?? 0,
    movedIncidents: moves?.moved ?? 0,
  }
}

/**
 * Duties follow the grids: each new grid takes the current duties of the grid it continues, its 网格长
 * replaced by the one the plan names (who keeps the start date when it is the same person); the duties
 * on the closing version end today.
 */
async function carryDuties(tx: Database, previousVersionId: number) {
  const today = sql`(now() at time zone 'Asia/Shanghai')::date`
  await tx.execute(sql`
    insert into grid_duties (grid_id, person_id, duty, since)
    select p.new_id, d.person_id, d.duty, d.since
    from pub_grids p join grid_duties d on d.grid_id = p.source_grid_id and d.until is null
    where d.duty <> 'responsible_officer' or p.officer_id is null or p.officer_id = d.person_id`)
  await tx.execute(sql`
    insert into grid_duties (grid_id, person_id, duty, since)
    select p.new_id, p.officer_id, 'responsible_officer', ${today}
    from pub_grids p
    where p.officer_id is not null
      and not exists (select 1 from grid_duties d where d.grid_id = p.new_id and d.duty = 'responsible_officer' and d.until is null)`)
  await tx.execute(sql`
    update grid_duties d set until = greatest(d.since, ${today})
    from grids g where g.id = d.grid_id and g.version_id = ${previousVersionId} and d.until is null`)
}
