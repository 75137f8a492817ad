import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CameraSuggestions } from '../../contracts/coverage'
import { queryRows, type Database, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { LON0, LAT0, addCamera, addGrid, addIncident, addRoad, county, pointSql, shoelaceM2, toMetres } from './testing'
import { suggestCameraSites } from './camera-suggestions'

type Site = CameraSuggestions['sites'][number]
/** The camera suggested throughout: a fixed 90° bullet camera of 80 m. */
const R = 80
const camera = { kind: 'fixed', fov: 90, rangeM: R } as const

/** The stretch [from, to] (metres east of the origin) of an east–west road inside a suggested sector. */
const stretch = (s: Site): [number, number] => {
  const [x] = toMetres(s.lon, s.lat)
  const east = Math.abs(s.bearing - 90) < 0.5
  expect(east || Math.abs(s.bearing - 270) < 0.5, `bearing ${s.bearing} runs along the road`).toBe(true)
  return east ? [x, x + R] : [x - R, x]
}

const nonIncreasing = (values: number[]) => values.every((v, i) => i === 0 || v <= values[i - 1]! + 1e-9)

describe('camera site suggestions', () => {
  let handle: DatabaseHandle
  let db: Database
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  let laneGrid: number
  let longGrid: number
  let busyGrid: number
  const suggest = async (gridId: number, k: number) => (await suggestCameraSites(db, county, { area: { kind: 'grid', id: gridId }, k, ...camera }))!

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    // The fixture's grid (±484 m × ±554 m round the origin) holds three short east–west lanes, far
    // more than R apart: 70, 50 and 30 m, all shorter than R.
    ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: 0.005 })
    laneGrid = ids.gridId
    await addRoad(db, '甲巷', [-300, 200], [-230, 200])
    await addRoad(db, '乙巷', [100, 200], [150, 200])
    await addRoad(db, '丙巷', [-300, -200], [-270, -200])
    // A grid 3 km east with one straight street of 800 m.
    longGrid = await addGrid(db, ids, '330699001001002', 3000, 0, 500)
    await addRoad(db, '长街', [2600, 0], [3400, 0])
    // A grid 3 km west: an empty street of 400 m and, 300 m north of it, a lane of 40 m.
    busyGrid = await addGrid(db, ids, '330699001001003', -3000, 0, 500)
    await addRoad(db, '空街', [-3200, 0], [-2800, 0])
    await addRoad(db, '闹巷', [-3020, 300], [-2980, 300])
  })
  afterAll(() => handle.close())

  it('takes the road with the most unseen length first, and stops when every road is seen', async () => {
    const result = await suggest(laneGrid, 5)
    expect(result.area).toEqual({ kind: 'grid', id: laneGrid, name: '测试网格' })
    expect(result.uncoveredBeforeM).toBeCloseTo(150, 0)
    // Each lane is seen whole from its end, looking along it; then nothing is left to gain.
    expect(result.sites.map((s) => s.road)).toEqual(['甲巷', '乙巷', '丙巷'])
    expect(result.sites.map((s) => s.rank)).toEqual([1, 2, 3])
    for (const [s, length] of result.sites.map((s, i) => [s, [70, 50, 30][i]!] as const)) {
      expect(s.gainM).toBeCloseTo(length, 0)
      // Without incidents a metre weighs one.
      expect(s.weightedGain).toBeCloseTo(s.gainM, 0)
      expect(s.incidentsNear).toBe(0)
      expect([s.kind, s.fov, s.rangeM]).toEqual(['fixed', 90, R])
      // It stands on its lane, at one end.
      const [x, y] = toMetres(s.lon, s.lat)
      expect(Math.abs(y - (s.road === '丙巷' ? -200 : 200))).toBeLessThan(0.01)
      const ends: Record<string, [number, number]> = { 甲巷: [-300, -230], 乙巷: [100, 150], 丙巷: [-300, -270] }
      const [from, to] = ends[s.road!]!
      expect(Math.min(Math.abs(x - from), Math.abs(x - to))).toBeLessThan(0.01)
    }
    expect(result.uncoveredAfterM).toBeCloseTo(0, 0)
  })

  it('leaves out road an online camera sees already, but not road only an offline camera sees', async () => {
    // 40 m of 甲巷 (x −300…−260) seen online; all of 乙巷 seen by an offline camera.
    await addCamera(db, 'LANE-ON', -300, 200, { bearing: 90, fov: 60, rangeM: 40 })
    await addCamera(db, 'LANE-OFF', 100, 200, { bearing: 90, fov: 60, rangeM: 80, status: 'offline' })
    const result = await suggest(laneGrid, 5)
    expect(result.uncoveredBeforeM).toBeCloseTo(150 - 40, 0)
    expect(result.sites.map((s) => s.road)).toEqual(['乙巷', expect.any(String), expect.any(String)])
    expect(result.sites.slice(1).map((s) => s.road).sort()).toEqual(['丙巷', '甲巷'])
    expect(result.sites.map((s) => s.gainM)).toEqual([expect.closeTo(50, 0), expect.closeTo(30, 0), expect.closeTo(30, 0)])
    // What is left of 甲巷 is x −260…−230: its camera does not stand in the part already seen.
    const lane = result.sites.find((s) => s.road === '甲巷')!
    const [x] = toMetres(lane.lon, lane.lat)
    expect(x).toBeGreaterThan(-260.01)
    expect(result.uncoveredAfterM).toBeCloseTo(0, 0)
  })

  it('sees at most R of a straight road, and never picks the stretch of an earlier pick again', async () => {
    const result = await suggest(longGrid, 4)
    expect(result.uncoveredBeforeM).toBeCloseTo(800, 0)
    expect(result.sites).toHaveLength(4)
    expect(nonIncreasing(result.sites.map((s) => s.weightedGain))).toBe(true)
    // 800 m of street leave room for four disjoint stretches of R: every pick sees R, no more.
    for (const s of result.sites) {
      expect(s.road).toBe('长街')
      expect(s.gainM).toBeCloseTo(R, 0)
      expect(Math.abs(toMetres(s.lon, s.lat)[1])).toBeLessThan(0.01)
    }
    // The stretches seen lie on the street and do not overlap: after a pick, the candidates next to it
    // (which would also have seen R before) gain only what it left unseen.
    const stretches = result.sites.map(stretch).sort((a, b) => a[0] - b[0])
    expect(stretches[0]![0]).toBeGreaterThan(2600 - 0.01)
    expect(stretches.at(-1)![1]).toBeLessThan(3400 + 0.01)
    for (let i = 1; i < stretches.length; i++) expect(stretches[i]![0]).toBeGreaterThan(stretches[i - 1]![1] - 0.5)
    expect(result.uncoveredAfterM).toBeCloseTo(800 - 4 * R, 0)
    // The view area handed back is the 90° sector of R (no buildings here): π R² / 4.
    expect(shoelaceM2(result.sites[0]!.viewArea) / ((Math.PI * R ** 2) / 4)).toBeCloseTo(1, 2)
    // A following request with k = 1 takes the same first pick: the answer is a plan, nothing is stored.
    const again = await suggest(longGrid, 1)
    expect([again.sites[0]!.lon, again.sites[0]!.lat, again.sites[0]!.bearing]).toEqual([result.sites[0]!.lon, result.sites[0]!.lat, result.sites[0]!.bearing])
    expect(again.uncoveredBeforeM).toBeCloseTo(800, 0)
  })

  it('weights road by the incidents of the last 12 months near it', async () => {
    // Ten thefts 5 m north of 闹巷, all more than a year ago: they do not count, the longer street wins.
    for (let i = 0; i < 10; i++) await addIncident(db, `OLD-${i}`, -3018 + 4 * i, 305, 400)
    const before = await suggest(busyGrid, 1)
    expect(before.sites[0]!.road).toBe('空街')
    expect(before.sites[0]!.weightedGain).toBeCloseTo(R, 0)
    expect(before.sites[0]!.incidentsNear).toBe(0)

    // Ten more there last week, and one 50 m from the lane (beyond the 30 m that count).
    for (let i = 0; i < 10; i++) await addIncident(db, `NEW-${i}`, -3018 + 4 * i, 305, 7)
    await addIncident(db, 'NEW-FAR', -3000, 350, 7)
    const after = await suggest(busyGrid, 2)
    const [busy, empty] = after.sites
    expect(busy!.road).toBe('闹巷')
    expect(busy!.gainM).toBeCloseTo(40, 0)
    expect(busy!.incidentsNear).toBe(10)
    // Each metre weighs 1, and each incident adds a piece's length (20 m): 40 + 10 × 20.
    expect(busy!.weightedGain).toBeCloseTo(40 + 10 * 20, 0)
    expect(empty!.road).toBe('空街')
    expect([empty!.gainM, empty!.weightedGain, empty!.incidentsNear]).toEqual([expect.closeTo(R, 0), expect.closeTo(R, 0), 0])
    // The plan stores nothing: no camera was added.
    const [n] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cameras where geom && ST_Expand(${pointSql(-3000, 0)}, 0.01)`)
    expect(n!.n).toBe(0)
  })

  it('counts a road along the edge between two grids once for the township', async () => {
    // Two grids 3 km north sharing the edge x = 500, and a 100 m road on that edge.
    const west = await addGrid(db, ids, '330699001001004', 0, 3000, 500)
    const east = await addGrid(db, ids, '330699001001005', 1000, 3000, 500)
    await addRoad(db, '界路', [500, 2950], [500, 3050])
    const township = (await suggestCameraSites(db, county, { area: { kind: 'township', id: ids.townshipId }, k: 20, ...camera }))!
    // Each grid on its own has the road whole; the township has it once.
    let perGrid = 0
    for (const grid of [laneGrid, longGrid, busyGrid, west, east]) perGrid += (await suggest(grid, 1)).uncoveredBeforeM
    expect(township.uncoveredBeforeM).toBeCloseTo(perGrid - 100, 0)
    // One camera of range R sees at most R of a straight road, and the edge road yields at most 100 m.
    for (const site of township.sites) expect(site.gainM).toBeLessThan(R + 0.5)
    const edge = township.sites.filter((site) => site.road === '界路')
    expect(edge[0]?.gainM).toBeCloseTo(R, 0)
    expect(edge.reduce((sum, site) => sum + site.gainM, 0)).toBeLessThan(100.5)
  })

  it('answers null for an area outside the caller scope or missing', async () => {
    const request = { area: { kind: 'grid' as const, id: longGrid }, k: 1, ...camera }
    const [other] = await queryRows<{ id: number }>(db, sql`
      insert into stations (code, name, duty_phone, address, location, jurisdiction)
      values ('S2', '别的派出所', '0575-80000001', '别处', ${pointSql(0, 0)}, ST_Multi(ST_Buffer(${pointSql(0, 0)}, 0.001))) returning id`)
    expect(await suggestCameraSites(db, { kind: 'station', stationId: other!.id }, request)).toBeNull()
    expect(await suggestCameraSites(db, { kind: 'station', stationId: other!.id }, { ...request, area: { kind: 'township', id: ids.townshipId } })).toBeNull()
    // A grid worker with no duty in it.
    const [person] = await queryRows<{ id: number }>(db, sql`insert into people (name, role, phone) values ('网格员', 'grid_worker', '13800000009') returning id`)
    expect(await suggestCameraSites(db, { kind: 'grids', personId: person!.id }, request)).toBeNull()
    expect(await suggestCameraSites(db, county, { ...request, area: { kind: 'grid', id: longGrid + 1000 } })).toBeNull()
    // The grid's own station may ask.
    const own = await suggestCameraSites(db, { kind: 'station', stationId: ids.stationId }, request)
    expect(own?.sites[0]?.road).toBe('长街')
  })
})
