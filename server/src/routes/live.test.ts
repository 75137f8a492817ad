import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { IncidentRecord } from '../contracts'
import { openDatabase, queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoGrids } from '../db/testing/two-grids'
import { createLiveBus, type LiveBus } from '../live/bus'

let handle: DatabaseHandle
let live: LiveBus
let app: ReturnType<typeof createApp>
let as: TestSession
let n = 0
let grids: Awaited<ReturnType<typeof createTwoGrids>>

beforeAll(async () => {
  handle = await createTestDatabase()
  grids = await createTwoGrids(handle.db)
  live = createLiveBus(handle)
  app = createApp({ handle, live })
  as = await signInAs(handle.db, app, 'commander')
})
afterAll(async () => {
  await live.close()
  await handle.close()
})

interface Received {
  id?: string
  event: string
  data: string
}

/** An SSE client on the app: collects events until told to stop. */
async function connect(headers: Record<string, string> = {}, session: TestSession = as) {
  const abort = new AbortController()
  const res = await session.requestOn(app, '/api/live', { headers, signal: abort.signal })
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const reader = res.body!.getReader()
  const events: Received[] = []
  let buffer = ''
  const pump = (async () => {
    const decoder = new TextDecoder()
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += decoder.decode(value, { stream: true })
      let cut
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut)
        buffer = buffer.slice(cut + 2)
        const e: Received = { event: 'message', data: '' }
        for (const line of block.split('\n')) {
          const [k, ...v] = line.split(':')
          const value = v.join(':').replace(/^ /, '')
          if (k === 'id') e.id = value
          else if (k === 'event') e.event = value
          else if (k === 'data') e.data += value
        }
        events.push(e)
      }
    }
  })()
  const until = async (predicate: () => boolean, ms = 3000) => {
    const end = Date.now() + ms
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`timed out; got ${JSON.stringify(events.map((e) => [e.event, e.id]))}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  await until(() => events.some((e) => e.event === 'ready'))
  return {
    events,
    incidents: () => events.filter((e) => e.event.startsWith('incident.')),
    until,
    async close() {
      abort.abort()
      await reader.cancel().catch(() => {})
      await pump
    },
  }
}

const post = async (path: string, body: unknown, method = 'POST') =>
  as.request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const incident = (extra: Record<string, unknown> = {}) => ({ source: '110', externalId: `L${++n}`, category: 'theft', lon: 120.195, lat: 29.705, reportedAt: new Date().toISOString(), ...extra })

describe('live feed (server-sent events)', () => {
  it('delivers a new incident, with its grid and responsible officer, as soon as it is stored', async () => {
    const client = await connect()
    const created = (await (await post('/api/incidents', incident())).json()) as IncidentRecord
    await client.until(() => client.incidents().length === 1, 1000)
    const [e] = client.incidents()
    expect(e!.event).toBe('incident.created')
    const data = JSON.parse(e!.data) as IncidentRecord
    expect(data).toMatchObject({ id: created.id, grid: { code: '330699001001001' }, responsibility: 'grid_officer' })
    await client.close()
  })

  it('sends time-chain updates for the same incident, and a batch in order', async () => {
    const client = await connect()
    const created = (await (await post('/api/incidents', incident())).json()) as IncidentRecord
    await post(`/api/incidents/${created.id}`, { acceptedAt: new Date(Date.parse(created.reportedAt) + 20_000).toISOString() }, 'PATCH')
    await post('/api/incidents/batch', { items: [incident(), incident(), incident()] })
    await client.until(() => client.incidents().length === 5)
    expect(client.incidents().map((e) => e.event)).toEqual(['incident.created', 'incident.updated', 'incident.created', 'incident.created', 'incident.created'])
    expect(JSON.parse(client.incidents()[1]!.data).acceptedAt).not.toBeNull()
    const ids = client.incidents().map((e) => Number(e.id))
    expect([...ids].sort((a, b) => a - b)).toEqual(ids)
    await client.close()
  })

  it('resumes after a dropped connection with Last-Event-ID: every missed event once, then live ones', async () => {
    const first = await connect()
    await post('/api/incidents', incident())
    await first.until(() => first.incidents().length === 1)
    const lastSeen = first.incidents()[0]!.id!
    await first.close()

    const missed = [incident(), incident(), incident()]
    for (const m of missed) await post('/api/incidents', m)

    const second = await connect({ 'Last-Event-ID': lastSeen })
    await second.until(() => second.incidents().length === 3)
    await post('/api/incidents', incident({ externalId: 'AFTER-RESUME' }))
    await second.until(() => second.incidents().length === 4)
    await new Promise((r) => setTimeout(r, 300))
    const received = second.incidents().map((e) => JSON.parse(e.data) as IncidentRecord)
    expect(received.map((r) => r.externalId)).toEqual([...missed.map((m) => m.externalId), 'AFTER-RESUME'])
    expect(new Set(second.incidents().map((e) => e.id)).size).toBe(4)
    await second.close()
  })

  it('tells live clients that a new boundary version is in force (the wall redraws its grids)', async () => {
    const client = await connect()
    // Grid A's 网格长 signed in with a grid scope: their grids get new ids with the new version.
    const worker = await signInAs(handle.db, app, 'grid_worker', { personId: grids.officerA })
    const own = await connect({}, worker)
    // A draft version holding copies of the grids in force, put into force as a planner does.
    const [draft] = await queryRows<{ id: number }>(handle.db, sql`insert into boundary_versions (name, author) values ('v2', 'test') returning id`)
    await handle.db.execute(sql`
      insert into grids (version_id, code, name, community_id, geom)
      select ${draft!.id}, code, name, community_id, geom from grids where version_id <> ${draft!.id}`)
    const admin = await signInAs(handle.db, app, 'admin')
    const res = await admin.request(`/api/versions/${draft!.id}/republish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(res.status, await res.clone().text()).toBe(200)
    const { versionId } = (await res.json()) as { versionId: number }
    await client.until(() => client.events.some((e) => e.event === 'grids.published'))
    const event = client.events.find((e) => e.event === 'grids.published')!
    expect(JSON.parse(event.data)).toMatchObject({ versionId, name: 'v2（重新发布）' })
    // Open incidents now belong to the new version's grids: each arrives updated, before the version event.
    const [open] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from incidents where closed_at is null`)
    const updates = client.incidents().map((e) => ({ id: Number(e.id), record: JSON.parse(e.data) as IncidentRecord }))
    expect(updates).toHaveLength(open!.n)
    const newGrids = await queryRows<{ id: number }>(handle.db, sql`select id from grids where version_id = ${versionId}`)
    for (const u of updates) {
      expect(newGrids.map((g) => g.id)).toContain(u.record.grid?.id)
      expect(u.id).toBeLessThan(Number(event.id))
    }
    // The grid-scoped stream still gets its grid's re-assigned incidents, and the version event.
    const [inA] = await queryRows<{ n: number }>(handle.db, sql`
      select count(*)::int as n from incidents i join grids g on g.id = i.grid_id where i.closed_at is null and g.code = '330699001001001' and g.version_id = ${versionId}`)
    expect(inA!.n).toBeGreaterThan(0)
    await own.until(() => own.events.some((e) => e.event === 'grids.published'))
    expect(own.incidents()).toHaveLength(inA!.n)
    await own.close()
    await client.close()
  })
})

const onServer = inject('testDatabase').driver === 'postgres'
if (!onServer) console.log('[live] Cross-instance delivery not run: it needs PostgreSQL (DATABASE_URL); the embedded database serves one process.')

describe.runIf(onServer)('live feed with concurrent writers', () => {
  it('keeps an event whose transaction commits after a later one, in id order, once', async () => {
    const other = await openDatabase({ driver: 'postgres', url: handle.url! })
    const client = await connect()
    let commit!: () => void
    const gate = new Promise<void>((r) => (commit = r))
    try {
      // Writer A takes the next event id and holds its transaction open; writer B commits after it.
      const slow = other.db.transaction(async (tx) => {
        await tx.execute(sql`insert into incidents (source, external_id, category_code, priority, geom, reported_at)
          values ('110', 'SLOW-1', 'theft', 3, ST_SetSRID(ST_MakePoint(120.195, 29.705), 4326), now())`)
        await gate
      })
      await new Promise((r) => setTimeout(r, 200))
      await post('/api/incidents', incident({ externalId: 'FAST-1' }))
      await new Promise((r) => setTimeout(r, 500))
      // B is not delivered ahead of A: a client resuming from B's id would never see A.
      expect(client.incidents()).toHaveLength(0)
      commit()
      await slow
      await client.until(() => client.incidents().length === 2)
      const received = client.incidents().map((e) => (JSON.parse(e.data) as IncidentRecord).externalId)
      expect(received).toEqual(['SLOW-1', 'FAST-1'])
      const ids = client.incidents().map((e) => Number(e.id))
      expect(ids[0]).toBeLessThan(ids[1]!)
    } finally {
      commit()
      await client.close()
      await other.close()
    }
  })
})

describe.runIf(onServer)('live feed across server instances', () => {
  it('reaches the clients of another server instance on the same database', async () => {
    const other = await openDatabase({ driver: 'postgres', url: handle.url! })
    const otherLive = createLiveBus(other)
    const otherApp = createApp({ handle: other, live: otherLive })
    const saved = app
    try {
      app = otherApp
      const client = await connect()
      app = saved
      const created = (await (await post('/api/incidents', incident({ externalId: 'CROSS-1' }))).json()) as IncidentRecord
      await client.until(() => client.incidents().some((e) => (JSON.parse(e.data) as IncidentRecord).id === created.id), 2000)
      await client.close()
    } finally {
      app = saved
      await otherLive.close()
      await other.close()
    }
  })
})
