import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disputeStatuses, disputeTransitions, type DisputeStatus } from '../contracts/disputes'
import { createApp } from '../app'
import { parseEnv } from '../env'
import { signInAs, type TestSession } from '../auth/testing'
import type { Scope } from '../auth/scope'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { disputeRecords } from '../spatial/dispute-records'
import { changeTier, createDispute, IllegalTransition, transitionDispute, type WorkflowContext } from './dispute-workflow'

/** The legal path from `collected` to each status. */
const pathTo: Record<DisputeStatus, DisputeStatus[]> = {
  collected: [],
  accepted: ['accepted'],
  dispatched: ['accepted', 'dispatched'],
  handling: ['accepted', 'dispatched', 'handling'],
  reported_back: ['accepted', 'dispatched', 'handling', 'reported_back'],
  closed: ['accepted', 'dispatched', 'handling', 'reported_back', 'closed'],
  evaluated: ['accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'evaluated'],
  cancelled: ['cancelled'],
}
/** What each move needs besides its target. */
const extras = (to: DisputeStatus) => (to === 'closed' ? { outcome: 'agreement' as const, agreement: '双方同意赔偿 800 元' } : to === 'evaluated' ? { rating: 5 } : {})
const DAY = 86_400_000

describe('dispute workflow', () => {
  let handle: DatabaseHandle
  let db: Database
  let fx: Awaited<ReturnType<typeof createTwoStations>>
  let officerA: TestSession
  let officerB: TestSession
  const t0 = new Date('2026-06-01T02:00:00Z')
  const county: Scope = { kind: 'county' }
  const ctx = (now = t0): WorkflowContext => ({ scope: county, actor: '测试员', now })
  const inTx = <T>(run: (tx: Database) => Promise<T>) => db.transaction((tx) => run(tx as unknown as Database))
  const open = (now = t0) => inTx((tx) => createDispute(tx, ctx(now), { type: 'neighbour', risk: 'medium', summary: '楼上漏水', lon: 120.19, lat: 29.7, parties: [], mediatorId: null }))
  const move = (id: number, to: DisputeStatus, now = t0) => inTx((tx) => transitionDispute(tx, ctx(now), id, { to, ...extras(to) }))
  const record = async (id: number, now = t0) => (await disputeRecords(db, county, sql`d.id = ${id}`, { limit: 1, now }))[0]!
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    fx = await createTwoStations(db)
    const app = createApp({ handle })
    officerA = await signInAs(db, app, 'officer', { stationId: fx.a.stationId })
    officerB = await signInAs(db, app, 'officer', { stationId: fx.b.stationId })
  })
  afterAll(() => handle.close())

  it('allows exactly the moves of the lifecycle from every status, and refuses the rest leaving the case as it was', async () => {
    // collect → accept (or cancel) → dispatch → handle → report back → verify and close → evaluate;
    // verification may send the case back to handling.
    expect(disputeTransitions).toEqual({
      collected: ['accepted', 'cancelled'],
      accepted: ['dispatched', 'cancelled'],
      dispatched: ['handling'],
      handling: ['reported_back'],
      reported_back: ['closed', 'handling'],
      closed: ['evaluated'],
      evaluated: [],
      cancelled: [],
    })
    for (const from of disputeStatuses) {
      for (const to of disputeStatuses) {
        const id = await open()
        for (const step of pathTo[from]) await move(id, step)
        expect((await record(id)).status).toBe(from)
        const legal = disputeTransitions[from].includes(to)
        const attempt = move(id, to)
        if (legal) {
          await attempt
          expect((await record(id)).status, `${from} → ${to}`).toBe(to)
        } else {
          await expect(attempt, `${from} → ${to}`).rejects.toSatisfy((e) => e instanceof IllegalTransition && e.allowed.join() === disputeTransitions[from].join())
          expect((await record(id)).status, `${from} → ${to} refused`).toBe(from)
        }
      }
    }
  })

  it('answers an illegal move over HTTP with 409 and the allowed next states', async () => {
    const id = await open()
    const res = await officerA.request(`/api/disputes/${id}/transition`, json({ to: 'closed', outcome: 'failed_litigation' }))
    expect(res.status).toBe(409)
    expect(await res.json()).toMatchObject({ error: { code: 'illegal_transition', status: 'collected', allowed: ['accepted', 'cancelled'] } })
    // Closing needs an outcome; an agreement needs its text: named fields, 400.
    for (const [body, field] of [
      [{ to: 'closed' }, 'outcome'],
      [{ to: 'closed', outcome: 'agreement' }, 'agreement'],
      // The confirmation is the court's to grant, not a closing outcome; and dates must exist.
      [{ to: 'closed', outcome: 'judicial_confirmation' }, 'outcome'],
      [{ to: 'closed', outcome: 'agreement', agreement: '和解', judicialRequestedOn: '2026-02-30' }, 'judicialRequestedOn'],
    ] as const) {
      const bad = await officerA.request(`/api/disputes/${id}/transition`, json(body))
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { error: { field: string } }).error.field).toBe(field)
    }
    const nobody = await officerA.request(`/api/disputes/${id}/transition`, json({ to: 'accepted', mediatorId: 999999 }))
    expect([nobody.status, ((await nobody.json()) as { error: { field: string } }).error.field]).toEqual([422, 'mediatorId'])
    // A person who is not a mediator (here another station's 网格长) is refused the same way.
    const notMediator = await officerA.request(`/api/disputes/${id}/transition`, json({ to: 'accepted', mediatorId: fx.b.officerId }))
    expect([notMediator.status, ((await notMediator.json()) as { error: { field: string } }).error.field]).toEqual([422, 'mediatorId'])
    // Another station's officer: the case does not exist for them.
    expect((await officerB.request(`/api/disputes/${id}/transition`, json({ to: 'accepted' }))).status).toBe(404)
  })

  it('flags a case past its tier deadline, suggests escalating it, and restarts the clock at the next tier', async () => {
    const id = await open()
    // Grid tier: 7 days.
    expect(await record(id, new Date(t0.getTime() + 6 * DAY))).toMatchObject({ tier: 'grid', overdue: false, suggestEscalation: false })
    const late = new Date(t0.getTime() + 8 * DAY)
    expect(await record(id, late)).toMatchObject({ overdue: true, suggestEscalation: true })
    await inTx((tx) => changeTier(tx, ctx(late), id, 'up', '调解不成，移交镇矛调中心'))
    // Township: 15 days from the escalation.
    const atTownship = await record(id, late)
    expect(atTownship).toMatchObject({ tier: 'township', overdue: false })
    expect(Date.parse(atTownship.deadlineAt!)).toBe(late.getTime() + 15 * DAY)
    const later = new Date(late.getTime() + 16 * DAY)
    expect(await record(id, later)).toMatchObject({ overdue: true, suggestEscalation: true })
    await inTx((tx) => changeTier(tx, ctx(later), id, 'up', '涉及多方，报县'))
    // At the county center it can be overdue, but there is nowhere higher to go.
    const end = new Date(later.getTime() + 31 * DAY)
    expect(await record(id, end)).toMatchObject({ tier: 'county', overdue: true, suggestEscalation: false })
    await expect(inTx((tx) => changeTier(tx, ctx(end), id, 'up', 'again'))).rejects.toMatchObject({ status: 409, field: 'tier' })
    await inTx((tx) => changeTier(tx, ctx(end), id, 'down', '已达成初步意向，回镇跟进'))
    expect(await record(id, end)).toMatchObject({ tier: 'township', overdue: false })
    const timeline = await queryRows<{ action: string; note: string | null; at: string }>(db, sql`select action, note, at::text from dispute_events where dispute_id = ${id} order by at, id`)
    expect(timeline.map((e) => e.action)).toEqual(['collected', 'escalated to township', 'escalated to county', 'de-escalated to township'])
    expect(timeline[1]!.note).toBe('调解不成，移交镇矛调中心')
    // A closed case changes tier no more.
    for (const step of pathTo.closed) await move(id, step, end)
    await expect(inTx((tx) => changeTier(tx, ctx(end), id, 'up', 'x'))).rejects.toBeInstanceOf(IllegalTransition)
  })

  it('runs the deadlines the server is configured with (GRIDWATCH_DISPUTE_DEADLINE_DAYS), at every tier', async () => {
    const app = createApp({ handle, disputeDeadlineDays: parseEnv({ GRIDWATCH_DISPUTE_DEADLINE_DAYS: 'grid=3,township=9,county=21' }).disputeDeadlineDays })
    const officer = await signInAs(db, app, 'officer', { stationId: fx.a.stationId })
    const created = (await (await officer.request('/api/disputes', json({ type: 'labour', risk: 'low', summary: '拖欠工资', lon: 120.19, lat: 29.7 }))).json()) as { id: number; openedAt: string; deadlineAt: string }
    const daysLeft = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY
    expect(daysLeft(created.openedAt, created.deadlineAt)).toBeCloseTo(3, 3)
    for (const [tier, days] of [['township', 9], ['county', 21]] as const) {
      const before = Date.now()
      const up = (await (await officer.request(`/api/disputes/${created.id}/escalate`, json({ reason: '升级' }))).json()) as { tier: string; deadlineAt: string }
      expect(up.tier).toBe(tier)
      // The new tier's clock starts at the escalation (deadlines are stored to the second).
      expect(daysLeft(new Date(before).toISOString(), up.deadlineAt)).toBeCloseTo(days, 4)
    }
  })

  it('opens a case from an incident where the incident happened, in its grid, and only for the incident\'s station', async () => {
    const reported = await officerA.request('/api/incidents', json({ source: '110', externalId: 'DISPUTE-FROM-110', category: 'dispute', lon: 120.1912, lat: 29.7034, reportedAt: '2026-06-01T01:30:00Z' }))
    expect(reported.status, await reported.clone().text()).toBe(201)
    const incident = (await reported.json()) as { id: number; lon: number; lat: number }
    const created = await officerA.request('/api/disputes', json({ incidentId: incident.id, type: 'neighbour', risk: 'low', summary: '邻里占道堆物' }))
    expect(created.status, await created.clone().text()).toBe(201)
    const dispute = (await created.json()) as { id: number; incidentId: number; lon: number; lat: number; grid: { code: string }; timeline: { action: string; note: string | null }[] }
    expect([dispute.incidentId, dispute.grid.code]).toEqual([incident.id, fx.a.gridCode])
    expect([dispute.lon, dispute.lat]).toEqual([expect.closeTo(120.1912, 9), expect.closeTo(29.7034, 9)])
    expect(dispute.timeline).toEqual([expect.objectContaining({ action: 'collected', note: `from incident ${incident.id}` })])
    // Another station may not open a case on it (the place is outside its area); an unknown incident is named.
    const foreign = await officerB.request('/api/disputes', json({ incidentId: incident.id, type: 'neighbour', risk: 'low', summary: 'x' }))
    expect([foreign.status, ((await foreign.json()) as { error: { field: string } }).error.field]).toEqual([422, 'incidentId'])
    const unknown = await officerA.request('/api/disputes', json({ incidentId: 99_999_999, type: 'neighbour', risk: 'low', summary: 'x' }))
    expect([unknown.status, ((await unknown.json()) as { error: { field: string } }).error.field]).toEqual([404, 'incidentId'])
  })

  it('carries a case from intake to judicial confirmation and a follow-up visit, every step on the timeline', async () => {
    const created = await officerA.request('/api/disputes', json({ type: 'property', risk: 'high', summary: '宅基地边界纠纷', lon: 120.185, lat: 29.705, parties: [{ name: '王五', phone: '13900000003', role: 'applicant' }] }))
    expect(created.status, await created.clone().text()).toBe(201)
    const { id, code, grid, tier } = (await created.json()) as { id: number; code: string; grid: { code: string }; tier: string }
    expect([code.startsWith('MD'), grid.code, tier]).toEqual([true, fx.a.gridCode, 'grid'])
    for (const to of ['accepted', 'dispatched', 'handling', 'reported_back'] as const) expect((await officerA.request(`/api/disputes/${id}/transition`, json({ to }))).status).toBe(200)
    const close = await officerA.request(`/api/disputes/${id}/transition`, json({ to: 'closed', outcome: 'agreement', agreement: '以围墙中线为界', judicialRequestedOn: '2026-06-10' }))
    expect(close.status).toBe(200)
    const granted = await officerA.request(`/api/disputes/${id}/judicial`, json({ granted: true, on: '2026-06-20', note: '县法院裁定有效' }))
    expect(await granted.json()).toMatchObject({ outcome: 'judicial_confirmation', judicialConfirmedOn: '2026-06-20' })
    expect((await officerA.request(`/api/disputes/${id}/follow-up`, json({ scheduleOn: '2026-07-20' }))).status).toBe(200)
    const visited = await officerA.request(`/api/disputes/${id}/follow-up`, json({ visitedOn: '2026-07-21', note: '双方关系缓和，无反复' }))
    const body = (await visited.json()) as { followUpOn: string; followedUpOn: string; timeline: { action: string; actor: string }[] }
    expect([body.followUpOn, body.followedUpOn]).toEqual(['2026-07-20', '2026-07-21'])
    expect(body.timeline.map((e) => e.action)).toEqual(['collected', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'judicial confirmation granted', 'follow-up scheduled', 'followed up'])
    expect(new Set(body.timeline.map((e) => e.actor))).toEqual(new Set(['测试 officer']))
    // A station opens cases in its own area only.
    const elsewhere = await officerB.request('/api/disputes', json({ type: 'family', risk: 'low', summary: 'x', lon: 120.185, lat: 29.705 }))
    expect(elsewhere.status).toBe(422)
    expect(((await elsewhere.json()) as { error: { field: string } }).error.field).toBe('lon')
    // No judicial confirmation was asked for the cancelled case.
    const other = await open()
    await move(other, 'cancelled')
    expect((await officerA.request(`/api/disputes/${other}/judicial`, json({ granted: true, on: '2026-06-20' }))).status).toBe(409)
  })
})
