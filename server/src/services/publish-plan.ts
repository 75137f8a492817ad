import { sql } from 'drizzle-orm'
import { currentVersionId } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { sameOutline } from '../spatial/overlay'
import { validatePlan } from '../spatial/planning/plan-validation'
import { InputError } from './errors'
import type { PublishResult } from '../contracts/plans'
import { publishVersion } from './publish-version'

/** Problems quoted in the refusal; the validation lists them all. */
const QUOTED = 3

/**
 * Publishes a draft plan, in the caller's transaction: the version in force with the plan's area
 * replaced by the plan's grids. Refused (409) for a plan that is not a draft or was drafted from a
 * version no longer in force, and (422) while validation finds errors. Null when there is no such plan.
 */
export async function publishPlan(tx: Database, planId: number, options: { author: string; note?: string; toleranceM?: number }): Promise<(PublishResult & { planId: number }) | null> {
  await tx.execute(sql`lock table boundary_versions in share row exclusive mode`)
  const [plan] = await queryRows<{ name: string; status: string; areaId: number; base: number; current: number | null }>(tx, sql`
    select name, status::text as status, area_id as "areaId", base_version_id as base, ${currentVersionId} as current
    from grid_plans where id = ${planId} for update`)
  if (!plan) return null
  if (plan.status !== 'draft') throw new InputError(`The plan is ${plan.status}; only drafts are published`, 'id', 409)
  if (plan.base !== plan.current) {
    throw new InputError(`Version ${plan.current} was published after this plan was drafted from version ${plan.base}: draft the area again`, 'baseVersionId', 409)
  }
  const validation = (await validatePlan(tx, planId))!
  const errors = validation.problems.filter((p) => p.severity === 'error')
  if (errors.length > 0) {
    const more = errors.length > QUOTED ? ` (and ${errors.length - QUOTED} more)` : ''
    throw new InputError(`${errors.length} problem(s) block publishing: ${errors.slice(0, QUOTED).map((p) => p.message).join('; ')}${more}`, 'plan', 422)
  }
  const result = await publishVersion(tx, {
    name: plan.name,
    author: options.author,
    note: options.note ?? null,
    toleranceM: options.toleranceM,
    // Outside the area, the grids in force as they are; inside, the plan's (a code is kept while the
    // outline is the one of its source grid).
    grids: sql`
      select g.code, g.name, g.kind, g.community_id, g.geom, g.id as source_grid_id, null::int as officer_id
      from grids g join admin_areas c on c.id = g.community_id
      where g.version_id = ${plan.base} and c.id <> ${plan.areaId} and c.parent_id is distinct from ${plan.areaId}
      union all
      select case when p.code is not null and (s.id is null or ${sameOutline(sql`s.geom`, sql`p.geom`)}) then p.code end,
             p.name, p.kind, p.community_id, p.geom, p.source_grid_id, p.responsible_officer_id
      from grid_plan_grids p left join grids s on s.id = p.source_grid_id
      where p.plan_id = ${planId}`,
  })
  await tx.execute(sql`update grid_plans set status = 'published', published_version_id = ${result.versionId}, updated_at = now() where id = ${planId}`)
  return { planId, ...result }
}

/**
 * Roll back (or put an imported draft into force): publishes the grids of an earlier version again as a
 * new version. Each grid continues the grid in force with the same code (its duties and coverage); one
 * without takes the 网格长 it last had. Null when there is no such version.
 */
export async function republishVersion(tx: Database, versionId: number, options: { author: string; note?: string; toleranceM?: number }): Promise<PublishResult | null> {
  await tx.execute(sql`lock table boundary_versions in share row exclusive mode`)
  const [version] = await queryRows<{ name: string; current: number | null; grids: number }>(tx, sql`
    select v.name, ${currentVersionId} as current, (select count(*)::int from grids g where g.version_id = v.id) as grids
    from boundary_versions v where v.id = ${versionId}`)
  if (!version) return null
  if (version.current === versionId) throw new InputError('This version is the one in force', 'id', 409)
  if (version.grids === 0) throw new InputError('This version has no grids', 'id', 422)
  return publishVersion(tx, {
    name: `${version.name}（重新发布）`,
    author: options.author,
    note: options.note ?? `Republished from version ${versionId}`,
    toleranceM: options.toleranceM,
    grids: sql`
      select v.code, v.name, v.kind, v.community_id, v.geom, cur.id as source_grid_id,
             case when cur.id is null then (select d.person_id from grid_duties d where d.grid_id = v.id and d.duty = 'responsible_officer' order by d.since desc, d.id desc limit 1) end
      from grids v left join grids cur on cur.version_id = ${version.current} and cur.code = v.code
      where v.version_id = ${versionId}`,
  })
}
