import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openDatabase, redactUrl } from '../client'
import { migrateDatabase, migrationsFolder } from '../migrate'

/** What the global setup hands to each test file. */
export type PreparedTarget = { driver: 'pglite'; snapshotPath: string } | { driver: 'postgres'; serverUrl: string; template: string }

const cacheDir = resolve(import.meta.dirname, '../../../node_modules/.cache/gridwatch')

/**
 * PGlite: creating PostGIS costs ~20 s, so a migrated data directory is dumped once and cached by
 * the hash of the migrations; every test file loads it (~3 s). PostGIS: a migrated template database
 * is created once per run; every test file clones it (CREATE DATABASE … TEMPLATE), so files never
 * share state and can run in parallel.
 */
export async function prepareTestDatabases(databaseUrl: string | undefined): Promise<{ target: PreparedTarget; teardown: () => Promise<void> }> {
  if (!databaseUrl) {
    console.log('[test-db] DATABASE_URL not set: database tests run on embedded PGlite + PostGIS.')
    return { target: { driver: 'pglite', snapshotPath: await pgliteSnapshot() }, teardown: async () => {} }
  }
  console.log(`[test-db] Database tests run on PostgreSQL at ${redactUrl(databaseUrl)}.`)
  const template = `gw_tpl_${randomBytes(4).toString('hex')}`
  const admin = await openDatabase({ driver: 'postgres', url: databaseUrl })
  await admin.db.execute(sql.raw(`create database ${template}`))
  await admin.close()
  const handle = await openDatabase({ driver: 'postgres', url: withDatabase(databaseUrl, template) })
  await migrateDatabase(handle)
  await handle.close()
  return {
    target: { driver: 'postgres', serverUrl: databaseUrl, template },
    teardown: async () => {
      const a = await openDatabase({ driver: 'postgres', url: databaseUrl })
      await a.db.execute(sql.raw(`drop database if exists ${template} with (force)`))
      await a.close()
    },
  }
}

async function pgliteSnapshot() {
  const hash = createHash('sha256')
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const path = join(migrationsFolder, file)
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path))
  }
  const path = join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`)
  if (existsSync(path)) return path
  console.log('[test-db] Building the PGlite + PostGIS snapshot (once per schema change, ~20 s)…')
  const handle = await openDatabase({ driver: 'pglite', dataDir: 'memory://' })
  await migrateDatabase(handle)
  const dump = await handle.dump!()
  await handle.close()
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(`${path}.tmp`, Buffer.from(await dump.arrayBuffer()))
  renameSync(`${path}.tmp`, path)
  return path
}

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}
