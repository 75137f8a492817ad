import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Database } from '../db/client'
import { importCameras } from '../services/camera-registry'
import { InputError } from '../services/errors'
import { options } from './args'

/**
 * `import cameras <file.csv>`: the camera registry CSV of the web's import (header code,name,lon,lat,
 * bearing,fov,rangeM,heightM,kind,status,owner,stationId,installedOn). All rows or none, county-wide.
 */
export async function importCamerasCommand(db: Database, args: string[]) {
  const { positionals } = options(args, {})
  const file = positionals[0]
  if (!file) throw new InputError('Give the file to import: pnpm gridwatch import cameras <file.csv>', 'file')
  const text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8')
  // One transaction: a refused row leaves the registry as it was.
  const result = await db.transaction((tx) => importCameras(tx as unknown as Database, { kind: 'county' }, text))
  console.log(`cameras: read ${result.rows}, new ${result.inserted}, updated ${result.updated}; view areas recomputed, grid coverage on next read`)
  return 0
}
