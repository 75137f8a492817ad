import { basename } from 'node:path'
import { pipeline, Transform } from 'node:stream'
import { BoundaryFileError, incidentSources, MalformedFileError, MissingColumnError, parseCrs, readBoundaryFile, readIncidentCsv, readIncidentGeoJson, UnknownCrsError, type RowOutcome } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import { queryRows, type DatabaseHandle } from '../db/client'
import { InputError } from '../services/errors'
import { importGrids } from '../services/import-grids'
import { importIncidents } from '../services/import-incidents'
import { uploadedBytes, uploadedFile } from './upload'
import { validate } from './validate'

const column = z.string().trim().min(1).max(100)
const incidentImportQuery = z.object({
  /** CSV only: the coordinate columns (GeoJSON takes the Point geometry). */
  lon: column.optional(),
  lat: column.optional(),
  id: column.optional(),
  time: column.optional(),
  category: column.optional(),
  source: column.optional(),
  address: column.optional(),
  priority: column.optional(),
  crs: z.string().default('wgs84'),
  defaultSource: z.enum(incidentSources).default('import'),
})
const gridImportQuery = z.object({ nameField: column.optional(), codeField: column.optional() })

const MAX_CSV_BYTES = 2 * 1024 ** 3
const MAX_BOUNDARY_BYTES = 100 * 1024 ** 2
/** Rejected rows listed in the response; the summary counts them all. */
const MAX_REJECTS_LISTED = 1000

export const importRoutes = (handle: DatabaseHandle, options: { toleranceM: number }) =>
  new Hono()
    /**
     * CSV of incidents, streamed: the response is NDJSON, one line per progress step
     * (`{"type":"progress",…}`), one per rejected row (`{"type":"reject","line","field","reason"}`) and a
     * final `{"type":"summary",…}`. A missing column or bad option is a 400 before anything is stored.
     */
    .post('/incidents', validate('query', incidentImportQuery), async (c) => {
      const q = c.req.valid('query')
      let crs
      try {
        crs = parseCrs(q.crs)
      } catch (error) {
        if (error instanceof UnknownCrsError) throw new InputError(error.message, 'crs')
        throw error
      }
      const categories = await queryRows<{ code: string; name_zh: string; name_en: string }>(handle.db, sql`select code, name_zh, name_en from incident_categories`)
      const byName = new Map(categories.flatMap((c) => [[c.code, c.code], [c.name_zh, c.code], [c.name_en.toLowerCase(), c.code]] as const))
      const { name, stream: upload } = await uploadedFile(c.req.raw, MAX_CSV_BYTES)
      // Count bytes on the way through (a 'data' listener would start the flow before the parser is attached).
      let bytes = 0
      const file = new Transform({ transform: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done(null, chunk)) })
      pipeline(upload, file, () => {})
      const fields = { id: q.id, time: q.time, category: q.category, source: q.source, address: q.address, priority: q.priority }
      const geojson = /\.(geo)?json$/i.test(name)
      if (!geojson && (!q.lon || !q.lat)) {
        upload.resume()
        throw new InputError('lon and lat name the coordinate columns of a CSV and are required', q.lon ? 'lat' : 'lon')
      }
      const read = { crs, defaultSource: q.defaultSource, categoryOf: (v: string) => byName.get(v) ?? byName.get(v.toLowerCase()), fileKey: basename(name) }
      const rows = geojson ? readIncidentGeoJson(file, fields, read) : readIncidentCsv(file, { lon: q.lon!, lat: q.lat!, ...fields }, read)
      // Read the header (and first row) before answering, so a wrong column name is a plain 400.
      let first: IteratorResult<RowOutcome>
      try {
        first = await rows.next()
      } catch (error) {
        file.resume()
        if (error instanceof MissingColumnError) throw new InputError(error.message, 'columns')
        if (error instanceof MalformedFileError) throw new InputError(error.message, 'file')
        throw error
      }
      async function* all() {
        if (!first.done) yield first.value
        yield* rows
      }
      c.header('content-type', 'application/x-ndjson; charset=utf-8')
      return stream(c, async (out) => {
        let listed = 0
        const line = (value: object) => out.write(`${JSON.stringify(value)}\n`)
        try {
          const summary = await importIncidents(handle.db, all(), {
            toleranceM: options.toleranceM,
            batchSize: 2000,
            onReject: (r) => void (listed++ < MAX_REJECTS_LISTED && line({ type: 'reject', ...r })),
            onProgress: (s) => void line({ type: 'progress', bytes, ...s }),
          })
          await line({ type: 'summary', file: name, bytes, ...summary })
        } catch (error) {
          // The rows before this point are stored; say where it stopped without leaking internals.
          const known = error instanceof MalformedFileError || error instanceof InputError
          if (!known) console.error(`[import] ${name}: ${(error as Error).message}`)
          await line({ type: 'error', message: known ? (error as Error).message : 'The import stopped on a server error; the rows reported as stored are kept' })
        }
      })
    })
    /** GeoJSON, KML or zipped Shapefile of grid boundaries → a new boundary version. */
    .post('/grids', validate('query', gridImportQuery), async (c) => {
      const q = c.req.valid('query')
      const { name, bytes } = await uploadedBytes(c.req.raw, MAX_BOUNDARY_BYTES)
      let file
      try {
        file = await readBoundaryFile(bytes, name)
      } catch (error) {
        if (error instanceof BoundaryFileError) throw new InputError(error.message, 'file')
        throw error
      }
      const result = await importGrids(handle.db, file, { nameField: q.nameField, codeField: q.codeField, author: 'api', note: name, toleranceM: options.toleranceM })
      return c.json({ format: file.format, ...result })
    })
