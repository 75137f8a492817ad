import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { createLiveBus, type LiveBus } from '../live/bus'
import type { DatabaseHandle } from './client'
import { createTestDatabase } from './testing'
import { createTwoStations } from './testing/two-stations'

const onServer = inject('testDatabase').driver === 'postgres'
if (!onServer) console.log('[reconnect] Database reconnect not run: it needs PostgreSQL (DATABASE_URL); the embedded database runs in-process.')

describe.runIf(onServer)('losing the database connection', () => {
  let handle: DatabaseHandle
  let live: LiveBus
  let app: ReturnType<typeof createApp>
  let commander: TestSession

  beforeAll(async () => {
    handle = await createTestDatabase()
    await createTwoStations(handle.db)
    live = createLiveBus(handle)
    app = createApp({ handle, live })
    commander = await signInAs(handle.db, app, 'commander')
  })
  afterAll(async () => {
    await live.close()
    await handle.close()
  })

  /** What a DBA's restart or a network blip does: every connection of the app is cut. */
  async function cutConnections() {
    const admin = postgres(handle.url!, { max: 1, onnotice: () => {} })
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`
    await admin.end()
  }

  it('answers 503 at worst, then serves again on fresh connections, and the live feed resumes', async () => {
    await live.current()
    await cutConnections()
    const statuses: number[] = []
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await commander.request('/api/health/counts')
      statuses.push(res.status)
      if (res.status === 200) break
      expect(res.status).toBe(503)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable')
    }
    expect(statuses.at(-1)).toBe(200)

    // The LISTEN connection was cut too: a new incident must still reach subscribers.
    const seen: number[] = []
    const unsubscribe = await live.subscribe((events) => seen.push(...events.flatMap((e) => ('incident' in e ? [e.incident.id] : []))))
    const res = await commander.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId: 'AFTER-CUT', category: 'theft', lon: 120.19, lat: 29.7, reportedAt: new Date().toISOString() }),
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const deadline = Date.now() + 8000
    while (!seen.includes(id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    unsubscribe()
    expect(seen).toContain(id)
  })
})
