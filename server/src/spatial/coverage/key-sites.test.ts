import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KeySiteCoverage } from '../../contracts/coverage'
import type { Database, DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { LON0, LAT0, at, addCamera, addKeySite, county } from './testing'
import { keySiteCoverage } from './key-sites'

type Site = KeySiteCoverage['features'][number]

describe('key-site coverage', () => {
  let handle: DatabaseHandle
  let db: Database
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  const byName = (fc: KeySiteCoverage) => new Map(fc.features.map((f) => [f.properties.name, f]))
  const site = async (name: string, cameras: 'online' | 'all' = 'online'): Promise<Site> => {
    const found = byName(await keySiteCoverage(db, county, cameras)).get(name)
    expect(found, name).toBeDefined()
    return found!
  }

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: 0.02 })
    // Scenes 1 km apart (every range is ≤ 100 m), so no camera reaches another scene's site.
    // A: a 20 × 20 m school; two PTZ circles of 50 m, at its centre and 15 m east of it, each enclose it
    //    (farthest corners 14.1 m and 26.9 m away).
    await addKeySite(db, 'A小学', 'school', 0, 0, { width: 20, height: 20, communityId: ids.communityId })
    await addCamera(db, 'A-PTZ-1', 0, 0, { bearing: 0, fov: 60, rangeM: 50, kind: 'ptz' })
    await addCamera(db, 'A-PTZ-2', 15, 0, { bearing: 0, fov: 60, rangeM: 50, kind: 'ptz' })
    // B: a 40 × 20 m hospital (x 980–1020, y −10…10); a 180° camera 10 m east of its centre looking east
    //    sees the half-plane x ≥ 1010: 10 m of the north side, 20 m of the east side and 10 m of the
    //    south side, 40 m of the 120 m outline = 1/3.
    await addKeySite(db, 'B医院', 'hospital', 1000, 0, { width: 40, height: 20 })
    await addCamera(db, 'B-HALF', 1010, 0, { bearing: 90, fov: 180, rangeM: 100 })
    // C: a market no camera reaches.
    await addKeySite(db, 'C市场', 'market', -1000, 0, { width: 20, height: 20 })
    // D: a bank inside the circle of an offline PTZ camera only.
    await addKeySite(db, 'D银行', 'bank', 0, 1000, { width: 20, height: 20 })
    await addCamera(db, 'D-OFF', 0, 1000, { bearing: 0, fov: 60, rangeM: 50, kind: 'ptz', status: 'offline' })
    // E: a station without footprint (judged by the 10 m circle round its point), 50 m north of a 60°
    //    camera of 100 m looking north: the circle spans ±11.5° and 40–60 m, inside the sector.
    await addKeySite(db, 'E车站', 'station', 0, -1000)
    await addCamera(db, 'E-NORTH', 0, -1050, { bearing: 0, fov: 60, rangeM: 100 })
  })
  afterAll(() => handle.close())

  it('lists every site in scope with its footprint, or its point where it has none', async () => {
    const all = await keySiteCoverage(db, county, 'online')
    expect(all.features.map((f) => f.properties.name).sort()).toEqual(['A小学', 'B医院', 'C市场', 'D银行', 'E车站'])
    const a = byName(all).get('A小学')!
    expect(a.geometry.type).toBe('MultiPolygon')
    expect(a.properties.kind).toBe('school')
    expect(a.properties.community).toBe('测试社区')
    expect(a.properties.lon).toBeCloseTo(LON0, 7)
    expect(a.properties.lat).toBeCloseTo(LAT0, 7)
    const e = byName(all).get('E车站')!
    expect(e.geometry).toEqual({ type: 'Point', coordinates: [expect.closeTo(at(0, -1000)[0], 7), expect.closeTo(at(0, -1000)[1], 7)] })
    expect(e.properties.community).toBeNull()
    // A station whose communities hold none of these sites sees none of them.
    expect((await keySiteCoverage(db, { kind: 'station', stationId: ids.stationId + 1000 }, 'all')).features).toEqual([])
  })

  it('a site inside the circles of two PTZ cameras is covered, by both', async () => {
    const a = (await site('A小学')).properties
    expect([a.cameras, a.camerasOnline]).toEqual([2, 2])
    expect(a.outlineSeenPct).toBeCloseTo(1, 3)
    expect(a.status).toBe('covered')
  })

  it('a site half in view is partial, with the share of its outline worked out by hand', async () => {
    const b = (await site('B医院')).properties
    expect([b.cameras, b.camerasOnline]).toEqual([1, 1])
    expect(b.outlineSeenPct).toBeCloseTo(40 / 120, 3)
    expect(b.status).toBe('partial')
    // Every camera counts the same here: the only one is online.
    expect((await site('B医院', 'all')).properties.outlineSeenPct).toBeCloseTo(40 / 120, 3)
  })

  it('a site no camera reaches is none', async () => {
    for (const cameras of ['online', 'all'] as const) {
      const c = (await site('C市场', cameras)).properties
      expect([c.cameras, c.camerasOnline, c.outlineSeenPct, c.status]).toEqual([0, 0, 0, 'none'])
    }
  })

  it('a site seen only by an offline camera is none for online cameras and covered for all', async () => {
    const online = (await site('D银行', 'online')).properties
    expect([online.cameras, online.camerasOnline, online.outlineSeenPct, online.status]).toEqual([1, 0, 0, 'none'])
    const all = (await site('D银行', 'all')).properties
    expect([all.cameras, all.camerasOnline, all.status]).toEqual([1, 0, 'covered'])
    expect(all.outlineSeenPct).toBeCloseTo(1, 3)
  })

  it('a site without footprint is judged by the 10 m circle round its point', async () => {
    const e = (await site('E车站')).properties
    expect([e.cameras, e.camerasOnline, e.status]).toEqual([1, 1, 'covered'])
    expect(e.outlineSeenPct).toBeCloseTo(1, 3)
  })
})
