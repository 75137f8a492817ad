import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { createOutboxWorker } from '../exchange/outbox-worker'
import { ensureReferenceData } from '../services/reference-data'
import { startPartnerSimulator } from './partner-simulator'

const SECRET = 'the-simulated-partner-shares-this-secret'
let handle: DatabaseHandle
let server: ServerType
let sim: ReturnType<typeof startPartnerSimulator>
let endpoint: string
let commander: TestSession

beforeAll(async () => {
  handle = await createTestDatabase()
  await ensureReferenceData(handle.db)
  await createTwoStations(handle.db)
  const app = createApp({ handle })
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  sim = startPartnerSimulator({ partner: 'chengguan', secret: SECRET, gridwatchUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stepMs: 30 })
  endpoint = await sim.listening
  const admin = await signInAs(handle.db, app, 'admin')
  const res = await admin.request('/api/exchange/partners/chengguan', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '城管', endpointUrl: endpoint, secret: SECRET, categories: ['noise'] }),
  })
  expect(res.status).toBe(200)
  commander = await signInAs(handle.db, app, 'commander')
})
afterAll(async () => {
  await sim?.close()
  server?.close()
  await handle.close()
})

describe('partner simulator (pnpm gridwatch partner-sim)', () => {
  it('takes a forwarded matter once and reports it back to resolved through signed status callbacks', async () => {
    const res = await commander.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId: '110-SIM-1', category: 'noise', lon: 120.19, lat: 29.7, reportedAt: new Date().toISOString(), address: '测试路 8 号 KTV' }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const worker = createOutboxWorker(handle, { backoffMs: () => 10 })
    expect(await worker.runOnce()).toBe(1)
    // Delivered again as after a lost acknowledgement: the partner answers, but opens no second matter.
    await handle.db.execute(sql`update exchange_outbox set status = 'pending', next_attempt_at = now() where incident_id = ${id}`)
    expect(await worker.runOnce()).toBe(1)

    const state = async () =>
      (await queryRows<{ status: string; remoteRef: string | null; steps: number }>(handle.db, sql`
        select status, remote_ref as "remoteRef", jsonb_array_length(history)::int as steps from incident_exchanges where incident_id = ${id}`))[0]!
    // The simulator counts a report once GridWatch's answer is read, a moment after the row changed.
    for (let waited = 0; ((await state()).steps < 4 || sim.stats.callbacks < 4) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50))
    expect(await state()).toEqual({ status: 'resolved', remoteRef: 'CHENGGUAN-00001', steps: 4 })
    expect(sim.stats).toMatchObject({ forwarded: 1, repeated: 1, refused: 0, callbacks: 4, callbackErrors: 0 })
  })

  it('refuses a call that is not signed with the shared secret', async () => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gridwatch-signature': 't=1,v1=00' }, body: '{}' })
    expect(res.status).toBe(401)
    expect(sim.stats.refused).toBe(1)
  })
})
