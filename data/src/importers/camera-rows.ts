import { parse } from 'csv-parse/sync'

/** The columns of a camera registry CSV, in the order the export writes them. */
export const cameraCsvColumns = ['code', 'name', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'heightM', 'kind', 'status', 'owner', 'stationId', 'installedOn'] as const
export type CameraCsvColumn = (typeof cameraCsvColumns)[number]
const required: CameraCsvColumn[] = ['code', 'name', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'heightM', 'kind', 'owner']
const numeric = new Set<CameraCsvColumn>(['lon', 'lat', 'bearing', 'fov', 'rangeM', 'heightM', 'stationId'])

/** A camera row with numbers parsed (not yet validated: the server's contract does that, per field). */
export interface CameraCsvRow {
  line: number
  values: Partial<Record<CameraCsvColumn, string | number>>
}

export class CameraCsvError extends Error {
  override name = 'CameraCsvError'
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message)
  }
}

/**
 * Reads a camera registry CSV (UTF-8, optional BOM, header row with the column names above, in any
 * order). A number that does not parse stays text, so validation names that line and column. Empty
 * optional cells are left out of `values`: a new camera takes the default, an existing one keeps its value.
 */
export function readCameraCsv(text: string): CameraCsvRow[] {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true }) as unknown as typeof records
  } catch (error) {
    throw new CameraCsvError(`Not a readable CSV file: ${(error as Error).message}`, 'file')
  }
  const [header, ...rows] = records
  if (!header) throw new CameraCsvError('The file is empty: expected a header row', 'file')
  const names = header.record.map((h) => h.trim())
  const missing = required.filter((c) => !names.includes(c))
  if (missing.length > 0) throw new CameraCsvError(`Missing column(s): ${missing.join(', ')}`, 'header')
  const index = new Map(cameraCsvColumns.map((c) => [c, names.indexOf(c)]))
  return rows.map(({ record, info }) => {
    const values: CameraCsvRow['values'] = {}
    for (const column of cameraCsvColumns) {
      const at = index.get(column)!
      const cell = at >= 0 ? record[at]?.trim() : undefined
      // An optional cell left empty (or a column left out) is "not given", not "clear it".
      if (cell === undefined || cell === '') continue
      const number = numeric.has(column) ? Number(cell) : NaN
      values[column] = numeric.has(column) && Number.isFinite(number) ? number : cell
    }
    return { line: info.lines, values }
  })
}
