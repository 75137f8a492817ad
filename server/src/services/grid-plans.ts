import { sql, type SQL } from 'drizzle-orm'
import type { MultiPolygon } from 'geojson'
import type { PlanDetail, PlanGridFeature, PlanSummary, planCreate, planSave } from '../contracts/plans'
import type { z } from 'zod'
import { currentVersionId } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'

type SummaryRow = Omit<PlanSummary, 'area' | 'author'> & { areaId: number; areaName: string; areaLevel: 'township' | 'community'; authorId: number; authorName: string }

const summarySql = (where: SQL) => sql`
  select p.id, p.name, p.note, p.status::text as status, p.base_version_id as "baseVersionId",
         p.base_version_id is distinct from ${currentVersionId} as stale,
         a.id as "areaId", a.name as "areaName", a.level::text as "areaLevel",
         u.id as "authorId", u.display_name as "authorName",
         p.created_at as "createdAt", p.updated_at as "updatedAt", p.revision, p.published_version_id as "publishedVersionId",
         (select count(*)::int from grid_plan_grids g where g.plan_id = p.id) as grids
  from grid_plans p join admin_areas a on a.id = p.area_id join users u on u.id = p.author_id
  where ${where}`

const toSummary = ({ areaId, areaName, areaLevel, authorId, authorName, createdAt, updatedAt, ...r }: SummaryRow): PlanSummary => ({
  ...r,
  area: { id: areaId, name: areaName, level: areaLevel },
  author: { id: authorId, name: authorName },
  createdAt: new Date(createdAt).toISOString(),
  updatedAt: new Date(updatedAt).toISOString(),
})

/** Every plan, drafts first, newest first. */
export async function listPlans(db: Database): Promise<PlanSummary[]> {
  const rows = await queryRows<SummaryRow>(db, sql`${summarySql(sql`true`)} order by p.status = 'draft' desc, p.updated_at desc, p.id desc`)
  return rows.map(toSummary)
}

export async function getPlan(db: Database, id: number): Promise<PlanDetail | null> {
  const [row] = await queryRows<SummaryRow>(db, summarySql(sql`p.id = ${id}`))
  if (!row) return null
  const grids = await queryRows<PlanGridFeature['properties'] & { geometry: string }>(db, sql`
    select g.key, g.name, g.kind::text as kind, g.community_id as "communityId", g.source_grid_id as "sourceGridId",
           g.code, g.responsible_officer_id as "responsibleOfficerId", ST_AsGeoJSON(g.geom, 9) as geometry
    from grid_plan_grids g where g.plan_id = ${id} order by g.key`)
  return {
    ...toSummary(row),
    features: {
      type: 'FeatureCollection',
      features: grids.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry: JSON.parse(geometry) as MultiPolygon, properties })),
    },
  }
}

/**
 * A new draft of a community or township: its grids as they are in force, each keeping its code, its
 * source grid and its current 网格长.
 */
export async function createPlan(db: Database, authorId: number, input: z.infer<typeof planCreate>): Promise<PlanDetail> {
  const id = await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const [area] = await queryRows<{ level: string }>(tx, sql`select level::text as level from admin_areas where id = ${input.areaId}`)
    if (!area || !['community', 'township'].includes(area.level)) throw new InputError('areaId must be a community or a township', 'areaId', 422)
    const [plan] = await queryRows<{ id: number; base: number | null }>(tx, sql`
      insert into grid_plans (name, note, area_id, base_version_id, author_id)
      select ${input.name}, ${input.note ?? null}, ${input.areaId}, v.id, ${authorId} from (select ${currentVersionId} as id) v where v.id is not null
      returning id, base_version_id as base`)
    if (!plan) throw new InputError('No boundary version is in force: import or publish grids first', 'areaId', 409)
    await tx.execute(sql`
      insert into grid_plan_grids (plan_id, key, source_grid_id, code, name, kind, community_id, responsible_officer_id, geom)
      select ${plan.id}, g.code, g.id, g.code, g.name, g.kind, g.community_id,
             (select d.person_id from grid_duties d where d.grid_id = g.id and d.duty = 'responsible_officer' and d.until is null limit 1),
             g.geom
      from grids g join admin_areas c on c.id = g.community_id
      where g.version_id = ${plan.base} and (c.id = ${input.areaId} or c.parent_id = ${input.areaId})`)
    return plan.id
  })
  return (await getPlan(db, id))!
}

/**
 * Replaces the grids of a draft (the editor sends the whole set): refused when the plan is no longer a
 * draft or the editor's revision is not the latest. Geometry is stored as drawn, valid or not: the
 * validation reports what is wrong and where.
 */
export async function savePlanGrids(db: Database, id: number, input: z.infer<typeof planSave>): Promise<PlanDetail | null> {
  const saved = await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const [plan] = await queryRows<{ status: string; revision: number; base: number }>(tx, sql`
      select status::text as status, revision, base_version_id as base from grid_plans where id = ${id} for update`)
    if (!plan) return false
    if (plan.status !== 'draft') throw new InputError(`The plan is ${plan.status}; only drafts change`, 'id', 409)
    if (plan.revision !== input.revision) throw new InputError(`The plan was saved meanwhile (revision ${plan.revision}, yours ${input.revision}): reload it`, 'revision', 409)
    const features = input.grids.features
    const keys = new Set<string>()
    features.forEach((f, i) => {
      if (keys.has(f.properties.key)) throw new InputError(`key ${f.properties.key} is used twice`, `grids.features.${i}.properties.key`, 422)
      keys.add(f.properties.key)
    })
    const rows = features.map((f, i) => ({ ...f.properties, i, geometry: JSON.stringify(f.geometry) }))
    const [unknown] = await queryRows<{ i: number; field: string }>(tx, sql`
      select x.i, case when c.id is null then 'communityId' when x."sourceGridId" is not null and g.id is null then 'sourceGridId' else 'responsibleOfficerId' end as field
      from json_to_recordset(${JSON.stringify(rows)}::json) as x("communityId" int, "sourceGridId" int, "responsibleOfficerId" int, i int)
      left join admin_areas c on c.id = x."communityId" and c.level = 'community'
      left join grids g on g.id = x."sourceGridId" and g.version_id = ${plan.base}
      left join people p on p.id = x."responsibleOfficerId"
      where c.id is null or (x."sourceGridId" is not null and g.id is null) or (x."responsibleOfficerId" is not null and p.id is null)
      order by x.i limit 1`)
    if (unknown) throw new InputError(`No such ${unknown.field === 'communityId' ? 'community' : unknown.field === 'sourceGridId' ? 'grid in the base version' : 'person'}`, `grids.features.${unknown.i}.properties.${unknown.field}`, 422)
    await tx.execute(sql`delete from grid_plan_grids where plan_id = ${id}`)
    if (rows.length > 0) {
      await tx.execute(sql`
        insert into grid_plan_grids (plan_id, key, source_grid_id, name, kind, community_id, responsible_officer_id, code, geom)
        select ${id}, x.key, x."sourceGridId", x.name, x.kind::grid_kind, x."communityId", x."responsibleOfficerId", x.code,
               ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326)))
        from json_to_recordset(${JSON.stringify(rows)}::json)
          as x(key text, "sourceGridId" int, name text, kind text, "communityId" int, "responsibleOfficerId" int, code text, geometry text)`)
    }
    await tx.execute(sql`update grid_plans set revision = revision + 1, updated_at = now() where id = ${id}`)
    return true
  })
  return saved ? getPlan(db, id) : null
}

/** A draft set aside (kept for the record, never published). */
export async function discardPlan(db: Database, id: number): Promise<boolean> {
  const [plan] = await queryRows<{ status: string }>(db, sql`select status::text as status from grid_plans where id = ${id}`)
  if (!plan) return false
  if (plan.status !== 'draft') throw new InputError(`The plan is ${plan.status}; only drafts can be discarded`, 'id', 409)
  await db.execute(sql`update grid_plans set status = 'discarded', updated_at = now() where id = ${id} and status = 'draft'`)
  return true
}
