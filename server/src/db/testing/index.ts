import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { sql } from 'drizzle-orm'
import { inject } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../client'
import { withDatabase } from './test-database'

/**
 * A fresh, migrated database for one test file, on whichever driver this run uses.
 * Close it in `afterAll`; on PostGIS closing also drops the cloned database.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const target = inject('testDatabase')
  if (target.driver === 'pglite') {
    const snapshot = new Blob([await readFile(target.snapshotPath)])
    return openDatabase({ driver: 'pglite', snapshot })
  }
  const name = `gw_test_${randomBytes(5).toString('hex')}`
  const admin = await openDatabase({ driver: 'postgres', url: target.serverUrl })
  await admin.db.execute(sql.raw(`create database ${name} template ${target.template}`))
  await admin.close()
  const handle = await openDatabase({ driver: 'postgres', url: withDatabase(target.serverUrl, name) })
  return {
    ...handle,
    async close() {
      await handle.close()
      const a = await openDatabase({ driver: 'postgres', url: target.serverUrl })
      await a.db.execute(sql.raw(`drop database if exists ${name} with (force)`))
      await a.close()
    },
  }
}
