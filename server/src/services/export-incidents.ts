import { stringify } from 'csv-stringify/sync'
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'

export interface ExportRow {
  id: number
  external_id: string
  source: string
  longitude: number
  latitude: number
  reported_at: string
  category: string
  grid_code: string | null
  grid_name: string | null
  assignment: string
  assignment_distance_m: number | null
  responsible_person: string | null
  responsibility: string
  address: string | null
  accepted_at: string | null
  on_scene_at: string | null
  closed_at: string | null
}

export const exportColumns: (keyof ExportRow)[] = [
  'external_id', 'source', 'longitude', 'latitude', 'reported_at', 'category', 'grid_code', 'grid_name',
  'assignment', 'assignment_distance_m', 'responsible_person', 'responsibility', 'address', 'accepted_at', 'on_scene_at', 'closed_at',
]

/** Every incident matching `where` (on `incidents i`), a page at a time in id order: memory stays flat. */
export async function* exportPages(db: Database, where: SQL = sql`true`, pageSize = 10_000): AsyncGenerator<ExportRow[]> {
  let after = 0
  for (;;) {
    const rows = await queryRows<ExportRow>(db, sql`
      select i.id::int as id, i.external_id, i.source, ST_X(i.geom) as longitude, ST_Y(i.geom) as latitude,
             to_char(i.reported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as reported_at,
             i.category_code as category, g.code as grid_code, g.name as grid_name, i.assignment,
             round(i.assignment_distance_m::numeric, 1)::float8 as assignment_distance_m,
             p.name as responsible_person, i.responsibility, i.address,
             to_char(i.accepted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as accepted_at,
             to_char(i.on_scene_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as on_scene_at,
             to_char(i.closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as closed_at
      from incidents i
      left join grids g on g.id = i.grid_id
      left join people p on p.id = i.responsible_person_id
      where ${where} and i.id > ${after}
      order by i.id
      limit ${pageSize}`)
    if (rows.length === 0) return
    yield rows
    after = rows[rows.length - 1]!.id
  }
}

/** A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR, also after spaces or in full width) is prefixed with '. */
export const neutraliseFormula = (value: unknown) => (typeof value === 'string' && /^[\s\u3000]*[=+\-@＝＋－＠]|^[\t\r]/.test(value) ? `'${value}` : value)

export const csvHeader = () => stringify([exportColumns])
export const csvLines = (rows: ExportRow[]) => stringify(rows.map((r) => exportColumns.map((c) => neutraliseFormula(r[c]))))

export function geojsonFeatures(rows: ExportRow[]) {
  return rows.map((r) =>
    JSON.stringify({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.longitude, r.latitude] },
      properties: Object.fromEntries(exportColumns.filter((c) => c !== 'longitude' && c !== 'latitude').map((c) => [c, r[c]])),
    }),
  )
}
