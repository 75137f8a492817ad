import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CameraRecord } from '../contracts/cameras'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createMinimalHierarchy } from '../db/testing/fixtures'
import { LAT0, LON0, at, pointSql } from '../spatial/coverage/testing'

type ErrorBody = { error: { code: string; field?: string; message: string } }

// One database per file.
describe('the camera registry API (register, change, delete one camera)', () => {
  let handle: DatabaseHandle
  let app: ReturnType<typeof createApp>
  let commander: TestSession
  let chief: TestSession
  let otherChief: TestSession
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  let n = 0

  const send = (as: TestSession, method: string, path: string, body?: object) =>
    as.request(path, { method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined })
  /** A valid registration at (dx, dy) metres from the origin; `over` replaces fields. */
  const camera = (over: Record<string, unknown> = {}) => ({
    code: `API-${++n}`,
    name: `测试枪机${n}`,
    lon: at(0, 0)[0],
    lat: at(0, 0)[1],
    bearing: 90,
    fov: 60,
    rangeM: 80,
    heightM: 6,
    kind: 'fixed',
    owner: 'public',
    ...over,
  })
  const register = async (as: TestSession, over: Record<string, unknown> = {}) => {
    const res = await send(as, 'POST', '/api/cameras', camera(over))
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json()) as CameraRecord
  }
  const auditActions = async (id: number) =>
    (await queryRows<{ action: string; username: string }>(handle.db, sql`
      select action, username from audit_log where subject_type = 'camera' and ${String(id)} = any(subject_ids) order by id`)).map((r) => `${r.action} ${r.username}`)

  beforeAll(async () => {
    handle = await createTestDatabase()
    ids = await createMinimalHierarchy(handle.db, { lon: LON0, lat: LAT0, half: 0.01 })
    const [other] = await queryRows<{ id: number }>(handle.db, sql`
      insert into stations (code, name, duty_phone, address, location, jurisdiction)
      values ('S2', '别的派出所', '0575-80000001', '别处', ${pointSql(0, 0)}, ST_Multi(ST_Buffer(${pointSql(0, 0)}, 0.001))) returning id`)
    app = createApp({ handle })
    commander = await signInAs(handle.db, app, 'commander')
    chief = await signInAs(handle.db, app, 'station_chief', { stationId: ids.stationId })
    otherChief = await signInAs(handle.db, app, 'station_chief', { stationId: other!.id })
  })
  afterAll(() => handle.close())

  it('registers a camera with its fields, files a chief’s under the chief’s station, computes its view area and audits it', async () => {
    // Stored as real, answered as typed (5.6, not 5.599999904632568): a form shows and compares what was entered.
    const created = await register(chief, { bearing: 45.3, fov: 60, rangeM: 80, heightM: 5.6, installedOn: '2025-03-01' })
    expect(created).toMatchObject({ bearing: 45.3, fov: 60, rangeM: 80, heightM: 5.6, kind: 'fixed', status: 'online', owner: 'public', stationId: ids.stationId, installedOn: '2025-03-01' })
    expect(created.grid?.id).toBe(ids.gridId)
    // A 60° sector of 80 m, no building in the way.
    expect(created.viewAreaM2! / ((Math.PI * 80 ** 2) / 6)).toBeCloseTo(1, 2)
    expect(await auditActions(created.id)).toEqual([`camera.create ${chief.username}`])
  })

  it('refuses a taken code (409) and an out-of-range field (400), naming the field', async () => {
    const first = await register(commander)
    const duplicate = await send(commander, 'POST', '/api/cameras', camera({ code: first.code }))
    expect(duplicate.status).toBe(409)
    expect(((await duplicate.json()) as ErrorBody).error).toMatchObject({ code: 'conflict', field: 'code' })
    // Two registrations of one new code at once: one is stored, the other refused the same way.
    const nowhere = await send(commander, 'POST', '/api/cameras', camera({ stationId: 999999 }))
    expect(nowhere.status).toBe(422)
    expect(((await nowhere.json()) as ErrorBody).error.field).toBe('stationId')
    const pair = await Promise.all([1, 2].map(() => send(commander, 'POST', '/api/cameras', camera({ code: 'RACE-1' }))))
    expect(pair.map((r) => r.status).sort()).toEqual([201, 409])
    for (const [field, value] of [['bearing', 400], ['fov', 0], ['rangeM', 600], ['heightM', -1], ['installedOn', '2025-3-1'], ['installedOn', '2025-02-30']] as const) {
      const res = await send(commander, 'POST', '/api/cameras', camera({ [field]: value }))
      expect(res.status, field).toBe(400)
      expect(((await res.json()) as ErrorBody).error.field).toBe(field)
    }
  })

  it('changes only the fields a PATCH names: a new bearing keeps the status, station and install date', async () => {
    const created = await register(commander, { status: 'offline', stationId: ids.stationId, installedOn: '2024-05-01', bearing: 0 })
    const res = await send(commander, 'PATCH', `/api/cameras/${created.id}`, { bearing: 180 })
    expect(res.status, await res.clone().text()).toBe(200)
    const changed = (await res.json()) as CameraRecord
    expect(changed).toMatchObject({ bearing: 180, status: 'offline', stationId: ids.stationId, installedOn: '2024-05-01', statusChangedAt: created.statusChangedAt })
    const [detail] = await queryRows<{ detail: unknown }>(handle.db, sql`
      select detail from audit_log where action = 'camera.update' and ${String(created.id)} = any(subject_ids) order by id desc limit 1`)
    expect(detail!.detail).toEqual({ bearing: 180 })

    const online = (await (await send(commander, 'PATCH', `/api/cameras/${created.id}`, { status: 'online' })).json()) as CameraRecord
    expect(online).toMatchObject({ bearing: 180, status: 'online', installedOn: '2024-05-01' })
    expect(online.statusChangedAt > created.statusChangedAt).toBe(true)
  })

  it('keeps a station chief to the station’s own cameras: another station’s answer 404, a foreign station 422', async () => {
    const mine = await register(chief)
    for (const [method, body] of [['GET'], ['PATCH', { bearing: 10 }], ['DELETE']] as const) {
      const res = await send(otherChief, method, `/api/cameras/${mine.id}`, body)
      expect(res.status, method).toBe(404)
      expect(((await res.json()) as ErrorBody).error.field).toBe('id')
    }
    const foreign = await send(otherChief, 'POST', '/api/cameras', camera({ stationId: ids.stationId }))
    expect(foreign.status).toBe(422)
    expect(((await foreign.json()) as ErrorBody).error.field).toBe('stationId')
    const moved = await send(chief, 'PATCH', `/api/cameras/${mine.id}`, { stationId: ids.stationId + 1000 })
    expect(moved.status).toBe(422)
    expect((await (await send(chief, 'GET', `/api/cameras/${mine.id}`)).json()) as CameraRecord).toMatchObject({ bearing: mine.bearing, stationId: ids.stationId })
  })

  it('deletes a camera with its view area, audited', async () => {
    const created = await register(chief)
    const res = await send(chief, 'DELETE', `/api/cameras/${created.id}`)
    expect(res.status).toBe(204)
    expect((await send(chief, 'GET', `/api/cameras/${created.id}`)).status).toBe(404)
    expect(await queryRows(handle.db, sql`select 1 from camera_view_areas where camera_id = ${created.id}`)).toEqual([])
    expect(await auditActions(created.id)).toEqual([`camera.create ${chief.username}`, `camera.delete ${chief.username}`])
  })
})
