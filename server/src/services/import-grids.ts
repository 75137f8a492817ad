import type { BoundaryFile } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { reassignIncidents } from '../spatial/assign-incidents'
import { OVERLAY_GRID } from '../spatial/overlay'
import { InputError } from './errors'
import { assignCodes, boundaryFields } from './grid-codes'

export interface GridImportOptions {
  /** Property holding the grid name; default: the first of name, NAME, Name, 名称, grid_name present. */
  nameField?: string
  /** Property holding a 15-digit grid code; other grids are numbered in reading order. */
  codeField?: string
  author: string
  note?: string
  toleranceM?: number
}

export interface GridImportResult {
  versionId: number
  /** published when the database had no boundaries yet (the grids take effect at once), else draft. */
  status: 'published' | 'draft'
  grids: number
  rejected: { index: number; field: string; reason: string }[]
  /** A default county/township/community was created for grids outside every known community. */
  defaultHierarchy: boolean
  reassignedIncidents: number
}

/** The default hierarchy for files that bring none: 990000 is no real county code. */
const DEFAULT = { county: '990000', township: '990000001', community: '990000001001' }

/**
 * Imports grid boundaries as a new boundary version, in one transaction. Invalid polygons are rejected
 * with PostGIS's reason and location; everything else is kept. Each grid belongs to the community that
 * contains it; grids outside every community go to a default hierarchy, so a file works on its own.
 */
export async function importGrids(db: Database, file: BoundaryFile, options: GridImportOptions): Promise<GridImportResult> {
  const { nameField, codeField } = boundaryFields(file, options)
  const rejected: GridImportResult['rejected'] = file.skipped.map((s) => ({ index: s.index, field: 'geometry', reason: s.reason }))
  const staged = file.features.map((f, index) => ({
    idx: index,
    name: nameField && f.properties[nameField] != null ? String(f.properties[nameField]).slice(0, 100) : null,
    code: codeField && f.properties[codeField] != null ? String(f.properties[codeField]).trim() : null,
    geom: JSON.stringify(f.geometry),
  }))

  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    // Two imports at once must not both find "no published version" and both publish.
    await tx.execute(sql`lock table boundary_versions in share row exclusive mode`)
    await tx.execute(sql`
      create temporary table import_grids on commit drop as
      select x.idx, x.name, x.code, ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326))) as geom
      from json_to_recordset(${JSON.stringify(staged)}::json) as x(idx int, name text, code text, geom text)`)
    const invalid = await queryRows<{ idx: number; reason: string }>(tx, sql`
      select idx,
             case when not ST_IsValid(geom) then ST_IsValidReason(geom)
                  when ST_XMin(geom) < -180 or ST_XMax(geom) > 180 or ST_YMin(geom) < -90 or ST_YMax(geom) > 90 then 'coordinates outside WGS84 range (is the file in another coordinate system?)'
                  else 'empty polygon' end as reason
      from import_grids
      where not ST_IsValid(geom) or ST_IsEmpty(geom) or ST_Area(geom) = 0
         or ST_XMin(geom) < -180 or ST_XMax(geom) > 180 or ST_YMin(geom) < -90 or ST_YMax(geom) > 90`)
    for (const row of invalid) rejected.push({ index: row.idx, field: 'geometry', reason: row.reason })
    if (invalid.length > 0) await tx.execute(sql`delete from import_grids where idx = any(${`{${invalid.map((r) => r.idx).join(',')}}`}::int[])`)
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from import_grids`)
    if (n === 0) throw new InputError('The file holds no valid grid polygon', 'file', 422)

    // Each grid goes to the community holding a point inside it; the rest to the default hierarchy.
    await tx.execute(sql`alter table import_grids add column community_id int`)
    await tx.execute(sql`
      update import_grids g set community_id = (
        select a.id from admin_areas a
        where a.level = 'community' and a.code <> ${DEFAULT.community} and ST_Covers(a.geom, ST_PointOnSurface(g.geom))
        order by a.code limit 1)`)
    const [orphans] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from import_grids where community_id is null`)
    const defaultHierarchy = orphans!.n > 0
    if (defaultHierarchy) await ensureDefaultHierarchy(tx)

    // Codes: a valid, unused 15-digit code from the file is kept; the others are numbered per community.
    const rows = await queryRows<{ idx: number; code: string | null; community_code: string; x: number; y: number }>(tx, sql`
      select g.idx, g.code, a.code as community_code,
             ST_X(ST_PointOnSurface(g.geom)) * cos(radians(ST_Y(ST_PointOnSurface(g.geom)))) as x, ST_Y(ST_PointOnSurface(g.geom)) as y
      from import_grids g join admin_areas a on a.id = g.community_id order by g.idx`)
    const codes = assignCodes(rows)
    await tx.execute(sql`
      update import_grids g set code = c.code
      from json_to_recordset(${JSON.stringify(codes)}::json) as c(idx int, code text) where c.idx = g.idx`)

    const [published] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from boundary_versions where status = 'published'`)
    const status = published!.n === 0 ? 'published' : 'draft'
    const [version] = await queryRows<{ id: number }>(tx, sql`
      insert into boundary_versions (name, status, author, note, effective_from)
      values (${`导入 ${new Date().toISOString().slice(0, 10)}`}, ${status}::boundary_version_status, ${options.author}, ${options.note ?? null},
              ${status === 'published' ? sql`'2000-01-01T00:00:00Z'::timestamptz` : sql`null`})
      returning id`)
    await tx.execute(sql`
      insert into grids (version_id, code, name, kind, community_id, geom)
      select ${version!.id}, code, coalesce(name, '导入网格 ' || (idx + 1)), 'base', community_id, geom from import_grids`)
    if (defaultHierarchy) await growDefaultHierarchy(tx)

    let reassignedIncidents = 0
    if (status === 'published') {
      // The new boundaries are in force for every incident: assign them all, set-based.
      const [count] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from incidents`)
      reassignedIncidents = count!.n
      if (reassignedIncidents > 0) await reassignIncidents(tx, sql`true`, options.toleranceM)
    }
    return { versionId: version!.id, status, grids: n, rejected: rejected.sort((a, b) => a.index - b.index), defaultHierarchy, reassignedIncidents }
  })
}

async function ensureDefaultHierarchy(tx: Database) {
  const placeholder = sql`(select ST_Multi(ST_Union(geom, ${OVERLAY_GRID})) from import_grids where community_id is null)`
  const area = async (code: string, name: string, level: string, kind: string, parent: string | null) => {
    await tx.execute(sql`
      insert into admin_areas (code, name, level, kind, parent_id, geom)
      values (${code}, ${name}, ${level}::admin_level, ${kind}::admin_kind,
              ${parent ? sql`(select id from admin_areas where code = ${parent})` : sql`null`}, ${placeholder})
      on conflict (code) do nothing`)
  }
  await area(DEFAULT.county, '导入区域', 'county', 'county', null)
  await area(DEFAULT.township, '导入街道', 'township', 'street', DEFAULT.county)
  await area(DEFAULT.community, '导入社区', 'community', 'community', DEFAULT.township)
  await tx.execute(sql`update import_grids set community_id = (select id from admin_areas where code = ${DEFAULT.community}) where community_id is null`)
}

/** The default areas cover all the grids ever imported into them. */
async function growDefaultHierarchy(tx: Database) {
  await tx.execute(sql`
    update admin_areas a set geom = u.geom
    from (select ST_Multi(ST_Union(g.geom, ${OVERLAY_GRID})) as geom from grids g join admin_areas c on c.id = g.community_id where c.code = ${DEFAULT.community}) u
    where a.code in (${DEFAULT.county}, ${DEFAULT.township}, ${DEFAULT.community}) and u.geom is not null`)
}
