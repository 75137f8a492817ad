import type { Env } from '../env'
import { openDatabase, type DatabaseHandle } from './client'
import { migrateDatabase } from './migrate'

/** Opens the database the environment asks for and brings its schema up to date. */
export async function bootDatabase(env: Pick<Env, 'databaseUrl' | 'dataDir'>, log: (line: string) => void): Promise<DatabaseHandle> {
  const handle = env.databaseUrl
    ? await openDatabase({ driver: 'postgres', url: env.databaseUrl })
    : await openDatabase({ driver: 'pglite', dataDir: env.dataDir })
  log(env.databaseUrl ? 'Database: PostgreSQL server (DATABASE_URL)' : `Database: embedded PGlite + PostGIS in ${env.dataDir}`)
  try {
    await migrateDatabase(handle, log)
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
  return handle
}
