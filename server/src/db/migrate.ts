import { resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { DatabaseUnavailableError, queryRows, type DatabaseHandle } from './client'

export const migrationsFolder = resolve(import.meta.dirname, 'migrations')

/**
 * Brings the schema up to date on either driver. A server without PostGIS fails here with one
 * clear line instead of a stack of SQL errors half-way through the migrations.
 */
export async function migrateDatabase(handle: DatabaseHandle, log: (line: string) => void = () => {}) {
  const [state] = await queryRows<{ installed: boolean; available: boolean }>(
    handle.db,
    sql`select exists(select 1 from pg_extension where extname = 'postgis') as installed,
               exists(select 1 from pg_available_extensions where name = 'postgis') as available`,
  )
  if (!state?.available) {
    throw new DatabaseUnavailableError(
      'PostGIS is not available on this PostgreSQL server (install it, e.g. `apt-get install postgresql-15-postgis-3`)',
    )
  }
  if (!state.installed) {
    log(
      handle.driver === 'pglite'
        ? 'First start of the embedded database: creating the PostGIS extension (about 10–20 s, only once)…'
        : 'Creating the PostGIS extension…',
    )
  }
  const started = Date.now()
  if (handle.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator')
    await migrate(handle.db as never, { migrationsFolder })
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator')
    try {
      await migrate(handle.db as never, { migrationsFolder })
    } catch (error) {
      if (/permission denied.*extension|must be (superuser|owner)/i.test(String(error))) {
        throw new DatabaseUnavailableError(
          'The database user may not create the PostGIS extension: run `CREATE EXTENSION postgis` as a superuser once',
        )
      }
      throw error
    }
  }
  if (!state.installed) log(`Schema ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}

/** Connection facts for `/api/health`. */
export async function describeDatabase(handle: DatabaseHandle) {
  const [row] = await queryRows<{ postgres: string; postgis: string }>(
    handle.db,
    sql`select current_setting('server_version') as postgres, postgis_lib_version() as postgis`,
  )
  return { driver: handle.driver, postgres: row!.postgres, postgis: row!.postgis }
}
