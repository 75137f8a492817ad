import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type Database, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { LON0, LAT0, metresPerDegLon, metresPerDegLat, pointSql, addCamera, county } from './testing'
import { createApp } from '../../app'
import { signInAs } from '../../auth/testing'
import { gridCoverageRows } from './grid-coverage'

describe('grid coverage', () => {
  let handle: DatabaseHandle
  let db: Database
  const half = 0.002
  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half })
    // A straight road through the centre, longer than the grid is wide.
    await db.execute(sql`insert into roads (name, class, geom) values ('中心路', 'street', ST_MakeLine(${pointSql(-1000, 0)}, ${pointSql(1000, 0)}))`)
  })
  afterAll(() => handle.close())

  it('equals the shares worked out by hand, for every camera and for online ones only', async () => {
    // A PTZ circle of 30 m at the centre (online) and a 90° sector of 40 m looking east along the road
    // from 100 m east of the centre (offline). No buildings, no overlap, both inside the grid.
    await addCamera(db, 'C-PTZ', 0, 0, { bearing: 0, fov: 60, rangeM: 30, kind: 'ptz' })
    await addCamera(db, 'C-EAST', 100, 0, { bearing: 90, fov: 90, rangeM: 40, status: 'offline' })
    const widthM = 2 * half * metresPerDegLon
    const heightM = 2 * half * metresPerDegLat
    const gridM2 = widthM * heightM
    const [grid] = await gridCoverageRows(db, county)
    expect(grid!.cameras).toBe(2)
    expect(grid!.camerasOnline).toBe(1)
    expect(grid!.roadM / widthM).toBeCloseTo(1, 3)
    const within = (actual: number, expected: number) => expect(Math.abs(actual / expected - 1)).toBeLessThan(0.005)
    within(grid!.online.areaPct, (Math.PI * 30 ** 2) / gridM2)
    within(grid!.online.roadPct!, 60 / widthM)
    within(grid!.all.areaPct, (Math.PI * 30 ** 2 + (Math.PI * 40 ** 2) / 4) / gridM2)
    within(grid!.all.roadPct!, (60 + 40) / widthM)
    within(grid!.online.blindRoadM, widthM - 60)
  })

  it('is computed again after a camera changes status, and only then', async () => {
    const [before] = await gridCoverageRows(db, county)
    const [again] = await gridCoverageRows(db, county)
    expect(again!.computedAt).toBe(before!.computedAt)
    await db.execute(sql`update cameras set status = 'online' where code = 'C-EAST'`)
    const [after] = await gridCoverageRows(db, county)
    expect(after!.computedAt).not.toBe(before!.computedAt)
    expect(after!.online.roadSeenM).toBeCloseTo(before!.all.roadSeenM, 0)
  })

  it('answers 503 naming the grid when its coverage could not be stored, never a grid shown as unseen', async () => {
    // What PGlite does when an overlay fails inside the statement: the insert ends with no row. A trigger
    // swallowing the row gives the same outcome on both drivers.
    await db.execute(sql`create function swallow_coverage() returns trigger language plpgsql as $$ begin return null; end $$`)
    await db.execute(sql`create trigger swallow_coverage before insert on grid_coverage for each row execute function swallow_coverage()`)
    try {
      await db.execute(sql`delete from grid_coverage`)
      const app = createApp({ handle })
      const commander = await signInAs(db, app, 'commander')
      const res = await commander.request('/api/coverage/grids')
      expect(res.status).toBe(503)
      const body = (await res.json()) as { error: { code: string; message: string; field: string } }
      const [grid] = await queryRows<{ code: string }>(db, sql`select code from grids`)
      expect(body.error).toMatchObject({ code: 'coverage_unavailable', field: 'grid' })
      expect(body.error.message).toContain(grid!.code)
    } finally {
      await db.execute(sql`drop trigger swallow_coverage on grid_coverage`)
      await db.execute(sql`drop function swallow_coverage()`)
    }
    // Once the cause is gone, the next read computes it.
    expect((await gridCoverageRows(db, county)).length).toBe(1)
  })
})
