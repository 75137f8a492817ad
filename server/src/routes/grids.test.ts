import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoGrids } from '../db/testing/two-grids'
import type { GridStats } from '../spatial/grid-stats'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let as: TestSession
let n = 0

beforeAll(async () => {
  handle = await createTestDatabase()
  await createTwoGrids(handle.db)
  app = createApp({ handle })
  as = await signInAs(handle.db, app, 'commander')
  const send = (lon: number, reportedAt: string, chain: Record<string, string> = {}, category = 'theft') =>
    as.request('/api/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: '110', externalId: `S${++n}`, category, lon, lat: 29.7, reportedAt, ...chain }),
    })
  // Grid A (west): three incidents this window, one a year earlier. Grid B (east): one now, two a year earlier.
  await send(120.195, '2026-05-01T10:00:00Z', { acceptedAt: '2026-05-01T10:00:30Z', onSceneAt: '2026-05-01T10:07:00Z', closedAt: '2026-05-01T11:00:00Z' })
  await send(120.195, '2026-05-02T10:00:00Z', { acceptedAt: '2026-05-02T10:02:00Z', onSceneAt: '2026-05-02T10:09:00Z' })
  await send(120.181, '2026-05-03T10:00:00Z', { acceptedAt: '2026-05-03T10:00:20Z', onSceneAt: '2026-05-03T10:15:00Z' }, 'dispute')
  await send(120.195, '2025-05-10T10:00:00Z')
  await send(120.215, '2026-05-04T10:00:00Z')
  await send(120.215, '2025-05-11T10:00:00Z')
  await send(120.215, '2025-05-12T10:00:00Z')
})
afterAll(() => handle.close())

const stats = async (query: string) => (await (await as.request(`/api/grids/stats?${query}`)).json()) as { versionId: number; grids: GridStats[] }

describe('per-grid statistics', () => {
  it('counts incidents, the same window a year earlier and response-target rates per grid', async () => {
    const { grids } = await stats('from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z')
    const [a, b] = grids
    expect(a).toMatchObject({ code: '330699001001001', incidents: 3, previousYear: 1, yearOverYear: 2, open: 2, byCategory: { theft: 2, dispute: 1 } })
    expect(a!.acceptedWithin1Min).toBeCloseTo(2 / 3)
    expect(a!.onSceneWithin10Min).toBeCloseTo(2 / 3)
    expect(a!.onSceneWithin8Min).toBeCloseTo(1 / 3)
    expect(b).toMatchObject({ code: '330699001001002', incidents: 1, previousYear: 2, yearOverYear: -0.5, acceptedWithin1Min: null })
  })

  it('recomputes the same incidents against another boundary version', async () => {
    // Version 2 moves the boundary west to 120.19: the incidents at 120.195 now fall in the east grid.
    const box = (w: number, e: number) => `SRID=4326;MULTIPOLYGON(((${w} 29.69,${e} 29.69,${e} 29.71,${w} 29.71,${w} 29.69)))`
    await handle.db.execute(sql`insert into boundary_versions (id, name, status, author) values (2, 'v2', 'draft', 'test')`)
    await handle.db.execute(sql`
      insert into grids (version_id, code, name, community_id, geom)
      select 2, code, name, community_id, ST_GeomFromEWKT(case when code like '%1' then ${box(120.18, 120.19)} else ${box(120.19, 120.22)} end)
      from grids where version_id = 1`)
    const v2 = await stats('from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z&version=2')
    expect(v2.versionId).toBe(2)
    expect(v2.grids.map((g) => [g.code, g.incidents, g.previousYear])).toEqual([
      ['330699001001001', 1, 0],
      ['330699001001002', 3, 3],
    ])
    // The version in force is unchanged.
    const v1 = await stats('from=2026-04-01T00:00:00Z&to=2026-06-01T00:00:00Z')
    expect(v1.grids.map((g) => g.incidents)).toEqual([3, 1])
  })

  it('refuses windows longer than a year (the year-over-year comparison would overlap) and absurd versions', async () => {
    const long = await as.request('/api/grids/stats?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')
    expect(long.status).toBe(400)
    expect(((await long.json()) as { error: { field: string } }).error.field).toBe('from')
    expect((await as.request('/api/grids/stats?version=3000000000')).status).toBe(400)
  })

  it('refuses a window that ends before it starts', async () => {
    const res = await as.request('/api/grids/stats?from=2026-06-01T00:00:00Z&to=2026-04-01T00:00:00Z')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('from')
  })
})
