import { basename } from 'node:path'
import type { Readable } from 'node:stream'
import { MalformedFileError, MissingColumnError, parseCrs, readIncidentCsv, readIncidentGeoJson, UnknownCrsError, type IncidentColumnMap, type RowOutcome } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { incidentInput, type IncidentInput } from '../contracts'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'
import { checkTimeChainOrder, ingestIncidents } from './ingest-incidents'

export interface ImportSummary {
  read: number
  stored: number
  /** Already stored before (same source and id): left unchanged. */
  existing: number
  assigned: number
  nearest: number
  unassigned: number
  rejected: number
}

export interface Reject {
  line: number
  field: string
  reason: string
}

/**
 * Imports incident rows (from a CSV or GeoJSON reader) through the same validation and assignment as
 * the ingest API. Rows that cannot be stored are reported with their line and reason, the rest are
 * kept; each batch is one transaction, so a failure never leaves a batch half-written.
 */
export async function importIncidents(
  db: Database,
  rows: AsyncIterable<RowOutcome>,
  options: { onReject?: (reject: Reject) => void; onProgress?: (summary: ImportSummary) => void; batchSize?: number; toleranceM?: number } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, stored: 0, existing: 0, assigned: 0, nearest: 0, unassigned: 0, rejected: 0 }
  const known = new Set((await queryRows<{ code: string }>(db, sql`select code from incident_categories`)).map((r) => r.code))
  const reject = (r: Reject) => {
    summary.rejected++
    options.onReject?.(r)
  }
  let batch: IncidentInput[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const outcomes = await ingestIncidents(db, batch, { toleranceM: options.toleranceM })
    for (const o of outcomes) {
      if (o.status !== 'created') summary.existing++
      else {
        summary.stored++
        if (o.assignment === 'nearest') summary.nearest++
        else if (o.assignment === 'unassigned') summary.unassigned++
        else summary.assigned++
      }
    }
    batch = []
    options.onProgress?.({ ...summary })
  }
  for await (const outcome of rows) {
    summary.read++
    if ('field' in outcome) {
      reject(outcome)
      continue
    }
    const parsed = incidentInput.safeParse(outcome.row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      reject({ line: outcome.line, field: issue.path.map(String).join('.'), reason: issue.message })
      continue
    }
    if (!known.has(parsed.data.category)) {
      reject({ line: outcome.line, field: 'category', reason: `unknown category "${parsed.data.category}"` })
      continue
    }
    try {
      checkTimeChainOrder(parsed.data)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      reject({ line: outcome.line, field: error.field ?? 'time', reason: error.message })
      continue
    }
    batch.push(parsed.data)
    if (batch.length >= (options.batchSize ?? 10_000)) await flush()
  }
  await flush()
  return summary
}

export interface IncidentFileOptions {
  /** File name: `.csv`, or `.geojson`/`.json` for GeoJSON points. */
  fileName: string
  /** CSV: coordinate columns (required). GeoJSON takes the Point geometry. */
  lon?: string
  lat?: string
  /** Columns (CSV) or properties (GeoJSON) of the other fields. */
  fields: Omit<IncidentColumnMap, 'lon' | 'lat'>
  crs: string
  defaultSource: string
}

/**
 * The row reader for an incident file, whatever its format, for the CLI and the HTTP import alike.
 * Categories may be written as codes or names (盗窃, Theft). Option mistakes are InputErrors.
 */
export async function incidentFileRows(db: Database, input: Readable, o: IncidentFileOptions): Promise<AsyncGenerator<RowOutcome>> {
  let crs
  try {
    crs = parseCrs(o.crs)
  } catch (error) {
    if (error instanceof UnknownCrsError) throw new InputError(error.message, 'crs')
    throw error
  }
  const geojson = /\.(geo)?json$/i.test(o.fileName)
  if (!geojson && !/\.csv$/i.test(o.fileName)) throw new InputError(`Incidents are read from .csv or .geojson files: ${o.fileName}`, 'file')
  if (!geojson && (!o.lon || !o.lat)) throw new InputError('lon and lat name the coordinate columns of a CSV and are required', o.lon ? 'lat' : 'lon')
  const categories = await queryRows<{ code: string; name_zh: string; name_en: string }>(db, sql`select code, name_zh, name_en from incident_categories`)
  const byName = new Map(categories.flatMap((c) => [[c.code, c.code], [c.name_zh, c.code], [c.name_en.toLowerCase(), c.code]] as const))
  const read = { crs, defaultSource: o.defaultSource, categoryOf: (v: string) => byName.get(v) ?? byName.get(v.toLowerCase()), fileKey: basename(o.fileName) }
  return geojson ? readIncidentGeoJson(input, o.fields, read) : readIncidentCsv(input, { lon: o.lon!, lat: o.lat!, ...o.fields }, read)
}

/** A reader's complaint about the file itself, as the InputError the caller reports; anything else unchanged. */
export function fileErrorAsInput(error: unknown) {
  if (error instanceof MissingColumnError) return new InputError(error.message, 'columns')
  if (error instanceof MalformedFileError) return new InputError(error.message, 'file')
  return error
}
