import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureReferenceData, migrateDatabase, openDatabase, seedDemoCounty, type DatabaseHandle } from '@gridwatch/server/bench'
import postgres from 'postgres'

/**
 * A fresh database with the demo county's boundaries, people and rosters but no incidents: on PostGIS
 * when DATABASE_URL is set (a new database on that server), else on embedded PGlite in a temp dir.
 */
export async function createBenchDatabase(): Promise<{ handle: DatabaseHandle; driver: string; dispose(): Promise<void> }> {
  let handle: DatabaseHandle
  let dispose: () => Promise<void>
  if (process.env.DATABASE_URL) {
    const name = `gw_bench_${randomBytes(4).toString('hex')}`
    const admin = postgres(process.env.DATABASE_URL, { onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    handle = await openDatabase({ driver: 'postgres', url: url.toString() })
    dispose = async () => {
      await handle.close()
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'gridwatch-bench-'))
    handle = await openDatabase({ driver: 'pglite', dataDir: dir })
    dispose = async () => {
      await handle.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  await migrateDatabase(handle)
  await ensureReferenceData(handle.db)
  await seedDemoCounty(handle.db, { seed: 7, scale: 1, incidents: false })
  return { handle, driver: handle.driver, dispose }
}

/** Percentile of sorted samples. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`
