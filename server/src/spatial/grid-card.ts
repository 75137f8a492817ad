import { sql, type SQL } from 'drizzle-orm'
import type { GridCard } from '../contracts/wall'
import { gridScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { localMonthStarts, sameTimeLastYear } from './county-time'
import { openDisputeStatuses } from './dispute-status'

/**
 * Rows of `table` (with grid_id, version_id, geom) that fall in grid `gid`: those stored against the
 * grid's own version by their stored grid (B-tree), any other by its point (GiST; lowest code wins on
 * a shared edge) — the rule of the grid statistics, so a card and the choropleth agree across versions.
 * Two branches rather than one OR, so each keeps its index.
 */
const rowsInGrid = (table: 'incidents' | 'disputes', gid: number, where: SQL): SQL => {
  const t = sql.raw(table)
  return sql`(
    select x.* from ${t} x join grids g on g.id = ${gid}
    where x.grid_id = g.id and x.version_id = g.version_id and ${where}
    union all
    select x.* from ${t} x join grids g on g.id = ${gid}
    where x.version_id is distinct from g.version_id and ST_Covers(g.geom, x.geom) and ${where}
      and not exists (select 1 from grids o where o.version_id = g.version_id and o.code < g.code and ST_Covers(o.geom, x.geom)))`
}

type Contact = NonNullable<GridCard['people']>['gridWorkers'][number]

/** Everything the wall's grid card shows; null when the grid does not exist or is outside the scope. */
export async function gridCard(db: Database, scope: Scope, gridId: number, options: { withPeople: boolean; now?: Date }): Promise<GridCard | null> {
  const now = options.now ?? new Date()
  const [grid] = await queryRows<GridCard['grid']>(db, sql`
    select g.id, g.code, g.name, g.kind, c.name as community, t.name as township,
           case when s.id is null then null else json_build_object('id', s.id, 'name', s.name, 'dutyPhone', s.duty_phone) end as station,
           g.population, g.households, round((ST_Area(g.geom::geography) / 1e6)::numeric, 3)::float8 as "areaKm2"
    from grids g
    join admin_areas c on c.id = g.community_id
    join admin_areas t on t.id = c.parent_id
    left join stations s on s.id = c.station_id
    where g.id = ${gridId} and ${gridScope(scope, 'g')}`)
  if (!grid) return null

  // 24 local months: the 12 shown and, for each, the same month a year earlier.
  const months = localMonthStarts(now, 24)
  const bounds = [...months.map((m) => m.start.toISOString()), now.toISOString()]
  // Last year's current month stops at the same time last year, so the running month compares like with like.
  const lastYearNow = sameTimeLastYear(now).toISOString()
  const counts = await queryRows<{ bucket: number; n: number }>(db, sql`
    select width_bucket(extract(epoch from i.reported_at), ${`{${bounds.map((b) => Date.parse(b) / 1000).join(',')}}`}::float8[]) as bucket,
           count(*) filter (where i.reported_at < ${lastYearNow}::timestamptz or i.reported_at >= ${months[12]!.start.toISOString()}::timestamptz)::int as n
    from ${rowsInGrid('incidents', gridId, sql`x.reported_at >= ${bounds[0]}::timestamptz and x.reported_at < ${now.toISOString()}::timestamptz`)} i
    group by 1`)
  const perMonth = new Array<number>(24).fill(0)
  for (const c of counts) if (c.bucket >= 1 && c.bucket <= 24) perMonth[c.bucket - 1] = c.n
  const trend = months.slice(12).map((m, i) => ({ month: m.month, incidents: perMonth[i + 12]!, lastYear: perMonth[i]! }))

  // Rolling year-over-year: the last 365 days against the 365 before.
  const [yoy] = await queryRows<{ last: number; previous: number }>(db, sql`
    select count(*) filter (where i.reported_at >= ${now.toISOString()}::timestamptz - interval '365 days')::int as last,
           count(*) filter (where i.reported_at < ${now.toISOString()}::timestamptz - interval '365 days')::int as previous
    from ${rowsInGrid('incidents', gridId, sql`x.reported_at >= ${now.toISOString()}::timestamptz - interval '730 days' and x.reported_at < ${now.toISOString()}::timestamptz`)} i`)
  const [disputes] = await queryRows<{ open: number }>(db, sql`
    select count(*)::int as open from ${rowsInGrid('disputes', gridId, sql`x.status in ${openDisputeStatuses}`)} d`)
  const [cameras] = await queryRows<{ online: number; total: number }>(db, sql`
    select count(*) filter (where c.status = 'online')::int as online, count(*)::int as total
    from grids g join cameras c on ST_Covers(g.geom, c.geom) where g.id = ${gridId}`)

  let people: GridCard['people'] = null
  if (options.withPeople) {
    const duties = await queryRows<Contact & { duty: 'responsible_officer' | 'assistant' | 'grid_worker' }>(db, sql`
      select d.duty, p.id, p.name, p.phone, p.badge_no as "badgeNo"
      from grid_duties d join people p on p.id = d.person_id
      where d.grid_id = ${gridId} and d.until is null and p.active
      order by d.duty, p.name`)
    const contact = ({ id, name, phone, badgeNo }: Contact): Contact => ({ id, name, phone, badgeNo })
    const of = (duty: string) => duties.filter((d) => d.duty === duty).map(contact)
    people = { responsibleOfficer: of('responsible_officer')[0] ?? null, assistant: of('assistant')[0] ?? null, gridWorkers: of('grid_worker') }
  }

  const { last, previous } = yoy!
  return {
    grid,
    people,
    trend,
    yearOverYear: { last365Days: last, previous365Days: previous, change: previous > 0 ? (last - previous) / previous : null },
    openDisputes: disputes!.open,
    cameras: { rate: cameras!.total > 0 ? cameras!.online / cameras!.total : null, numerator: cameras!.online, denominator: cameras!.total },
  }
}
