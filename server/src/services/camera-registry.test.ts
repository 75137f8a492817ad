import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createMinimalHierarchy } from '../db/testing/fixtures'
import { LON0, LAT0, at, pointSql } from '../spatial/coverage/testing'

const HEADER = 'code,name,lon,lat,bearing,fov,rangeM,heightM,kind,status,owner,stationId,installedOn'
/** A registry row at (dx, dy) metres from the origin. */
const row = (code: string, dx: number, dy: number, rest: string) => `${code},${code}号,${at(dx, dy)[0]},${at(dx, dy)[1]},${rest}`
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`

interface Stored {
  code: string
  lon: number
  lat: number
  bearing: number
  fov: number
  rangeM: number
  heightM: number
  kind: string
  status: string
  owner: string
  stationId: number | null
  installedOn: string | null
  viewM2: number | null
  computedAt: string | null
}

// One database per file.
describe('camera registry CSV import', () => {
  let handle: DatabaseHandle
  let db: Database
  let app: ReturnType<typeof createApp>
  let admin: TestSession
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>

  const upload = (as: TestSession, content: string) => {
    const form = new FormData()
    form.append('file', new Blob([content]), 'cameras.csv')
    return as.request('/api/import/cameras', { method: 'POST', body: form })
  }
  const stored = () =>
    queryRows<Stored>(db, sql`
      select c.code, ST_X(c.geom) as lon, ST_Y(c.geom) as lat, c.bearing::float8 as bearing, c.fov::float8 as fov, c.range_m::float8 as "rangeM",
             c.height_m::float8 as "heightM", c.kind::text as kind, c.status::text as status, c.owner::text as owner, c.station_id as "stationId",
             c.installed_on::text as "installedOn", ST_Area(v.geom::geography) as "viewM2", v.computed_at::text as "computedAt"
      from cameras c left join camera_view_areas v on v.camera_id = c.id order by c.code`)
  const byCode = async () => new Map((await stored()).map((c) => [c.code, c]))

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: 0.01 })
    app = createApp({ handle })
    admin = await signInAs(db, app, 'admin')
    // A camera registered before any import.
    await db.execute(sql`
      insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner)
      values ('OLD-1', '老枪机', ${pointSql(300, 0)}, 180, 40, 60, 5, 'fixed', 'online', 'public')`)
  })
  afterAll(() => handle.close())

  it('stores every row of a valid file with its fields, and computes their view areas', async () => {
    const res = await upload(
      admin,
      csv(
        row('IMP-N', 0, 100, `0,60,80,6,fixed,online,public,${ids.stationId},2024-05-01`),
        row('IMP-P', 200, 0, '0,90,50,8,ptz,offline,community,,'),
        row('IMP-D', -200, 0, '135.5,45,120,4.5,dome,fault,private,,2023-11-20'),
      ),
    )
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toEqual({ inserted: 3, updated: 0, rows: 3 })

    const cameras = await byCode()
    expect([...cameras.keys()]).toEqual(['IMP-D', 'IMP-N', 'IMP-P', 'OLD-1'])
    const fields = (c: Stored) => [c.bearing, c.fov, c.rangeM, c.heightM, c.kind, c.status, c.owner, c.stationId, c.installedOn]
    expect(fields(cameras.get('IMP-N')!)).toEqual([0, 60, 80, 6, 'fixed', 'online', 'public', ids.stationId, '2024-05-01'])
    expect(fields(cameras.get('IMP-P')!)).toEqual([0, 90, 50, 8, 'ptz', 'offline', 'community', null, null])
    expect(fields(cameras.get('IMP-D')!)).toEqual([135.5, 45, 120, 4.5, 'dome', 'fault', 'private', null, '2023-11-20'])
    for (const [code, dx, dy] of [['IMP-N', 0, 100], ['IMP-P', 200, 0], ['IMP-D', -200, 0]] as const) {
      expect(cameras.get(code)!.lon).toBeCloseTo(at(dx, dy)[0], 9)
      expect(cameras.get(code)!.lat).toBeCloseTo(at(dx, dy)[1], 9)
    }
    // View areas, whatever the status: a 60° sector of 80 m, a PTZ circle of 50 m, a 45° sector of 120 m.
    expect(cameras.get('IMP-N')!.viewM2! / ((Math.PI * 80 ** 2) / 6)).toBeCloseTo(1, 2)
    expect(cameras.get('IMP-P')!.viewM2! / (Math.PI * 50 ** 2)).toBeCloseTo(1, 2)
    expect(cameras.get('IMP-D')!.viewM2! / ((Math.PI * 120 ** 2) / 8)).toBeCloseTo(1, 2)
  })

  it('refuses a file with a bad row, naming its line and field, and stores nothing of it', async () => {
    const before = await stored()
    // Each file also holds a valid change to IMP-N (line 2) and a new camera: neither may be stored.
    const files: [string, string, RegExp][] = [
      ['line 3: bearing', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '400,60,80,6,fixed,online,public,,'), row('NEW-2', 20, 20, '90,60,80,6,fixed,online,public,,')), /line 3: bearing — bearing must be 0–360°/],
      ['line 3: fov', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '90,0,80,6,fixed,online,public,,')), /line 3: fov — field of view must be 1–360°/],
      ['line 4: rangeM', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '90,60,80,6,fixed,online,public,,'), row('NEW-2', 20, 20, '90,60,600,6,fixed,online,public,,')), /line 4: rangeM — range must be 1–500 m/],
      ['line 3: kind', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '90,60,80,6,fisheye,online,public,,')), /line 3: kind/],
      ['line 3: stationId', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '90,60,80,6,fixed,online,public,999999,')), /line 3: stationId — no police station with id 999999/],
      ['line 3: installedOn', csv(row('IMP-N', 0, 100, '45,60,80,6,fixed,offline,public,,'), row('NEW-1', 10, 10, '90,60,80,6,fixed,online,public,,2025-02-30')), /line 3: installedOn/],
    ]
    for (const [field, content, message] of files) {
      const res = await upload(admin, content)
      expect(res.status, field).toBe(422)
      const { error } = (await res.json()) as { error: { code: string; field: string; message: string } }
      expect(error.code).toBe('invalid_input')
      expect(error.field).toBe(field)
      expect(error.message).toMatch(/^1 problem\(s\), nothing imported: /)
      expect(error.message).toMatch(message)
      expect(await stored()).toEqual(before)
    }
    // Several bad rows: each is listed, the first names the field.
    const res = await upload(admin, csv(row('NEW-1', 10, 10, '400,60,80,6,fixed,online,public,,'), row('NEW-2', 20, 20, '90,60,80,6,fixed,online,public,,'), row('NEW-3', 30, 30, '90,60,80,6,fisheye,online,public,,')))
    expect(res.status).toBe(422)
    const { error } = (await res.json()) as { error: { field: string; message: string } }
    expect(error.field).toBe('line 2: bearing')
    expect(error.message).toMatch(/^2 problem\(s\).*line 2: bearing.*line 4: kind/)
    expect(await stored()).toEqual(before)
  })

  it('updates the camera whose code exists, recomputing its view area, and leaves the others alone', async () => {
    const before = await byCode()
    const res = await upload(admin, csv(row('IMP-N', 0, 100, `90,30,80,6,fixed,offline,public,${ids.stationId},2024-05-01`)))
    expect(await res.json()).toEqual({ inserted: 0, updated: 1, rows: 1 })
    const after = await byCode()
    const n = after.get('IMP-N')!
    expect([n.bearing, n.fov, n.status]).toEqual([90, 30, 'offline'])
    expect(n.viewM2! / ((Math.PI * 80 ** 2) / 12)).toBeCloseTo(1, 2)
    expect(n.computedAt).not.toBe(before.get('IMP-N')!.computedAt)
    for (const code of ['IMP-D', 'IMP-P', 'OLD-1']) expect(after.get(code)).toEqual(before.get(code))
  })

  it('treats columns left out or cells left empty as not given: defaults for new cameras, kept for existing ones', async () => {
    const header = 'code,name,lon,lat,bearing,fov,rangeM,heightM,kind,owner'
    const short = (code: string, dx: number, dy: number, rest: string) => `${header}\n${row(code, dx, dy, rest)}\n`
    // IMP-N is station S1's, installed 2024-05-01, offline since the previous test.
    const res = await upload(admin, `${short('IMP-N', 0, 100, '180,30,80,6,fixed,public')}${row('NEW-S', 40, 40, '0,60,80,6,fixed,public')}\n`)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toEqual({ inserted: 1, updated: 1, rows: 2 })
    const cameras = await byCode()
    const n = cameras.get('IMP-N')!
    expect([n.bearing, n.status, n.stationId, n.installedOn]).toEqual([180, 'offline', ids.stationId, '2024-05-01'])
    const created = cameras.get('NEW-S')!
    expect([created.status, created.stationId, created.installedOn]).toEqual(['online', null, null])
    // Empty cells under a full header mean the same.
    const empty = await upload(admin, csv(row('IMP-N', 0, 100, '90,30,80,6,fixed,,public,,')))
    expect(await empty.json()).toEqual({ inserted: 0, updated: 1, rows: 1 })
    const kept = (await byCode()).get('IMP-N')!
    expect([kept.bearing, kept.status, kept.stationId, kept.installedOn]).toEqual([90, 'offline', ids.stationId, '2024-05-01'])
  })

  it('files a station chief’s cameras under that station, and refuses another station’s', async () => {
    const [other] = await queryRows<{ id: number }>(db, sql`
      insert into stations (code, name, duty_phone, address, location, jurisdiction)
      values ('S2', '别的派出所', '0575-80000001', '别处', ${pointSql(0, 0)}, ST_Multi(ST_Buffer(${pointSql(0, 0)}, 0.001))) returning id`)
    const chief = await signInAs(db, app, 'station_chief', { stationId: other!.id })
    const res = await upload(chief, csv(row('S2-1', 50, 50, '0,60,80,6,fixed,online,public,,')))
    expect(await res.json()).toEqual({ inserted: 1, updated: 0, rows: 1 })
    expect((await byCode()).get('S2-1')!.stationId).toBe(other!.id)

    const before = await stored()
    const foreignStation = await upload(chief, csv(row('S2-2', 60, 60, `0,60,80,6,fixed,online,public,${ids.stationId},`)))
    expect(foreignStation.status).toBe(422)
    expect(((await foreignStation.json()) as { error: { field: string } }).error.field).toBe('line 2: stationId')
    // IMP-N is station S1's: a chief of S2 may not overwrite it by code.
    const foreignCode = await upload(chief, csv(row('S2-3', 70, 70, '0,60,80,6,fixed,online,public,,'), row('IMP-N', 0, 100, '0,60,80,6,fixed,online,public,,')))
    expect(foreignCode.status).toBe(422)
    const { error } = (await foreignCode.json()) as { error: { field: string; message: string } }
    expect(error.field).toBe('line 3: code')
    expect(error.message).toContain('belongs to another station')
    expect(await stored()).toEqual(before)
  })
})
