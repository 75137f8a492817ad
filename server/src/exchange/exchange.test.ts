import { createHmac } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { ensureReferenceData } from '../services/reference-data'
import { findPartner, receiveStatus } from '../services/exchange'
import { createOutboxWorker } from './outbox-worker'

const SECRET = 'a-shared-secret-of-at-least-32-characters'
/** The receiving platform's own check of our signature: HMAC-SHA256 of "<t>.<body>", computed here. */
const signatureOk = (header: string, body: string) => {
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=')))
  return v1 === createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex') && Math.abs(Date.now() / 1000 - Number(t)) < 300
}
/** How a partner signs what it sends us. */
const signed = (body: unknown, secret = SECRET, at = Date.now()) => {
  const text = JSON.stringify(body)
  const t = Math.floor(at / 1000)
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-gridwatch-signature': `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${text}`).digest('hex')}` }, body: text }
}

describe('event exchange (警网互融)', () => {
  let handle: DatabaseHandle
  let db: Database
  let app: ReturnType<typeof createApp>
  let commander: TestSession
  let receiver: Server
  /** What the receiving platform saw: every attempt, and the effects it applied once per idempotency key. */
  const attempts: { key: string; signatureOk: boolean }[] = []
  const effects = new Map<string, unknown>()
  let failFirst = 2
  const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const noise = (externalId: string, lon: number, reportedAt: string) => ({ source: '110', externalId, category: 'noise', lon, lat: 29.7, reportedAt, address: '测试路 8 号 KTV' })

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    await ensureReferenceData(db)
    await createTwoStations(db)
    app = createApp({ handle })
    commander = await signInAs(db, app, 'commander')
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'])
        attempts.push({ key, signatureOk: signatureOk(String(req.headers['x-gridwatch-signature']), body) })
        if (failFirst > 0) {
          failFirst--
          res.writeHead(503).end()
          return
        }
        if (!effects.has(key)) effects.set(key, JSON.parse(body))
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`
    const admin = await signInAs(db, app, 'admin')
    const res = await admin.request('/api/exchange/partners/cg', json({ name: '城管', endpointUrl: url, secret: SECRET, categories: ['noise', 'municipal'] }, 'PUT'))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(JSON.stringify(await res.json())).not.toContain(SECRET)
  })
  afterAll(async () => {
    receiver.close()
    await handle.close()
  })

  it('forwards a non-police matter at least once, retrying a failing receiver, with one effect and a valid signature each time', async () => {
    const stored = await commander.request('/api/incidents', json(noise('110-N1', 120.19, new Date().toISOString())))
    expect(stored.status).toBe(201)
    const { id } = (await stored.json()) as { id: number }
    // A police matter goes nowhere; nor does history (closed, or reported weeks ago).
    await commander.request('/api/incidents', json({ ...noise('110-T1', 120.19, new Date().toISOString()), category: 'theft' }))
    const old = new Date(Date.now() - 20 * 86_400_000)
    await commander.request('/api/incidents', json(noise('110-OLD', 120.19, old.toISOString())))
    await commander.request('/api/incidents', json({ ...noise('110-DONE', 120.19, new Date(Date.now() - 3_600_000).toISOString()), closedAt: new Date().toISOString() }))
    const queued = await queryRows<{ incidentId: number; status: string }>(db, sql`select incident_id::int as "incidentId", status from exchange_outbox`)
    expect(queued).toEqual([{ incidentId: id, status: 'pending' }])

    const worker = createOutboxWorker(handle, { backoffMs: () => 10 })
    for (let pass = 0; pass < 3; pass++) {
      await worker.runOnce()
      await new Promise((r) => setTimeout(r, 30))
    }
    expect(attempts.map((a) => a.signatureOk)).toEqual([true, true, true])
    expect(new Set(attempts.map((a) => a.key))).toEqual(new Set([`gw-incident-${id}-cg`]))
    expect(effects.size).toBe(1)
    expect((effects.get(`gw-incident-${id}-cg`) as { incident: { id: number; category: string } }).incident).toMatchObject({ id, category: 'noise' })
    const [row] = await queryRows<{ status: string; attempts: number }>(db, sql`select status, attempts from exchange_outbox where incident_id = ${id}`)
    expect(row).toEqual({ status: 'delivered', attempts: 3 })
    // Delivered again (a lost acknowledgement): the receiver sees the same key and applies nothing twice.
    await db.execute(sql`update exchange_outbox set status = 'pending', next_attempt_at = now() where incident_id = ${id}`)
    await worker.runOnce()
    expect(attempts).toHaveLength(4)
    expect(effects.size).toBe(1)
  })

  it('gives an event up after the last attempt, and a person can send it again', async () => {
    failFirst = 100
    const stored = (await (await commander.request('/api/incidents', json(noise('110-N2', 120.21, new Date().toISOString())))).json()) as { id: number }
    const worker = createOutboxWorker(handle, { backoffMs: () => 5, maxAttempts: 2 })
    for (let pass = 0; pass < 3; pass++) {
      await worker.runOnce()
      await new Promise((r) => setTimeout(r, 20))
    }
    const [dead] = await queryRows<{ id: number; status: string; lastError: string }>(db, sql`select id::int, status, last_error as "lastError" from exchange_outbox where incident_id = ${stored.id}`)
    expect([dead!.status, dead!.lastError]).toEqual(['dead', 'HTTP 503'])
    failFirst = 0
    expect((await commander.request(`/api/exchange/outbox/${dead!.id}/retry`, { method: 'POST' })).status).toBe(200)
    await worker.runOnce()
    expect((await queryRows<{ status: string }>(db, sql`select status from exchange_outbox where id = ${dead!.id}`))[0]!.status).toBe('delivered')
  })

  it('takes signed status callbacks, once each, and refuses forged or stale ones', async () => {
    const [sent] = await queryRows<{ key: string; incidentId: number }>(db, sql`select event_key as key, incident_id::int as "incidentId" from incident_exchanges order by incident_id limit 1`)
    const callback = (status: string, at: string) => ({ eventKey: sent!.key, status, remoteRef: 'CG-2026-0001', at })
    for (const [status, at] of [['accepted', '2026-06-01T08:00:00+08:00'], ['resolved', '2026-06-01T10:00:00+08:00'], ['resolved', '2026-06-01T10:00:00+08:00']]) {
      expect((await app.request('/api/exchange/inbound/cg/status', signed(callback(status!, at!)))).status).toBe(200)
    }
    const forged = await app.request('/api/exchange/inbound/cg/status', signed(callback('rejected', '2026-06-01T11:00:00+08:00'), 'not-the-shared-secret-but-just-as-long!!'))
    expect(forged.status).toBe(401)
    const stale = await app.request('/api/exchange/inbound/cg/status', signed(callback('rejected', '2026-06-01T11:00:00+08:00'), SECRET, Date.now() - 3_600_000))
    expect(stale.status).toBe(401)
    // A late report from before the latest one joins the history but does not turn the status back.
    expect((await app.request('/api/exchange/inbound/cg/status', signed(callback('handling', '2026-06-01T09:00:00+08:00')))).status).toBe(200)
    const [state] = await queryRows<{ status: string; remoteRef: string; history: unknown[] }>(db, sql`select status, remote_ref as "remoteRef", history from incident_exchanges where event_key = ${sent!.key}`)
    expect([state!.status, state!.remoteRef, state!.history.length]).toEqual(['resolved', 'CG-2026-0001', 3])

    // An older report arriving while a later one is being stored waits for it, and then leaves its status alone.
    const partner = (await findPartner(db, 'cg'))!
    let older: Promise<Response> | undefined
    await db.transaction(async (tx) => {
      await receiveStatus(tx as unknown as Database, partner, { ...callback('rejected', '2026-06-02T12:00:00+08:00'), status: 'rejected' })
      older = Promise.resolve(app.request('/api/exchange/inbound/cg/status', signed(callback('handling', '2026-06-02T11:00:00+08:00'))))
      // On a server the older report now waits on the row (PGlite runs one transaction at a time anyway).
      await new Promise((r) => setTimeout(r, 300))
    })
    expect((await older!).status).toBe(200)
    const [after] = await queryRows<{ status: string; history: unknown[] }>(db, sql`select status, history from incident_exchanges where event_key = ${sent!.key}`)
    expect([after!.status, after!.history.length]).toEqual(['rejected', 5])
  })

  it('turns a partner event into an incident once, offers a likely duplicate for merging, and never merges it alone', async () => {
    const base = Date.now() - 10 * 60_000
    const earlier = (await (await commander.request('/api/incidents', json({ ...noise('110-N3', 120.195, new Date(base).toISOString()), category: 'municipal' }))).json()) as { id: number }
    // The same matter reported to 12345 eight minutes later, about 19 m away.
    const event = { eventId: 'E-77', incident: { category: 'municipal', lon: 120.1952, lat: 29.7, reportedAt: new Date(base + 8 * 60_000).toISOString(), summary: '井盖缺失' } }
    const first = await app.request('/api/exchange/inbound/cg/events', signed(event))
    expect(first.status, await first.clone().text()).toBe(201)
    const created = (await first.json()) as { incidentId: number; duplicates: { duplicateOf: number; distanceM: number }[] }
    expect(created.duplicates.map((d) => d.duplicateOf)).toEqual([earlier.id])
    expect(created.duplicates[0]!.distanceM).toBeGreaterThan(15)
    expect(created.duplicates[0]!.distanceM).toBeLessThan(25)
    const again = await app.request('/api/exchange/inbound/cg/events', signed(event))
    expect(again.status).toBe(200)
    expect(((await again.json()) as { incidentId: number }).incidentId).toBe(created.incidentId)
    const forged = await app.request('/api/exchange/inbound/cg/events', signed({ ...event, eventId: 'E-78' }, 'not-the-shared-secret-but-just-as-long!!'))
    expect(forged.status).toBe(401)
    // Sent three times at once: one incident, no error.
    const burst = { ...event, eventId: 'E-79', incident: { ...event.incident, lon: 120.215 } }
    const answers = await Promise.all([1, 2, 3].map(() => app.request('/api/exchange/inbound/cg/events', signed(burst))))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201])
    expect(new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { incidentId: number }).incidentId))).size).toBe(1)
    // A matter that came from cg is not sent back to cg, though its category is routed there.
    const echoed = await queryRows(db, sql`select 1 from exchange_outbox where incident_id = ${created.incidentId}`)
    expect(echoed).toEqual([])
    const [counts] = await queryRows<{ fromPartner: number; merged: number }>(db, sql`
      select count(*) filter (where source = '12345')::int as "fromPartner", count(*) filter (where merged_into is not null)::int as merged from incidents`)
    expect(counts).toEqual({ fromPartner: 2, merged: 0 })

    const offers = (await (await commander.request('/api/exchange/duplicates')).json()) as { id: number; incidentId: number }[]
    const offer = offers.find((o) => o.incidentId === created.incidentId)!
    expect((await commander.request(`/api/exchange/duplicates/${offer.id}`, json({ decision: 'merge' }))).status).toBe(200)
    const [merged] = await queryRows<{ mergedInto: number; closed: boolean }>(db, sql`select merged_into::int as "mergedInto", closed_at is not null as closed from incidents where id = ${created.incidentId}`)
    expect(merged).toEqual({ mergedInto: earlier.id, closed: true })
    expect((await commander.request(`/api/exchange/duplicates/${offer.id}`, json({ decision: 'dismiss' }))).status).toBe(409)
  })

  it('offers our own later report of a matter a partner sent first, whichever path stores it, and only that one', async () => {
    const base = Date.now() - 20 * 60_000
    const event = { eventId: 'E-90', incident: { category: 'municipal', lon: 120.205, lat: 29.705, reportedAt: new Date(base).toISOString(), summary: '路灯不亮' } }
    const fromPartner = (await (await app.request('/api/exchange/inbound/cg/events', signed(event))).json()) as { incidentId: number }
    const report = (externalId: string, lon: number, minutesLater: number, extra: object = {}) => ({ ...noise(externalId, lon, new Date(base + minutesLater * 60_000).toISOString()), category: 'municipal', lat: 29.705, ...extra })
    // A 110 call 12 minutes later, ~10 m away, one by the batch route 25 minutes later; then reports that are
    // not the same matter: 150 m away, 45 minutes later, another category, and a closed report of the past.
    const single = (await (await commander.request('/api/incidents', json(report('110-D1', 120.2051, 12)))).json()) as { id: number }
    const batch = await commander.request('/api/incidents/batch', json({ items: [report('110-D2', 120.2049, 25), report('110-D3', 120.2065, 5), report('110-D4', 120.205, 45), report('110-D5', 120.205, 3, { category: 'noise' })] }))
    expect(batch.status, await batch.clone().text()).toBe(200)
    await commander.request('/api/incidents', json(report('110-D6', 120.205, 2, { closedAt: new Date(base + 60 * 60_000).toISOString() })))
    const offered = await queryRows<{ externalId: string; duplicateOf: number }>(db, sql`
      select i.external_id as "externalId", d.duplicate_of::int as "duplicateOf"
      from incident_duplicates d join incidents i on i.id = d.incident_id where d.duplicate_of = ${fromPartner.incidentId} order by i.external_id`)
    expect(offered).toEqual([{ externalId: '110-D1', duplicateOf: fromPartner.incidentId }, { externalId: '110-D2', duplicateOf: fromPartner.incidentId }])
    // Offered, never merged alone.
    const [{ merged }] = (await queryRows<{ merged: number }>(db, sql`select count(*)::int as merged from incidents where merged_into = ${fromPartner.incidentId} or id = ${single.id} and merged_into is not null`)) as [{ merged: number }]
    expect(merged).toBe(0)
  })
})
