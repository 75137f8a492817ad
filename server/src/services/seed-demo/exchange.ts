import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'

/**
 * The county's usual 警网互融 partners and where non-police matters go: noise by shops and street
 * stalls to 城管, broken municipal facilities (water leaks, drains, lights) to the 12345 hotline,
 * consumer complaints to market regulation; the grid platform sends grid workers' reports in.
 * No endpoint is set: nothing leaves until an admin connects a partner (README "Event exchange").
 * Each secret is random per database, never a constant in the repository.
 */
export const demoPartners = [
  { code: 'chengguan', name: '县综合行政执法局（城管）', inboundSource: '12345', categories: ['noise'] },
  { code: 'hotline12345', name: '12345政务服务热线', inboundSource: '12345', categories: ['municipal'] },
  { code: 'market', name: '县市场监督管理局', inboundSource: '12345', categories: ['consumer'] },
  { code: 'grid_platform', name: '基层治理四平台（网格平台）', inboundSource: 'grid_report', categories: [] },
] as const

export async function insertExchangePartners(db: Database) {
  for (const p of demoPartners) {
    await db.execute(sql`
      insert into exchange_partners (code, name, endpoint_url, secret, inbound_source, active)
      values (${p.code}, ${p.name}, null, ${randomBytes(32).toString('base64url')}, ${p.inboundSource}, true)`)
    for (const category of p.categories) {
      await db.execute(sql`
        insert into exchange_rules (category_code, partner_id) select ${category}, id from exchange_partners where code = ${p.code}`)
    }
  }
}
