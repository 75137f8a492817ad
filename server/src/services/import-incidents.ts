import type { RowOutcome } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { incidentInput, type IncidentInput } from '../contracts'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'
import { checkTimeChainOrder, ingestIncidents } from './ingest-incidents'

export interface ImportSummary {
  read: number
  stored: number
  /** Already stored before (same source and id): left unchanged. */
  existing: number
  assigned: number
  nearest: number
  unassigned: number
  rejected: number
}

export interface Reject {
  line: number
  field: string
  reason: string
}

/**
 * Imports incident rows (from a CSV or GeoJSON reader) through the same validation and assignment as
 * the ingest API. Rows that cannot be stored are reported with their line and reason, the rest are
 * kept; each batch is one transaction, so a failure never leaves a batch half-written.
 */
export async function importIncidents(
  db: Database,
  rows: AsyncIterable<RowOutcome>,
  options: { onReject?: (reject: Reject) => void; onProgress?: (summary: ImportSummary) => void; batchSize?: number; toleranceM?: number } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { read: 0, stored: 0, existing: 0, assigned: 0, nearest: 0, unassigned: 0, rejected: 0 }
  const known = new Set((await queryRows<{ code: string }>(db, sql`select code from incident_categories`)).map((r) => r.code))
  const reject = (r: Reject) => {
    summary.rejected++
    options.onReject?.(r)
  }
  let batch: IncidentInput[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const outcomes = await ingestIncidents(db, batch, { toleranceM: options.toleranceM })
    for (const o of outcomes) {
      if (o.status !== 'created') summary.existing++
      else {
        summary.stored++
        if (o.assignment === 'nearest') summary.nearest++
        else if (o.assignment === 'unassigned') summary.unassigned++
        else summary.assigned++
      }
    }
    batch = []
    options.onProgress?.({ ...summary })
  }
  for await (const outcome of rows) {
    summary.read++
    if ('field' in outcome) {
      reject(outcome)
      continue
    }
    const parsed = incidentInput.safeParse(outcome.row)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      reject({ line: outcome.line, field: issue.path.map(String).join('.'), reason: issue.message })
      continue
    }
    if (!known.has(parsed.data.category)) {
      reject({ line: outcome.line, field: 'category', reason: `unknown category "${parsed.data.category}"` })
      continue
    }
    try {
      checkTimeChainOrder(parsed.data)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      reject({ line: outcome.line, field: error.field ?? 'time', reason: error.message })
      continue
    }
    batch.push(parsed.data)
    if (batch.length >= (options.batchSize ?? 10_000)) await flush()
  }
  await flush()
  return summary
}
