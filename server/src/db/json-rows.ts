import { sql, type SQL } from 'drizzle-orm'
import type { Database } from './client'

/**
 * Bulk insert through one JSON parameter per batch (`json_to_recordset`): one round trip per
 * batch on both drivers, no per-row statements, no driver-specific array encoding.
 * `statement` receives the batch as a `json` SQL expression.
 */
export async function insertJsonBatches<T>(
  db: Database,
  rows: readonly T[],
  statement: (json: SQL) => SQL,
  options: { batchSize?: number; onBatch?: (done: number) => void } = {},
) {
  const batchSize = options.batchSize ?? 5000
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize)
    await db.execute(statement(sql`${JSON.stringify(batch)}::json`))
    options.onBatch?.(Math.min(rows.length, start + batchSize))
  }
}
