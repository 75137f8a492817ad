import { tableFromIPC } from 'apache-arrow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import type { IncidentRecord } from '../contracts'
import type { DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import type { GridColourCounts } from '../spatial/household-colours'
import { signInAs, type TestSession } from './testing'

/** Scoping is in the SQL of each query: an officer of station B cannot reach station A's records, even by id. */
let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
let commander: TestSession
let officerA: TestSession
let officerB: TestSession
let workerA: TestSession
let viewer: TestSession
let admin: TestSession
let incidentA: IncidentRecord
let incidentB: IncidentRecord

const json = async <T>(res: Response | Promise<Response>) => {
  const r = await res
  expect(r.status, await r.clone().text()).toBe(200)
  return (await r.json()) as T
}

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle })
  commander = await signInAs(handle.db, app, 'commander')
  officerA = await signInAs(handle.db, app, 'officer', { stationId: fx.a.stationId })
  officerB = await signInAs(handle.db, app, 'officer', { stationId: fx.b.stationId })
  workerA = await signInAs(handle.db, app, 'grid_worker', { personId: fx.workerA })
  viewer = await signInAs(handle.db, app, 'viewer')
  admin = await signInAs(handle.db, app, 'admin')
  const post = async (externalId: string, lon: number) => {
    const res = await commander.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId, category: 'theft', lon, lat: 29.7, reportedAt: '2026-03-01T10:00:00Z', address: '=HYPERLINK("http://evil")' }),
    })
    expect(res.status).toBe(201)
    return (await res.json()) as IncidentRecord
  }
  incidentA = await post('SCOPE-A', 120.19)
  incidentB = await post('SCOPE-B', 120.21)
})
afterAll(() => handle.close())

describe('incidents are scoped to the station, or to the grid worker’s grids', () => {
  it('lists, finds and exports only the incidents of the own station', async () => {
    const listB = await json<{ items: IncidentRecord[] }>(officerB.request('/api/incidents'))
    expect(listB.items.map((i) => i.externalId)).toEqual(['SCOPE-B'])
    expect((await officerB.request(`/api/incidents/${incidentA.id}`)).status).toBe(404)
    expect((await officerB.request(`/api/incidents/${incidentB.id}`)).status).toBe(200)
    const csv = await (await officerB.request('/api/incidents/export.csv')).text()
    expect(csv).toContain('SCOPE-B')
    expect(csv).not.toContain('SCOPE-A')
    const columns = tableFromIPC(new Uint8Array(await (await officerB.request('/api/incidents/columns')).arrayBuffer()))
    expect(columns.numRows).toBe(1)
    const all = await json<{ items: IncidentRecord[] }>(commander.request('/api/incidents'))
    expect(all.items).toHaveLength(2)
  })

  it('refuses to update another station’s incident as if it did not exist', async () => {
    const patch = (s: TestSession, id: number) =>
      s.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ acceptedAt: '2026-03-01T10:00:40Z' }) })
    expect((await patch(officerB, incidentA.id)).status).toBe(404)
    expect((await json<IncidentRecord>(patch(officerA, incidentA.id))).acceptedAt).toBe('2026-03-01T10:00:40.000Z')
  })

  it('does not reveal another station’s incident through a re-sent external id', async () => {
    const res = await officerB.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId: 'SCOPE-A', category: 'theft', lon: 120.21, lat: 29.7, reportedAt: '2026-03-01T10:00:00Z' }),
    })
    expect(res.status).toBe(409)
    const text = await res.text()
    expect(text).not.toContain('HYPERLINK')
    expect(text).not.toContain(String(incidentA.id))
  })

  it('shows a grid worker the incidents of their own grids only', async () => {
    const list = await json<{ items: IncidentRecord[] }>(workerA.request('/api/incidents'))
    expect(list.items.map((i) => i.externalId)).toEqual(['SCOPE-A'])
  })
})

describe('disputes and their parties', () => {
  it('hides another station’s dispute, even by id', async () => {
    expect((await officerB.request(`/api/disputes/${fx.disputeA}`)).status).toBe(404)
    const list = await json<{ items: { code: string }[] }>(officerB.request('/api/disputes'))
    expect(list.items.map((d) => d.code)).toEqual(['MD-B-1'])
  })

  it('gives the own station the parties, and the county the whole list', async () => {
    const own = await json<{ parties: { name: string }[] | null; timeline: unknown[] }>(officerA.request(`/api/disputes/${fx.disputeA}`))
    expect(own.parties?.map((p) => p.name)).toEqual(['张三', '李四'])
    expect(own.timeline).toHaveLength(1)
    const county = await json<{ items: unknown[] }>(commander.request('/api/disputes'))
    expect(county.items).toHaveLength(2)
  })

  it('keeps disputes from roles that see aggregates only', async () => {
    expect((await viewer.request('/api/disputes')).status).toBe(403)
    expect((await admin.request(`/api/disputes/${fx.disputeA}`)).status).toBe(403)
  })
})

describe('household risk colours', () => {
  it('lets the grid worker read the households of their grid, and not a neighbour’s', async () => {
    const own = await json<{ items: { colour: string }[] }>(workerA.request('/api/households?grid=330699001001001'))
    expect(own.items.map((h) => h.colour).sort()).toEqual(['green', 'green', 'green', 'green', 'orange', 'orange', 'orange', 'red', 'yellow', 'yellow'])
    const other = await json<{ items: unknown[] }>(workerA.request('/api/households?grid=330699002001001'))
    expect(other.items).toHaveLength(0)
    expect((await workerA.request(`/api/households/${fx.householdsB[0]}`)).status).toBe(404)
    expect((await officerB.request(`/api/households/${fx.householdsA[0]}`)).status).toBe(404)
  })

  it('gives aggregate roles per-grid counts with cells under 3 suppressed', async () => {
    expect((await viewer.request(`/api/households/${fx.householdsA[0]}`)).status).toBe(403)
    const summary = await json<{ grids: GridColourCounts[] }>(viewer.request('/api/households/summary'))
    const [a, b] = summary.grids
    // A: 4 green, 2 yellow, 3 orange, 1 red → yellow and red hidden (1–2 each), and orange, the smallest
    // visible, so that neither can be worked out from the total.
    expect(a).toMatchObject({ code: '330699001001001', households: 10, colours: { green: 4, yellow: null, orange: null, red: null }, suppressed: true })
    // B: 2 households in all → nothing shown.
    expect(b).toMatchObject({ code: '330699002001001', households: null, suppressed: true })
    expect(Object.keys(a!.colours).sort()).toEqual(['green', 'orange', 'red', 'yellow'])
    const scoped = await json<{ grids: GridColourCounts[] }>(officerB.request('/api/households/summary'))
    expect(scoped.grids.map((g) => g.code)).toEqual(['330699002001001'])
  })
})

describe('cameras and grid statistics', () => {
  it('shows each station its own cameras and the county all of them', async () => {
    const count = async (s: TestSession) => tableFromIPC(new Uint8Array(await (await s.request('/api/map/cameras')).arrayBuffer())).numRows
    expect(await count(commander)).toBe(5)
    expect(await count(officerA)).toBe(3)
    expect(await count(officerB)).toBe(2)
    expect(await count(workerA)).toBe(3)
  })

  it('limits per-grid statistics to the grids in scope', async () => {
    const stats = async (s: TestSession) => (await json<{ grids: { code: string }[] }>(s.request('/api/grids/stats'))).grids.map((g) => g.code)
    expect(await stats(viewer)).toEqual(['330699001001001', '330699002001001'])
    expect(await stats(officerB)).toEqual(['330699002001001'])
    expect(await stats(workerA)).toEqual(['330699001001001'])
  })
})
