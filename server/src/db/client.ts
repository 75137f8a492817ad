import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

/** One drizzle type for both drivers: nothing outside `server/src/db` knows which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>
export type DriverName = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Database
  driver: DriverName
  /** Subscribe to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /** PostgreSQL only: the connection URL (another process or instance can open the same database). */
  url?: string
  /** PGlite only: the whole data directory as a gzip tarball (test snapshots). */
  dump?: () => Promise<Blob>
  close(): Promise<void>
}

export type DatabaseTarget =
  | { driver: 'postgres'; url: string }
  | { driver: 'pglite'; dataDir: string }
  /** An in-memory PGlite started from a `dumpDataDir` snapshot (tests). */
  | { driver: 'pglite'; snapshot: Blob }

/** A clear, single-line failure: connection refused, no PostGIS, … */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.driver === 'postgres' ? openPostgres(target.url) : openPglite(target)
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 10 })
  try {
    await client`select 1`
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {})
    throw new DatabaseUnavailableError(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${messageOf(error)}`)
  }
  const db = drizzle({ client, schema }) as unknown as Database
  return {
    db,
    driver: 'postgres',
    url,
    async listen(channel, onPayload) {
      const sub = await client.listen(channel, onPayload)
      return () => sub.unlisten()
    },
    close: () => client.end({ timeout: 5 }),
  }
}

async function openPglite(target: { dataDir: string } | { snapshot: Blob }): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { postgis } = await import('@electric-sql/pglite-postgis')
  const { drizzle } = await import('drizzle-orm/pglite')
  let client
  let release = () => {}
  if ('dataDir' in target) {
    if (!target.dataDir.startsWith('memory://')) {
      mkdirSync(target.dataDir, { recursive: true })
      release = lockDataDir(target.dataDir)
    }
    client = new PGlite(target.dataDir, { extensions: { postgis } })
  } else {
    client = new PGlite({ loadDataDir: target.snapshot, extensions: { postgis } })
  }
  await client.waitReady
  const db = drizzle({ client, schema }) as unknown as Database
  return {
    db,
    driver: 'pglite',
    listen: (channel, onPayload) => client.listen(channel, onPayload),
    dump: async () => (await client.dumpDataDir('gzip')) as Blob,
    close: async () => {
      await client.close()
      release()
    },
  }
}

/**
 * An embedded database must be opened by one process at a time (two would corrupt it): a lock file
 * holds the owner's pid. A lock left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string) {
  const lock = join(dataDir, 'gridwatch.lock')
  try {
    const owner = Number(readFileSync(lock, 'utf8'))
    if (owner && owner !== process.pid && isRunning(owner)) {
      throw new DatabaseUnavailableError(`The embedded database in ${dataDir} is in use by process ${owner} (a running GridWatch?): stop it first, or use the HTTP API`)
    }
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error
  }
  writeFileSync(lock, String(process.pid))
  return () => rmSync(lock, { force: true })
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Rows of a raw `db.execute` result: postgres-js returns an array, PGlite `{ rows }`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] }
  return Array.isArray(result) ? result : result.rows
}

export const redactUrl = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
const messageOf = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error))
