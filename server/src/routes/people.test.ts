import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { DirectoryPerson } from '../contracts/people'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
let mediatorId: number

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle })
  const [m] = await queryRows<{ id: number }>(handle.db, sql`
    insert into people (name, role, phone, organisation) values ('县调解员王', 'mediator', '13800000009', '县老娘舅调解团') returning id`)
  mediatorId = m!.id
  await handle.db.execute(sql`insert into people (name, role, badge_no, phone, station_id, active) values ('退休民警', 'police_officer', 'OLD1', '13800000010', ${fx.a.stationId}, false)`)
})
afterAll(() => handle.close())

const list = async (session: TestSession, query: string) => {
  const res = await session.request(`/api/people${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as DirectoryPerson[]
}

describe('people directory (pickers for 网格长 and mediators)', () => {
  it("lists a community's police officers with their current grids, and never their phones", async () => {
    const planner = await signInAs(handle.db, app, 'planner')
    const [community] = await queryRows<{ id: number }>(handle.db, sql`select community_id as id from grids where id = ${fx.a.gridId}`)
    const officers = await list(planner, `?role=police_officer&area=${community!.id}`)
    expect(officers.map((p) => p.id)).toEqual([fx.a.officerId])
    expect(officers[0]!.station?.name).toBe('甲派出所')
    expect(officers[0]!.duties).toEqual([{ gridId: fx.a.gridId, gridCode: fx.a.gridCode, gridName: '甲派出所网格', duty: 'responsible_officer' }])
    expect(JSON.stringify(officers)).not.toContain('1380000')
    // The retired officer is not offered.
    expect((await list(planner, '?q=退休')).length).toBe(0)
  })

  it("shows an officer their station's people and the county's mediators, not another station's", async () => {
    const officer = await signInAs(handle.db, app, 'officer', { stationId: fx.a.stationId })
    const ids = (await list(officer, '')).map((p) => p.id)
    expect(ids).toContain(fx.a.officerId)
    expect(ids).toContain(fx.workerA)
    expect(ids).toContain(mediatorId)
    expect(ids).not.toContain(fx.b.officerId)
    expect((await list(officer, `?station=${fx.b.stationId}`)).length).toBe(0)
    const mediators = await list(officer, '?role=mediator')
    expect(mediators.map((p) => [p.name, p.organisation])).toEqual([['县调解员王', '县老娘舅调解团']])
  })

  it("keeps another station's grid workers out, though grid workers carry no station of their own", async () => {
    const [worker] = await queryRows<{ id: number }>(handle.db, sql`
      insert into people (name, role, phone) values ('乙网格员', 'grid_worker', '13800000011') returning id`)
    await handle.db.execute(sql`insert into grid_duties (grid_id, person_id, duty, since) values (${fx.b.gridId}, ${worker!.id}, 'grid_worker', '2020-01-01')`)
    const officerA = await signInAs(handle.db, app, 'officer', { stationId: fx.a.stationId })
    const officerB = await signInAs(handle.db, app, 'officer', { stationId: fx.b.stationId })
    expect((await list(officerA, '?role=grid_worker')).map((p) => p.id)).not.toContain(worker!.id)
    expect((await list(officerA, '?q=乙网格')).length).toBe(0)
    const seenByB = (await list(officerB, '?role=grid_worker')).find((p) => p.id === worker!.id)
    expect(seenByB?.duties.map((d) => d.gridId)).toEqual([fx.b.gridId])
  })

  it('refuses an unknown role naming the field', async () => {
    const planner = await signInAs(handle.db, app, 'planner')
    const res = await planner.request('/api/people?role=chief')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('role')
  })
})
