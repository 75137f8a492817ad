import { createReadStream, existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { incidentSources, MalformedFileError, MissingColumnError, parseCrs, readIncidentCsv, readIncidentGeoJson, UnknownCrsError } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import type { Env } from '../env'
import { importIncidents } from '../services/import-incidents'
import { InputError } from '../services/errors'
import { options } from './args'
import { openOutput } from './export-incidents'
import { createProgress } from './progress'

const userPath = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p)

/** `import incidents <file.csv> --lon COL --lat COL …`: streams the file, prints a summary, writes rejects. */
export async function importIncidentsCommand(db: Database, args: string[], env: Env) {
  const { values, positionals } = options(args, {
    lon: { type: 'string' },
    lat: { type: 'string' },
    id: { type: 'string' },
    time: { type: 'string' },
    category: { type: 'string' },
    source: { type: 'string' },
    address: { type: 'string' },
    priority: { type: 'string' },
    crs: { type: 'string', default: 'wgs84' },
    'default-source': { type: 'string', default: 'import' },
    rejects: { type: 'string' },
  })
  const file = positionals[0]
  if (!file) throw new InputError('Give the file to import: pnpm gridwatch import incidents <file.csv> --lon COL --lat COL', 'file')
  const geojson = /\.(geo)?json$/i.test(file)
  if (!geojson && (!values.lon || !values.lat)) throw new InputError('--lon and --lat name the coordinate columns of a CSV and are required', values.lon ? 'lat' : 'lon')
  if (!(incidentSources as readonly string[]).includes(values['default-source']!)) throw new InputError(`--default-source must be one of ${incidentSources.join(', ')}`, 'default-source')
  let crs
  try {
    crs = parseCrs(values.crs!)
  } catch (error) {
    if (error instanceof UnknownCrsError) throw new InputError(error.message, 'crs')
    throw error
  }
  const path = userPath(file)
  if (!geojson && !/\.csv$/i.test(path)) throw new InputError(`Incidents are read from .csv or .geojson files: ${file}`, 'file')
  if (!existsSync(path)) throw new InputError(`No such file: ${path}`, 'file')
  const size = statSync(path).size
  const rejectsPath = userPath(values.rejects ?? `${file}.rejects.csv`)
  const rejects = await openOutput(rejectsPath)
  rejects.write('line,field,reason\n')

  // Categories may be written as codes, Chinese or English names.
  const categories = await queryRows<{ code: string; name_zh: string; name_en: string }>(db, sql`select code, name_zh, name_en from incident_categories`)
  const byName = new Map<string, string>()
  for (const c of categories) for (const key of [c.code, c.name_zh, c.name_en.toLowerCase()]) byName.set(key, c.code)

  const stream = createReadStream(path)
  const progress = createProgress(`Importing ${basename(path)}`, size)
  const ticker = setInterval(() => progress.update(stream.bytesRead), 500)
  try {
    const fields = { id: values.id, time: values.time, category: values.category, source: values.source, address: values.address, priority: values.priority }
    const read = { crs, defaultSource: values['default-source'], categoryOf: (v: string) => byName.get(v) ?? byName.get(v.toLowerCase()), fileKey: basename(path) }
    const rows = geojson ? readIncidentGeoJson(stream, fields, read) : readIncidentCsv(stream, { lon: values.lon!, lat: values.lat!, ...fields }, read)
    const summary = await importIncidents(db, rows, {
      toleranceM: env.nearestToleranceM,
      onReject: (r) => rejects.write(`${r.line},${JSON.stringify(r.field)},${JSON.stringify(r.reason)}\n`),
    })
    clearInterval(ticker)
    progress.done()
    await new Promise((done) => rejects.end(done))
    console.log(
      `read ${summary.read}, stored ${summary.stored} (assigned ${summary.assigned}, nearest ${summary.nearest}, unassigned ${summary.unassigned}), ` +
        `already stored ${summary.existing}, rejected ${summary.rejected}${summary.rejected ? ` → ${rejectsPath}` : ''}`,
    )
    return 0
  } catch (error) {
    clearInterval(ticker)
    rejects.end()
    if (error instanceof MissingColumnError) throw new InputError(error.message, 'columns')
    if (error instanceof MalformedFileError) throw new InputError(error.message, 'file')
    throw error
  }
}
