import { responseTargets } from '@gridwatch/data'
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { openDisputeStatuses } from './dispute-status'

export interface GridStats {
  gridId: number
  code: string
  name: string
  incidents: number
  /** The same window one year earlier. */
  previousYear: number
  /** (incidents − previousYear) / previousYear; null without a previous year. */
  yearOverYear: number | null
  open: number
  /** Disputes of the grid still being worked on (now, whatever the window). */
  openDisputes: number
  byCategory: Record<string, number>
  /** Shares (0–1) of incidents meeting each target, among those that reached that step; null if none did. */
  acceptedWithin1Min: number | null
  contactedWithin3Min: number | null
  onSceneWithin10Min: number | null
  onSceneWithin8Min: number | null
}

/**
 * Per-grid statistics for [from, to) against one boundary version. Incidents keep their points, so
 * statistics stay comparable across versions: an incident stored against this version counts in its
 * stored grid; any other is placed by its point among this version's grids (GiST-indexed).
 */
export async function gridStats(db: Database, options: { from: Date; to: Date; versionId?: number; gridFilter?: SQL }): Promise<{ versionId: number | null; grids: GridStats[] }> {
  const [version] = await queryRows<{ id: number }>(db, sql`
    select id from boundary_versions
    where ${options.versionId ? sql`id = ${options.versionId}` : sql`status = 'published' and effective_from <= now() and (effective_to is null or now() < effective_to)`}
    order by effective_from desc nulls last limit 1`)
  if (!version) return { versionId: null, grids: [] }
  const v = version.id
  const from = options.from.toISOString()
  const to = options.to.toISOString()
  const yearAgo = sql`interval '1 year'`
  const scoped = sql`
    select i.*, coalesce(case when i.version_id = ${v} then i.grid_id end,
                         (select g.id from grids g where g.version_id = ${v} and ST_Covers(g.geom, i.geom) order by g.code limit 1)) as stat_grid,
           i.reported_at >= ${from}::timestamptz as current
    from incidents i
    where (i.reported_at >= ${from}::timestamptz and i.reported_at < ${to}::timestamptz)
       or (i.reported_at >= ${from}::timestamptz - ${yearAgo} and i.reported_at < ${to}::timestamptz - ${yearAgo})`
  const within = (column: string, seconds: number) =>
    sql.raw(`(count(*) filter (where s.current and s.${column} <= s.reported_at + interval '${seconds} seconds'))::float8
             / nullif(count(*) filter (where s.current and s.${column} is not null), 0)`)
  const rows = await queryRows<Omit<GridStats, 'yearOverYear' | 'byCategory' | 'openDisputes'>>(db, sql`
    with s as (${scoped})
    select g.id as "gridId", g.code, g.name,
           count(s.id) filter (where s.current)::int as incidents,
           count(s.id) filter (where not s.current)::int as "previousYear",
           count(s.id) filter (where s.current and s.closed_at is null)::int as open,
           ${within('accepted_at', responseTargets.acceptS)} as "acceptedWithin1Min",
           ${within('contacted_at', responseTargets.contactS)} as "contactedWithin3Min",
           ${within('on_scene_at', responseTargets.onSceneS)} as "onSceneWithin10Min",
           ${within('on_scene_at', responseTargets.onSceneFastS)} as "onSceneWithin8Min"
    from grids g left join s on s.stat_grid = g.id
    where g.version_id = ${v} and ${options.gridFilter ?? sql`true`}
    group by g.id, g.code, g.name
    order by g.code`)
  const categories = await queryRows<{ grid: number; category: string; n: number }>(db, sql`
    with s as (${scoped})
    select stat_grid as grid, category_code as category, count(*)::int as n from s where current and stat_grid is not null group by 1, 2`)
  const disputes = await queryRows<{ grid: number; n: number }>(db, sql`
    select coalesce(case when d.version_id = ${v} then d.grid_id end,
                    (select g.id from grids g where g.version_id = ${v} and ST_Covers(g.geom, d.geom) order by g.code limit 1)) as grid,
           count(*)::int as n
    from disputes d where d.status in ${openDisputeStatuses} group by 1`)
  const openDisputes = new Map(disputes.map((d) => [d.grid, d.n]))
  const byGrid = new Map<number, Record<string, number>>()
  for (const c of categories) byGrid.set(c.grid, { ...byGrid.get(c.grid), [c.category]: c.n })
  return {
    versionId: v,
    grids: rows.map((r) => ({
      ...r,
      yearOverYear: r.previousYear > 0 ? (r.incidents - r.previousYear) / r.previousYear : null,
      openDisputes: openDisputes.get(r.gridId) ?? 0,
      byCategory: byGrid.get(r.gridId) ?? {},
    })),
  }
}
