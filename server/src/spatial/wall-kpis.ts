import { responseTargets } from '@gridwatch/data'
import { sql, type SQL } from 'drizzle-orm'
import type { Rate, WallKpis } from '../contracts/wall'
import { cameraScope, communityScope, gridIdScope, incidentScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { openDisputeStatuses } from './dispute-status'
import { localDayWindow, sameTimeLastYear, startOfLocalDay } from './county-time'

const rateOf = (numerator: number, denominator: number): Rate => ({ rate: denominator > 0 ? numerator / denominator : null, numerator, denominator })

/**
 * A response target as [met, counted]: an incident counts once it reached the step, or once the
 * target passed without it (overdue, whether still open or closed late). Only an incident closed
 * without the step before the target passed (settled by phone, say) does not count.
 */
function target(column: string, seconds: number, now: Date): SQL {
  const step = sql.raw(`i.${column}`)
  const due = sql`i.reported_at + make_interval(secs => ${seconds})`
  return sql`count(*) filter (where ${step} is not null and ${step} <= ${due})::int,
             count(*) filter (where ${step} is not null or coalesce(i.closed_at, ${now.toISOString()}::timestamptz) > ${due})::int`
}

/** The wall's KPI strip for one county day, inside the caller's scope. */
export async function wallKpis(db: Database, scope: Scope, day: string, now = new Date()): Promise<WallKpis> {
  const { from, to } = localDayWindow(day, now)
  // The same length of time from the same local midnight: shifting both ends a year would make
  // 28 February → 1 March a two-day window (or an empty one) around a leap day.
  const lastYearFrom = sameTimeLastYear(from)
  const lastYearTo = new Date(lastYearFrom.getTime() + (to.getTime() - from.getTime()))
  const inScope = incidentScope(scope)
  const [today] = await queryRows<{ n: number; open: number; acc: [number, number]; con: [number, number]; scene: [number, number]; fast: [number, number] }>(db, sql`
    select count(*)::int as n, count(*) filter (where i.closed_at is null)::int as open,
           array[${target('accepted_at', responseTargets.acceptS, now)}] as acc,
           array[${target('contacted_at', responseTargets.contactS, now)}] as con,
           array[${target('on_scene_at', responseTargets.onSceneS, now)}] as scene,
           array[${target('on_scene_at', responseTargets.onSceneFastS, now)}] as fast
    from incidents i
    where i.reported_at >= ${from.toISOString()}::timestamptz and i.reported_at < ${to.toISOString()}::timestamptz and ${inScope}`)
  const categories = await queryRows<{ code: string; today: number; lastYear: number }>(db, sql`
    select i.category_code as code,
           count(*) filter (where i.reported_at >= ${from.toISOString()}::timestamptz)::int as today,
           count(*) filter (where i.reported_at < ${lastYearTo.toISOString()}::timestamptz)::int as "lastYear"
    from incidents i
    where ((i.reported_at >= ${from.toISOString()}::timestamptz and i.reported_at < ${to.toISOString()}::timestamptz)
        or (i.reported_at >= ${lastYearFrom.toISOString()}::timestamptz and i.reported_at < ${lastYearTo.toISOString()}::timestamptz))
      and ${inScope}
    group by i.category_code
    order by today desc, "lastYear" desc, code`)
  const yearStart = startOfLocalDay(`${day.slice(0, 4)}-01-01`)
  const [disputes] = await queryRows<{ resolved: number; total: number; open: number }>(db, sql`
    select count(*) filter (where d.opened_at >= ${yearStart.toISOString()}::timestamptz and d.opened_at < ${to.toISOString()}::timestamptz
                              and d.status in ('closed','evaluated') and d.outcome in ('agreement','judicial_confirmation'))::int as resolved,
           count(*) filter (where d.opened_at >= ${yearStart.toISOString()}::timestamptz and d.opened_at < ${to.toISOString()}::timestamptz)::int as total,
           count(*) filter (where d.status in ${openDisputeStatuses})::int as open
    from disputes d where d.status <> 'cancelled' and ${gridIdScope(scope, sql`d.grid_id`)}`)
  const [cams] = await queryRows<{ online: number; total: number }>(db, sql`
    select count(*) filter (where c.status = 'online')::int as online, count(*)::int as total from cameras c where ${cameraScope(scope)}`)
  const [communities] = await queryRows<{ quiet: number; total: number }>(db, sql`
    select count(*) filter (where not exists (
             select 1 from incidents i join grids g on g.id = i.grid_id
             where g.community_id = a.id and i.reported_at >= ${from.toISOString()}::timestamptz and i.reported_at < ${to.toISOString()}::timestamptz
               and ${inScope}))::int as quiet,
           count(*)::int as total
    from admin_areas a where a.level = 'community' and ${communityScope(scope, 'a')}`)
  const lastYear = categories.reduce((n, c) => n + c.lastYear, 0)
  const t = today!
  return {
    day,
    from: from.toISOString(),
    to: to.toISOString(),
    lastYearFrom: lastYearFrom.toISOString(),
    lastYearTo: lastYearTo.toISOString(),
    incidents: {
      today: t.n,
      sameDayLastYear: lastYear,
      change: lastYear > 0 ? (t.n - lastYear) / lastYear : null,
      open: t.open,
      byCategory: categories.map((c) => ({ code: c.code, today: c.today, sameDayLastYear: c.lastYear })),
    },
    acceptedWithin1Min: rateOf(...t.acc),
    contactedWithin3Min: rateOf(...t.con),
    onSceneWithin10Min: rateOf(...t.scene),
    onSceneWithin8Min: rateOf(...t.fast),
    disputeResolution: rateOf(disputes!.resolved, disputes!.total),
    openDisputes: disputes!.open,
    camerasOnline: rateOf(cams!.online, cams!.total),
    zeroIncidentCommunities: { count: communities!.quiet, of: communities!.total },
  }
}
