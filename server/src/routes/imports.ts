import { pipeline, Transform } from 'node:stream'
import { incidentSources, MalformedFileError, type RowOutcome } from '@gridwatch/data'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import type { DatabaseHandle } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { importCameras } from '../services/camera-registry'
import { InputError } from '../services/errors'
import { importGrids } from '../services/import-grids'
import { fileErrorAsInput, importIncidents, incidentFileRows } from '../services/import-incidents'
import { uploadedBoundaries, uploadedBytes, uploadedFile } from './upload'
import { validate } from './validate'
import { errorFields, logEvent } from '../log'

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
const MAX_CAMERA_CSV_BYTES = 20 * 1024 ** 2
/** Rejected rows listed in the response; the summary counts them all. */
const MAX_REJECTS_LISTED = 1000

export const importRoutes = (handle: DatabaseHandle, options: { toleranceM: number; trustProxy: boolean }) =>
  new Hono<AuthEnv>()
    /**
     * CSV of incidents, streamed: the response is NDJSON, one line per progress step
     * (`{"type":"progress",…}`), one per rejected row (`{"type":"reject","line","field","reason"}`) and a
     * final `{"type":"summary",…}`. A missing column or bad option is a 400 before anything is stored.
     */
    .post('/incidents', requires('incidents:import'), validate('query', incidentImportQuery), async (c) => {
      const q = c.req.valid('query')
      const { name, stream: upload } = await uploadedFile(c.req.raw, MAX_CSV_BYTES)
      // Count bytes on the way through (a 'data' listener would start the flow before the parser is attached).
      let bytes = 0
      const file = new Transform({ transform: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done(null, chunk)) })
      pipeline(upload, file, () => {})
      let rows: AsyncGenerator<RowOutcome>
      try {
        rows = await incidentFileRows(handle.db, file, {
          fileName: name,
          lon: q.lon,
          lat: q.lat,
          fields: { id: q.id, time: q.time, category: q.category, source: q.source, address: q.address, priority: q.priority },
          crs: q.crs,
          defaultSource: q.defaultSource,
        })
      } catch (error) {
        file.resume()
        throw error
      }
      // Read the header (and first row) before answering, so a wrong column name is a plain 400.
      let first: IteratorResult<RowOutcome>
      try {
        first = await rows.next()
      } catch (error) {
        file.resume()
        throw fileErrorAsInput(error)
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
          if (!known) logEvent('error', 'import stopped', errorFields(error))
          await line({ type: 'error', message: known ? (error as Error).message : 'The import stopped on a server error; the rows reported as stored are kept' })
        }
      })
    })
    /** GeoJSON, KML or zipped Shapefile of grid boundaries → a new boundary version. */
    .post('/grids', requires('grids:import'), validate('query', gridImportQuery), async (c) => {
      const q = c.req.valid('query')
      const { name, file } = await uploadedBoundaries(c.req.raw, MAX_BOUNDARY_BYTES)
      const result = await importGrids(handle.db, file, { nameField: q.nameField, codeField: q.codeField, author: c.var.principal.user.username, note: name, toleranceM: options.toleranceM })
      return c.json({ format: file.format, ...result })
    })
    /** The camera registry as CSV (header: code,name,lon,lat,bearing,fov,rangeM,heightM,kind,status,owner,stationId,installedOn): all rows or none. */
    .post('/cameras', requires('cameras:manage'), async (c) => {
      const { bytes } = await uploadedBytes(c.req.raw, MAX_CAMERA_CSV_BYTES)
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
      const result = await handle.db.transaction(async (transaction) => {
        const tx = transaction as unknown as typeof handle.db
        const imported = await importCameras(tx, c.var.principal.scope, text)
        await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'camera.import', subjectType: 'camera', rowCount: imported.rows, detail: imported })
        return imported
      })
      return c.json(result)
    })
