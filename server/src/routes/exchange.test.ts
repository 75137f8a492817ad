import { createHmac } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { DuplicateOffer, ExchangePartnerView, OutboxPage } from '../contracts/exchange'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { ensureReferenceData } from '../services/reference-data'

const SECRET = 'the-admin-views-secret-of-more-than-32-chars'
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
/** How a partner signs what it sends us (computed here, not with the server's helper). */
const signed = (body: unknown, secret = SECRET) => {
  const text = JSON.stringify(body)
  const t = Math.floor(Date.now() / 1000)
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-gridwatch-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${text}`).digest('hex')}` }, body: text }
}

describe('exchange admin routes (警网互融 view)', () => {
  let handle: DatabaseHandle
  let db: Database
  let app: ReturnType<typeof createApp>
  let fx: Awaited<ReturnType<typeof createTwoStations>>
  let admin: TestSession
  let commander: TestSession
  let seq = 0
  const report = async (category: string, lon: number, reportedAt = new Date()) => {
    const res = await commander.request('/api/incidents', json({ source: '110', externalId: `X${++seq}`, category, lon, lat: 29.7, reportedAt: reportedAt.toISOString(), address: `测试路 ${seq} 号` }))
    expect(res.status, await res.clone().text()).toBe(201)
    return ((await res.json()) as { id: number }).id
  }
  const partner = (code: string, change: Record<string, unknown> = {}) =>
    admin.request(`/api/exchange/partners/${code}`, json({ name: code, endpointUrl: `http://127.0.0.1:9/${code}`, secret: SECRET, categories: [], ...change }, 'PUT'))

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    await ensureReferenceData(db)
    fx = await createTwoStations(db)
    app = createApp({ handle })
    admin = await signInAs(db, app, 'admin')
    commander = await signInAs(db, app, 'commander')
  })
  afterAll(() => handle.close())

  it('shows partners with whether a secret is set, never the secret, and keeps it when the form leaves it empty', async () => {
    expect((await partner('cg', { name: '城管', categories: ['noise', 'municipal'] })).status).toBe(200)
    const changed = await partner('cg', { name: '城管执法', secret: undefined, categories: ['municipal'] })
    expect(changed.status).toBe(200)
    const body = await changed.text()
    expect(body).not.toContain(SECRET)
    expect(JSON.parse(body)).toMatchObject({ code: 'cg', name: '城管执法', secretSet: true, categories: ['municipal'], pending: 0, dead: 0, lastDeliveredAt: null, lastCallbackAt: null })
    const listed = await admin.request('/api/exchange/partners')
    const text = await listed.text()
    expect(text).not.toContain(SECRET)
    expect((JSON.parse(text) as ExchangePartnerView[]).map((p) => p.code)).toEqual(['cg'])
    // The kept secret still signs the partner's calls.
    const stored = await app.request('/api/exchange/inbound/cg/events', signed({ eventId: 'K1', incident: { category: 'municipal', lon: 120.215, lat: 29.7, reportedAt: new Date().toISOString() } }))
    expect(stored.status).toBe(201)
  })

  it('names the field at fault when a partner is refused', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ secret: 'too short' }, 400, 'secret'],
      [{ endpointUrl: 'ftp://example.org/x' }, 400, 'endpointUrl'],
      [{ name: '' }, 400, 'name'],
      [{ categories: ['theft'] }, 422, 'categories'],
      [{ secret: undefined }, 422, 'secret'],
    ]
    for (const [change, status, field] of cases) {
      const res = await partner('fresh', change)
      expect([res.status, ((await res.json()) as { error: { field: string } }).error.field], JSON.stringify(change)).toEqual([status, field])
    }
    const badCode = await admin.request('/api/exchange/partners/BAD', json({ name: 'x', endpointUrl: null, secret: SECRET }, 'PUT'))
    expect(((await badCode.json()) as { error: { field: string } }).error.field).toBe('partner')
    expect((await queryRows(db, sql`select 1 from exchange_partners where code = 'fresh'`)).length).toBe(0)
  })

  it('lists the outbox newest first with counts per status, the partner, the category and the remote status', async () => {
    expect((await partner('mkt', { name: '市场监管', categories: ['consumer'] })).status).toBe(200)
    const consumer = await report('consumer', 120.19)
    const municipal = [await report('municipal', 120.191), await report('municipal', 120.192)]
    await db.execute(sql`update exchange_outbox set status = 'delivered', attempts = 1, delivered_at = now() where incident_id = ${municipal[0]}`)
    await db.execute(sql`update exchange_outbox set status = 'dead', attempts = 10, last_error = 'HTTP 503' where incident_id = ${municipal[1]}`)

    const all = (await (await admin.request('/api/exchange/outbox')).json()) as OutboxPage
    expect(all.counts).toEqual({ pending: 1, delivered: 1, dead: 1 })
    expect(all.items.map((e) => [e.incidentId, e.partner, e.partnerName, e.category, e.status, e.remoteStatus])).toEqual([
      [municipal[1], 'cg', '城管执法', 'municipal', 'dead', 'queued'],
      [municipal[0], 'cg', '城管执法', 'municipal', 'delivered', 'queued'],
      [consumer, 'mkt', '市场监管', 'consumer', 'pending', 'queued'],
    ])
    expect(all.items[0]!.createdAt).toMatch(ISO)
    expect(all.items[0]!.nextAttemptAt).toMatch(ISO)
    expect(all.items[1]!.deliveredAt).toMatch(ISO)

    const dead = (await (await admin.request('/api/exchange/outbox?status=dead')).json()) as OutboxPage
    expect(dead.items.map((e) => e.incidentId)).toEqual([municipal[1]])
    expect(dead.counts).toEqual(all.counts)
    const ofMarket = (await (await admin.request('/api/exchange/outbox?partner=mkt')).json()) as OutboxPage
    expect([ofMarket.counts, ofMarket.items.length]).toEqual([{ pending: 1, delivered: 0, dead: 0 }, 1])
    const wrong = await admin.request('/api/exchange/outbox?status=lost')
    expect([wrong.status, ((await wrong.json()) as { error: { field: string } }).error.field]).toEqual([400, 'status'])

    const partners = (await (await admin.request('/api/exchange/partners')).json()) as ExchangePartnerView[]
    expect(partners.find((p) => p.code === 'cg')).toMatchObject({ pending: 0, dead: 1 })
    expect(partners.find((p) => p.code === 'cg')!.lastDeliveredAt).toMatch(ISO)
  })

  it('audits sending a given-up event again, and refuses one that is not given up', async () => {
    const [dead] = await queryRows<{ id: number }>(db, sql`select id::int from exchange_outbox where status = 'dead'`)
    expect((await admin.request(`/api/exchange/outbox/${dead!.id}/retry`, { method: 'POST' })).status).toBe(200)
    const [row] = await queryRows<{ status: string; attempts: number }>(db, sql`select status, attempts from exchange_outbox where id = ${dead!.id}`)
    expect(row).toEqual({ status: 'pending', attempts: 0 })
    const audited = await queryRows<{ action: string; subjectIds: string[] }>(db, sql`
      select action, subject_ids as "subjectIds" from audit_log where action = 'exchange.retry'`)
    expect(audited).toEqual([{ action: 'exchange.retry', subjectIds: [String(dead!.id)] }])
    const again = await admin.request(`/api/exchange/outbox/${dead!.id}/retry`, { method: 'POST' })
    expect([again.status, ((await again.json()) as { error: { field: string } }).error.field]).toEqual([404, 'id'])
  })

  it('offers likely duplicates with both reports described, only to those who may see both', async () => {
    // An incident just west of the stations' border (A) and the same matter reported through cg 20 m east of it (B).
    const earlier = await report('municipal', 120.1999, new Date(Date.now() - 5 * 60_000))
    const event = { eventId: 'D1', incident: { category: 'municipal', lon: 120.2001, lat: 29.7, reportedAt: new Date().toISOString(), address: '井盖缺失' } }
    const res = await app.request('/api/exchange/inbound/cg/events', signed(event))
    expect(res.status, await res.clone().text()).toBe(201)
    const { incidentId } = (await res.json()) as { incidentId: number }

    const offers = (await (await commander.request('/api/exchange/duplicates')).json()) as DuplicateOffer[]
    const offer = offers.find((o) => o.incidentId === incidentId)!
    expect(offer).toMatchObject({ duplicateOf: earlier, status: 'offered', category: 'municipal', incident: { source: '12345', externalId: 'cg:D1', address: '井盖缺失' }, original: { source: '110', address: expect.stringMatching(/^测试路/) } })
    expect(offer.distanceM).toBeGreaterThan(15)
    expect(offer.distanceM).toBeLessThan(25)
    expect(offer.minutesApart).toBeCloseTo(5, 0)
    expect(offer.incident.reportedAt).toMatch(ISO)
    // Each station sees one of the two reports: neither is offered the pair it could not merge.
    for (const stationId of [fx.a.stationId, fx.b.stationId]) {
      const chief = await signInAs(db, app, 'station_chief', { stationId })
      const seen = (await (await chief.request('/api/exchange/duplicates')).json()) as DuplicateOffer[]
      expect(seen.map((o) => o.id)).not.toContain(offer.id)
    }
  })
})
