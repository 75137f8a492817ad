import { write as writeShapefile } from '@mapbox/shp-write'
import type { BoundaryFile } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import JSZip from 'jszip'
import { planGridFeature, type PlanDetail } from '../contracts/plans'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'
import { boundaryFields } from './grid-codes'
import { savePlanGrids } from './grid-plans'

/** WGS 84 for the .prj: the grids are stored in EPSG:4326. */
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'

interface ExportRow {
  key: string
  code: string | null
  name: string
  kind: string
  community: string
  officer: string | null
  badge: string | null
  geometry: string
}

/** The plan's grids with readable attributes; `clockwise` gives the shapefile's ring order. */
const exportRows = (db: Database, planId: number, clockwise: boolean) =>
  queryRows<ExportRow>(db, sql`
    select g.key, g.code, g.name, g.kind::text as kind, c.code as community, p.name as officer, p.badge_no as badge,
           ST_AsGeoJSON(${clockwise ? sql`ST_ForcePolygonCW(g.geom)` : sql`ST_ForcePolygonCCW(g.geom)`}, 9) as geometry
    from grid_plan_grids g join admin_areas c on c.id = g.community_id left join people p on p.id = g.responsible_officer_id
    where g.plan_id = ${planId} order by g.key`)

/** The plan as GeoJSON (RFC 7946: counter-clockwise outer rings). */
export async function exportPlanGeoJson(db: Database, planId: number) {
  const rows = await exportRows(db, planId, false)
  return {
    type: 'FeatureCollection' as const,
    features: rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, geometry: JSON.parse(geometry), properties })),
  }
}

/** DBF text is written byte by byte: hand it UTF-8 bytes (announced by the .cpg), so Chinese survives. */
const utf8Bytes = (text: string | null) => Buffer.from(text ?? '', 'utf8').toString('latin1')

/** The plan as a zipped Shapefile (polygons, WGS 84, UTF-8 attributes KEY, CODE, NAME, KIND, COMMUNITY, OFFICER, BADGE). */
export async function exportPlanShapefile(db: Database, planId: number, baseName: string): Promise<Uint8Array> {
  const rows = await exportRows(db, planId, true)
  if (rows.length === 0) throw new InputError('The plan has no grids to export', 'id', 409)
  const records = rows.map((r) => ({ KEY: utf8Bytes(r.key), CODE: utf8Bytes(r.code), NAME: utf8Bytes(r.name), KIND: r.kind, COMMUNITY: r.community, OFFICER: utf8Bytes(r.officer), BADGE: r.badge ?? '' }))
  const geometries = rows.map((r) => {
    const g = JSON.parse(r.geometry) as { type: string; coordinates: unknown[] }
    return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  })
  const files = await new Promise<{ shp: DataView; shx: DataView; dbf: DataView }>((resolve, reject) =>
    writeShapefile(records, 'POLYGON', geometries as object[], (error, written) => (error ? reject(error) : resolve(written as never))),
  )
  const zip = new JSZip()
  zip.file(`${baseName}.shp`, files.shp.buffer as ArrayBuffer)
  zip.file(`${baseName}.shx`, files.shx.buffer as ArrayBuffer)
  zip.file(`${baseName}.dbf`, files.dbf.buffer as ArrayBuffer)
  zip.file(`${baseName}.prj`, WGS84_PRJ)
  zip.file(`${baseName}.cpg`, 'UTF-8')
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/**
 * Replaces a draft's grids with the polygons of a boundary file (GeoJSON, KML, zipped Shapefile). Each
 * goes to the community of the plan's area holding a point inside it (else the nearest one: validation
 * then reports the part outside); a grid whose code is in force continues that grid (its 网格长, and
 * its code while the outline is unchanged). A `KIND` of dedicated and a `BADGE` naming a police officer
 * (as our exports write them) are kept.
 */
export async function importPlanFile(db: Database, planId: number, file: BoundaryFile, options: { revision: number; nameField?: string; codeField?: string }): Promise<PlanDetail | null> {
  const [plan] = await queryRows<{ areaId: number; base: number }>(db, sql`select area_id as "areaId", base_version_id as base from grid_plans where id = ${planId}`)
  if (!plan) return null
  if (file.features.length === 0) throw new InputError('The file holds no polygon', 'file', 422)
  const { nameField, codeField } = boundaryFields(file, options)
  // Our own exports carry the grid's kind and its 网格长's badge: a round trip keeps both.
  const field = (props: Record<string, unknown>, name: string) => {
    const key = Object.keys(props).find((k) => k.toLowerCase() === name)
    return key === undefined || props[key] == null ? '' : String(props[key]).trim()
  }
  const staged = file.features.map((f, i) => ({
    i,
    name: nameField && f.properties[nameField] != null ? String(f.properties[nameField]).trim().slice(0, 100) : `导入网格 ${i + 1}`,
    code: codeField && /^[0-9]{15}$/.test(String(f.properties[codeField] ?? '').trim()) ? String(f.properties[codeField]).trim() : null,
    kind: field(f.properties, 'kind') === 'dedicated' ? ('dedicated' as const) : ('base' as const),
    badge: field(f.properties, 'badge') || null,
    geometry: JSON.stringify(f.geometry),
  }))
  const placed = await queryRows<{ i: number; communityId: number | null; sourceGridId: number | null; officerId: number | null }>(db, sql`
    with staged as (
      select x.i, x.code, x.badge, ST_MakeValid(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326))) as geom
      from json_to_recordset(${JSON.stringify(staged)}::json) as x(i int, code text, badge text, geometry text)
    ),
    communities as (select c.id, c.geom from admin_areas c where c.level = 'community' and (c.id = ${plan.areaId} or c.parent_id = ${plan.areaId}))
    select s.i,
           coalesce((select c.id from communities c where ST_Covers(c.geom, ST_PointOnSurface(s.geom)) limit 1),
                    (select c.id from communities c order by c.geom <-> s.geom limit 1)) as "communityId",
           g.id as "sourceGridId",
           coalesce((select p.id from people p where p.badge_no = s.badge and p.role = 'police_officer' and p.active limit 1),
                    (select d.person_id from grid_duties d where d.grid_id = g.id and d.duty = 'responsible_officer' and d.until is null limit 1)) as "officerId"
    from staged s left join grids g on g.version_id = ${plan.base} and g.code = s.code
    order by s.i`)
  const features = staged.map((s, i) => {
    const at = placed[i]!
    if (at.communityId === null) throw new InputError('The plan area has no community', 'file', 422)
    const parsed = planGridFeature.safeParse({
      type: 'Feature',
      geometry: file.features[i]!.geometry,
      properties: { key: s.code ?? `f${i + 1}`, name: s.name, kind: s.kind, communityId: at.communityId, sourceGridId: at.sourceGridId, code: s.code, responsibleOfficerId: at.officerId },
    })
    if (!parsed.success) throw new InputError(`Feature ${i}: ${parsed.error.issues[0]!.message}`, `features.${i}.${parsed.error.issues[0]!.path.join('.')}`, 422)
    return parsed.data
  })
  const keys = new Set<string>()
  for (const f of features) {
    // Two polygons with one code: the second is numbered at publishing.
    if (keys.has(f.properties.key)) Object.assign(f.properties, { key: `${f.properties.key}-${keys.size}`, code: null, sourceGridId: null })
    keys.add(f.properties.key)
  }
  return savePlanGrids(db, planId, { revision: options.revision, grids: { type: 'FeatureCollection', features } })
}
