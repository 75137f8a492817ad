import { ensureReferenceData, migrateDatabase, openDatabase, seedDemoCounty, type DatabaseHandle } from '@gridwatch/server/bench'
import { createScratchDatabase } from '../helpers/scratch-database'

/**
 * A fresh database with the demo county's boundaries, people and rosters but no incidents: on PostGIS
 * when DATABASE_URL is set (a new database on that server), else on embedded PGlite in a temp dir.
 */
export async function createBenchDatabase(): Promise<{ handle: DatabaseHandle; driver: string; dispose(): Promise<void> }> {
  const scratch = await createScratchDatabase('bench')
  const handle = scratch.databaseUrl
    ? await openDatabase({ driver: 'postgres', url: scratch.databaseUrl })
    : await openDatabase({ driver: 'pglite', dataDir: scratch.dataDir! })
  await migrateDatabase(handle)
  await ensureReferenceData(handle.db)
  await seedDemoCounty(handle.db, { seed: 7, scale: 1, incidents: false })
  return {
    handle,
    driver: handle.driver,
    async dispose() {
      await handle.close()
      await scratch.dispose()
    },
  }
}

/** Percentile of sorted samples. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`
