import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { BoundaryFileError, readBoundaryFile } from '@gridwatch/data'
import type { Database } from '../db/client'
import type { Env } from '../env'
import { InputError } from '../services/errors'
import { importGrids } from '../services/import-grids'
import { options } from './args'

/** `import grids <file> [--name-field F] [--code-field F]`: GeoJSON, KML or zipped Shapefile. */
export async function importGridsCommand(db: Database, args: string[], env: Env) {
  const { values, positionals } = options(args, { 'name-field': { type: 'string' }, 'code-field': { type: 'string' } })
  const file = positionals[0]
  if (!file) throw new InputError('Give the file to import: pnpm gridwatch import grids <file.geojson|.kml|.zip>', 'file')
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file)
  let boundaries
  try {
    boundaries = await readBoundaryFile(readFileSync(path), basename(path))
  } catch (error) {
    if (error instanceof BoundaryFileError) throw new InputError(error.message, error.field ?? 'file')
    throw error
  }
  const result = await importGrids(db, boundaries, { nameField: values['name-field'], codeField: values['code-field'], author: 'cli', note: basename(path), toleranceM: env.nearestToleranceM })
  for (const r of result.rejected) console.log(`rejected feature ${r.index + 1}: ${r.reason}`)
  console.log(
    `${boundaries.format}: ${result.grids} grids stored as boundary version ${result.versionId} (${result.status})` +
      `${result.defaultHierarchy ? ', in a default county/township/community' : ''}` +
      `${result.reassignedIncidents ? `, ${result.reassignedIncidents} incidents re-assigned` : ''}, ${result.rejected.length} rejected`,
  )
  return 0
}
