import { createReadStream, existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { incidentSources } from '@gridwatch/data'
import type { Database } from '../db/client'
import type { Env } from '../env'
import { InputError } from '../services/errors'
import { fileErrorAsInput, importIncidents, incidentFileRows } from '../services/import-incidents'
import { options } from './args'
import { openOutput } from './export-incidents'
import { createProgress } from './progress'

const userPath = (p: string) => resolve(process.env.INIT_CWD ?? process.cwd(), p)

/** `import incidents <file.csv|.geojson> …`: streams the file, prints a summary, writes rejects. */
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
  if (!(incidentSources as readonly string[]).includes(values['default-source']!)) throw new InputError(`--default-source must be one of ${incidentSources.join(', ')}`, 'default-source')
  const path = userPath(file)
  if (!existsSync(path)) throw new InputError(`No such file: ${path}`, 'file')
  const stream = createReadStream(path)
  const rows = await incidentFileRows(db, stream, {
    fileName: path,
    lon: values.lon,
    lat: values.lat,
    fields: { id: values.id, time: values.time, category: values.category, source: values.source, address: values.address, priority: values.priority },
    crs: values.crs!,
    defaultSource: values['default-source']!,
  })
  const rejectsPath = userPath(values.rejects ?? `${file}.rejects.csv`)
  const rejects = await openOutput(rejectsPath)
  rejects.write('line,field,reason\n')
  const progress = createProgress(`Importing ${basename(path)}`, statSync(path).size)
  const ticker = setInterval(() => progress.update(stream.bytesRead), 500)
  try {
    const summary = await importIncidents(db, rows, {
      toleranceM: env.nearestToleranceM,
      onReject: (r) => rejects.write(`${r.line},${JSON.stringify(r.field)},${JSON.stringify(r.reason)}\n`),
    })
    progress.done()
    console.log(
      `read ${summary.read}, stored ${summary.stored} (assigned ${summary.assigned}, nearest ${summary.nearest}, unassigned ${summary.unassigned}), ` +
        `already stored ${summary.existing}, rejected ${summary.rejected}${summary.rejected ? ` → ${rejectsPath}` : ''}`,
    )
    return 0
  } catch (error) {
    throw fileErrorAsInput(error)
  } finally {
    clearInterval(ticker)
    await new Promise((done) => rejects.end(done))
  }
}
