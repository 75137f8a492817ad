import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { InputError } from '../services/errors'
import { csvHeader, csvLines, exportPages, geojsonFeatures } from '../services/export-incidents'
import { options } from './args'
import { createProgress } from './progress'

/** A file to write, opened before any work starts: a wrong path is a clear error, not a crash. */
export async function openOutput(path: string) {
  const stream = createWriteStream(path)
  try {
    await once(stream, 'open')
  } catch (error) {
    throw new InputError(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'out')
  }
  return stream
}

/** `export incidents [--format csv|geojson] [--out FILE]`: every incident with its grid and responsible person. */
export async function exportIncidentsCommand(db: Database, args: string[]) {
  const { values } = options(args, { format: { type: 'string', default: 'csv' }, out: { type: 'string' } })
  if (values.format !== 'csv' && values.format !== 'geojson') throw new InputError('--format must be csv or geojson', 'format')
  const out: Writable = values.out ? await openOutput(resolve(process.env.INIT_CWD ?? process.cwd(), values.out)) : process.stdout
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((done) => out.once('drain', () => done())))
  const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from incidents`)) as [{ n: number }]
  const progress = createProgress('Exporting incidents', n)
  let done = 0
  if (values.format === 'csv') await write(csvHeader())
  else await write('{"type":"FeatureCollection","features":[\n')
  for await (const page of exportPages(db)) {
    if (values.format === 'csv') await write(csvLines(page))
    else await write((done > 0 ? ',\n' : '') + geojsonFeatures(page).join(',\n'))
    done += page.length
    progress.update(done)
  }
  if (values.format === 'geojson') await write('\n]}\n')
  progress.done()
  if (values.out) await new Promise((resolveEnd) => out.end(resolveEnd))
  return 0
}
