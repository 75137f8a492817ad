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
import { createOutboxWorker, isRefusal } from './outbox-worker'

describe('isRefusal', () => {
  it('gives up on answers that refuse the event as sent, retries the ones that may pass later', () => {
    expect([400, 401, 403, 404, 410, 413, 422].filter(isRefusal)).toEqual([400, 401, 403, 404, 410, 413, 422])
    expect([408, 409, 425, 429, 500, 502, 503, 504, 302].filter(isRefusal)).toEqual([])
  })
})

describe('outbox worker', () => {
  let handle: DatabaseHandle
  let db: Database
  let commander: TestSession
  let receiver: Server
  /** What the receiver answers next, by call; then 200. */
  let answers: { status: number; body?: string }[] = []
  let calls = 0
  let seq = 0
  const report = async () => {
    const res = await commander.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId: `W${++seq}`, category: 'noise', lon: 120.19, lat: 29.7, reportedAt: new Date().toISOString() }),
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: number }).id
  }
  const outboxRow = async (incidentId: number) =>
    (await queryRows<{ status: string; attempts: number; lastError: string | null }>(db, sql`
      select status, attempts, last_error as "lastError" from exchange_outbox where incident_id = ${incidentId}`))[0]!

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    await ensureReferenceData(db)
    await createTwoStations(db)
    const app = createApp({ handle })
    commander = await signInAs(db, app, 'commander')
    receiver = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        calls++
        const answer = answers.shift() ?? { status: 200 }
        res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const admin = await signInAs(db, app, 'admin')
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`
    const res = await admin.request('/api/exchange/partners/cg', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '城管', endpointUrl: url, secret: 'x'.repeat(40), categories: ['noise'] }),
    })
    expect(res.status).toBe(200)
  })
  afterAll(async () => {
    receiver.close()
    await handle.close()
  })

  it('gives an event up at once when the partner refuses it, keeping the reason it gave', async () => {
    answers = [{ status: 503 }, { status: 422, body: '  category\n not handled here ' }]
    calls = 0
    const id = await report()
    const worker = createOutboxWorker(handle, { backoffMs: () => 5, maxAttempts: 10 })
    await worker.runOnce()
    expect(await outboxRow(id)).toEqual({ status: 'pending', attempts: 1, lastError: 'HTTP 503' })
    await new Promise((r) => setTimeout(r, 20))
    await worker.runOnce()
    expect(await outboxRow(id)).toEqual({ status: 'dead', attempts: 2, lastError: 'HTTP 422: category not handled here' })
    await new Promise((r) => setTimeout(r, 20))
    await worker.runOnce()
    expect(calls).toBe(2)
  })

  it('once started, tries again when the backoff is over rather than at the next poll', async () => {
    await db.execute(sql`update exchange_outbox set status = 'delivered' where status <> 'delivered'`)
    answers = [{ status: 503 }]
    calls = 0
    const worker = createOutboxWorker(handle, { backoffMs: () => 150, pollMs: 60_000 })
    await worker.start()
    try {
      const id = await report()
      await expect.poll(() => outboxRow(id), { timeout: 5000, interval: 50 }).toMatchObject({ status: 'delivered', attempts: 2 })
      expect(calls).toBe(2)
    } finally {
      await worker.stop()
    }
  })
})
