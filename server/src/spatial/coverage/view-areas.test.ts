import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type Database, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { LON0, LAT0, at, addBuilding, addCamera, viewArea, county } from './testing'
import { camerasAtPoint } from './cameras-at-point'

describe('camera view areas', () => {
  let handle: DatabaseHandle
  let db: Database
  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: 0.02 })
  })
  afterAll(() => handle.close())

  it('a fixed camera sees what is in front of it, not behind it or beyond its range', async () => {
    await addCamera(db, 'EAST', 0, 0, { bearing: 90, fov: 60, rangeM: 100 })
    const ahead = await camerasAtPoint(db, county, ...at(50, 0))
    expect(ahead.seeing.map((c) => c.code)).toEqual(['EAST'])
    expect(ahead.seeing[0]!.distanceM).toBeCloseTo(50, 0)
    const behind = await camerasAtPoint(db, county, ...at(-50, 0))
    expect(behind.seeing).toEqual([])
    expect(behind.notSeeing.map((c) => [c.code, c.reason])).toEqual([['EAST', 'facing_away']])
    const far = await camerasAtPoint(db, county, ...at(150, 0))
    expect(far.notSeeing.map((c) => [c.code, c.reason])).toEqual([['EAST', 'out_of_range']])
  })

  it('a building between the camera and a point blocks it, and only the cameras within range of the building are recomputed', async () => {
    const near = await addCamera(db, 'NORTH', 0, 1000, { bearing: 0, fov: 60, rangeM: 100 })
    const farAway = await addCamera(db, 'AWAY', 1500, 1000, { bearing: 0, fov: 60, rangeM: 100 })
    const sectorM2 = (Math.PI * 100 ** 2) / 6
    expect((await viewArea(db, near)).m2 / sectorM2).toBeCloseTo(1, 2)
    expect((await camerasAtPoint(db, county, ...at(0, 1070))).seeing.map((c) => c.code)).toEqual(['NORTH'])
    const before = { near: await viewArea(db, near), away: await viewArea(db, farAway) }

    // A 20 × 10 m building 40 m north of the camera, across its line of sight.
    await addBuilding(db, 0, 1040, 20, 10)
    const after = { near: await viewArea(db, near), away: await viewArea(db, farAway) }
    expect(after.near.computedAt).not.toBe(before.near.computedAt)
    expect(after.away.computedAt).toBe(before.away.computedAt)
    expect(after.near.m2).toBeLessThan(before.near.m2 - 300)

    const hidden = await camerasAtPoint(db, county, ...at(0, 1070))
    expect(hidden.seeing).toEqual([])
    expect(hidden.notSeeing.map((c) => [c.code, c.reason])).toEqual([['NORTH', 'blocked']])
    // Beside the shadow, the camera still sees.
    expect((await camerasAtPoint(db, county, ...at(30, 1060))).seeing.map((c) => c.code)).toEqual(['NORTH'])
  })

  it('a camera on a building wall is not hidden by its own building', async () => {
    await addBuilding(db, 0, 2000, 30, 30)
    const mounted = await addCamera(db, 'WALL', 0, 2010, { bearing: 0, fov: 90, rangeM: 50 })
    expect((await viewArea(db, mounted)).m2 / ((Math.PI * 50 ** 2) / 4)).toBeGreaterThan(0.99)
  })

  it('a PTZ camera sees the full circle of its range', async () => {
    const ptz = await addCamera(db, 'PTZ', -1000, -1000, { bearing: 0, fov: 60, rangeM: 50, kind: 'ptz' })
    expect((await viewArea(db, ptz)).m2 / (Math.PI * 50 ** 2)).toBeGreaterThan(0.995)
    for (const [dx, dy] of [[40, 0], [-40, 0], [0, 40], [0, -40]] as const) {
      expect((await camerasAtPoint(db, county, ...at(-1000 + dx, -1000 + dy))).seeing.map((c) => c.code)).toEqual(['PTZ'])
    }
  })

  it('moving a camera recomputes it, a status change does not', async () => {
    const id = await addCamera(db, 'MOVE', 3000, 3000, { bearing: 180, fov: 40, rangeM: 80 })
    const first = await viewArea(db, id)
    await db.execute(sql`update cameras set status = 'fault' where id = ${id}`)
    expect((await viewArea(db, id)).computedAt).toBe(first.computedAt)
    const [event] = await queryRows<{ topic: string }>(db, sql`select topic from live_events where entity_id = ${id} order by id desc limit 1`)
    expect(event?.topic).toBe('camera.status')
    await db.execute(sql`update cameras set bearing = 200 where id = ${id}`)
    expect((await viewArea(db, id)).computedAt).not.toBe(first.computedAt)
  })
})
