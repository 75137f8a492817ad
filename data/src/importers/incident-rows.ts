import { createHash } from 'node:crypto'
import { pipeline, type Readable } from 'node:stream'
import { parse } from 'csv-parse'
import chain from 'stream-chain'
import { parser } from 'stream-json'
import { pick } from 'stream-json/filters/pick.js'
import { streamArray } from 'stream-json/streamers/stream-array.js'
import { toWgs84, type CrsName } from './crs'

/** Which column holds what. Only lon and lat are required. */
export interface IncidentColumnMap {
  lon: string
  lat: string
  id?: string
  time?: string
  category?: string
  source?: string
  address?: string
  priority?: string
}

/** One row turned into an incident candidate (still to be validated by the server's contract). */
export interface IncidentRow {
  source: string
  externalId: string
  category: string
  lon: number
  lat: number
  reportedAt: string
  address?: string
  priority?: number
}

export type RowOutcome = { line: number; row: IncidentRow } | { line: number; field: string; reason: string }

export class MissingColumnError extends Error {
  override name = 'MissingColumnError'
}

/** The file is not well-formed CSV or GeoJSON at some point (a parser error, not a bad value). */
export class MalformedFileError extends Error {
  override name = 'MalformedFileError'
}

/** Parser errors (unbalanced quotes, broken JSON) become a MalformedFileError with the parser's message. */
async function* malformedAs<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* source
  } catch (error) {
    if (error instanceof MissingColumnError || error instanceof MalformedFileError) throw error
    throw new MalformedFileError(`The file cannot be read further: ${(error as Error).message}`)
  }
}

export interface ReadOptions {
  crs: CrsName
  /** Source recorded for rows without a source column. */
  defaultSource?: string
  /** Category for rows without a category column. */
  defaultCategory?: string
  /** Report time for rows without a time column (ISO 8601). */
  defaultTime?: string
  /** Map a category value as written in the file (e.g. 盗窃) to a category code. */
  categoryOf?: (value: string) => string | undefined
  /** Used to derive stable ids for rows without an id column, so a re-import changes nothing. */
  fileKey: string
}

/**
 * Streams a CSV file of incidents row by row (never the whole file in memory). A header is required.
 * Each data row becomes an `IncidentRow`, or a reason naming the column when it cannot be read.
 * Times without an offset are read as China Standard Time (+08:00).
 */
export async function* readIncidentCsv(input: Readable, columns: IncidentColumnMap, options: ReadOptions): AsyncGenerator<RowOutcome> {
  // relax_quotes: a stray quote inside a field (某路"12"号) is text, not the start of a quoted field.
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true })
  pipeline(input, parser, () => {}) // errors of either side reach the loop below through the parser
  let header: string[] | undefined
  let index: Record<keyof IncidentColumnMap, number> | undefined
  const convert = toWgs84(options.crs)
  for await (const record of malformedAs(parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)) {
    const line = record.info.lines
    if (!header) {
      header = record.record
      index = locateColumns(header, columns)
      continue
    }
    yield readRow(record.record, line, index!, columns, convert, options)
  }
  if (!header) throw new MissingColumnError('The file is empty: a header row with the column names is required')
}

function locateColumns(header: string[], columns: IncidentColumnMap) {
  const missing = Object.entries(columns).filter(([, name]) => name !== undefined && !header.includes(name))
  if (missing.length > 0) {
    throw new MissingColumnError(`Column ${missing.map(([k, n]) => `"${n}" (--${k})`).join(', ')} not found; the file has: ${header.join(', ')}`)
  }
  const at = (name: string | undefined) => (name === undefined ? -1 : header.indexOf(name))
  return {
    lon: at(columns.lon),
    lat: at(columns.lat),
    id: at(columns.id),
    time: at(columns.time),
    category: at(columns.category),
    source: at(columns.source),
    address: at(columns.address),
    priority: at(columns.priority),
  }
}

function readRow(cells: string[], line: number, at: Record<keyof IncidentColumnMap, number>, columns: IncidentColumnMap, convert: (x: number, y: number) => [number, number], o: ReadOptions): RowOutcome {
  const cell = (k: keyof IncidentColumnMap) => (at[k] >= 0 ? (cells[at[k]] ?? '') : '')
  const x = parseNumber(cell('lon'))
  const y = parseNumber(cell('lat'))
  if (x === undefined) return { line, field: columns.lon, reason: `not a number: "${cell('lon')}"` }
  if (y === undefined) return { line, field: columns.lat, reason: `not a number: "${cell('lat')}"` }
  const present = (k: keyof IncidentColumnMap) => at[k] >= 0
  return toIncidentRow(line, x, y, (k) => (present(k) ? cell(k) : undefined), columns, convert, o, () => cells.join('\u0001'))
}

/** The fields of one record (CSV row or GeoJSON feature) as an incident row, or the reason it cannot be one. */
function toIncidentRow(
  line: number,
  x: number,
  y: number,
  value: (k: keyof IncidentColumnMap) => string | undefined,
  columns: Partial<IncidentColumnMap>,
  convert: (x: number, y: number) => [number, number],
  o: ReadOptions,
  fingerprint: () => string,
): RowOutcome {
  const [lon, lat] = convert(x, y)
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return { line, field: `${columns.lon ?? 'lon'},${columns.lat ?? 'lat'}`, reason: `coordinates out of range after conversion from ${o.crs}: ${x}, ${y}` }
  let reportedAt = o.defaultTime
  const time = value('time')
  if (time !== undefined) {
    reportedAt = parseTime(time)
    if (!reportedAt) return { line, field: columns.time ?? 'time', reason: `unreadable time: "${time}"` }
  }
  if (!reportedAt) return { line, field: 'time', reason: 'no time column (--time) and no default time' }
  const rawCategory = value('category') ?? o.defaultCategory ?? 'other'
  const priorityText = value('priority')
  const row: IncidentRow = {
    source: value('source') ?? o.defaultSource ?? 'import',
    externalId: value('id') ?? createHash('sha1').update(`${o.fileKey}\n${fingerprint()}`).digest('hex').slice(0, 24),
    category: o.categoryOf?.(rawCategory) ?? rawCategory,
    lon,
    lat,
    reportedAt,
  }
  const address = value('address')
  if (address) row.address = address
  if (priorityText) row.priority = Number(priorityText)
  return { line, row }
}

/**
 * Streams a GeoJSON FeatureCollection of Point features (a huge file never sits in memory).
 * `properties` name the feature properties holding id, time, category …; coordinates come from the
 * geometry. `line` in the outcomes is the feature's position (1-based).
 */
export async function* readIncidentGeoJson(input: Readable, properties: Omit<Partial<IncidentColumnMap>, 'lon' | 'lat'>, options: ReadOptions): AsyncGenerator<RowOutcome> {
  const convert = toWgs84(options.crs)
  const features = chain([input, parser(), pick({ filter: 'features' }), streamArray()])
  input.once('error', (error) => features.destroy(error))
  for await (const { key, value } of malformedAs(features) as AsyncIterable<{ key: number; value: { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> } }>) {
    const line = key + 1
    const g = value?.geometry
    if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) {
      yield { line, field: 'geometry', reason: `not a Point: ${g?.type ?? 'no geometry'}` }
      continue
    }
    const [x, y] = g.coordinates as [unknown, unknown]
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      yield { line, field: 'geometry', reason: 'coordinates are not numbers' }
      continue
    }
    const props = value.properties ?? {}
    const read = (k: keyof IncidentColumnMap) => {
      const name = k === 'lon' || k === 'lat' ? undefined : properties[k]
      const v = name === undefined ? undefined : props[name]
      return v === undefined || v === null ? undefined : String(v)
    }
    yield toIncidentRow(line, x, y, read, properties, convert, options, () => JSON.stringify(value))
  }
}

const parseNumber = (text: string) => {
  if (text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** ISO 8601, or `YYYY-MM-DD HH:mm[:ss]` / `YYYY/MM/DD …` as written in Chinese exports (read as +08:00). */
export function parseTime(text: string): string | undefined {
  const t = text.trim()
  const local = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(t)
  let date: Date
  if (local) {
    const [, y, mo, d, h, mi, s = '0', frac = '0'] = local
    date = new Date(`${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h!.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}.${frac.padEnd(3, '0').slice(0, 3)}+08:00`)
    // Date rolls 2026-02-30 over into March: a date that does not exist is unreadable, not another day.
    const wall = new Date(date.getTime() + 8 * 3_600_000)
    if (wall.getUTCFullYear() !== Number(y) || wall.getUTCMonth() + 1 !== Number(mo) || wall.getUTCDate() !== Number(d)) return undefined
  } else {
    const iso = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))$/.exec(t)
    if (!iso) return undefined
    date = new Date(t)
    // The calendar day as written, in the offset as written: 2026-02-30T10:00Z does not exist.
    const offsetMin = iso[4] === 'Z' ? 0 : (iso[5] === '-' ? -1 : 1) * (Number(iso[6]) * 60 + Number(iso[7]))
    const wall = new Date(date.getTime() + offsetMin * 60_000)
    if (wall.getUTCFullYear() !== Number(iso[1]) || wall.getUTCMonth() + 1 !== Number(iso[2]) || wall.getUTCDate() !== Number(iso[3])) return undefined
  }
  if (Number.isNaN(date.getTime())) return undefined
  // Placeholder dates (0001-01-01 from .NET exports, 1900 …) are not report times.
  const year = date.getUTCFullYear()
  return year >= 1900 && year <= 2999 ? date.toISOString() : undefined
}
