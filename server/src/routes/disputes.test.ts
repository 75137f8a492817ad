import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { disputeMoves, type DisputeCase, type DisputeDetail, type DisputeMoves, type DisputeRecord } from '../contracts/disputes'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { ensureReferenceData } from '../services/reference-data'
import { seedDemoCounty } from '../services/seed-demo'

const OPEN = ['collected', 'accepted', 'dispatched', 'handling', 'reported_back']

/** A case as stored, read straight from the table (no filtering in SQL). */
interface RawCase {
  id: number
  grid: string | null
  station: number | null
  status: string
  tier: string
  type: string
  risk: string
  deadlineMs: number | null
}

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let commander: TestSession
let officer: TestSession
let raw: RawCase[]
/** A point inside a grid of the officer's station, and that grid's code. */
let spot: { lon: number; lat: number; grid: string }
const now = Date.now()

const post = (session: TestSession, path: string, body: unknown) => session.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const ok = async <T>(res: Response | Promise<Response>, status = 200) => {
  const r = await res
  expect(r.status, await r.clone().text()).toBe(status)
  return (await r.json()) as T
}

/** Every page of the list for a query string, oldest page last, as the web app's "more" button reads it. */
async function listAll(session: TestSession, query: string) {
  const ids: number[] = []
  let before: number | null = null
  do {
    const page: { items: DisputeRecord[]; next: number | null } = await ok(session.request(`/api/disputes?limit=50&${query}${before ? `&before=${before}` : ''}`))
    ids.push(...page.items.map((d) => d.id))
    before = page.next
  } while (before !== null)
  return ids
}

beforeAll(async () => {
  handle = await createTestDatabase()
  await ensureReferenceData(handle.db)
  await seedDemoCounty(handle.db, { seed: 11, scale: 0.05, now: new Date(now) })
  // How many cases are still open at this scale depends on the hour the test runs; reopen the ten newest
  // closed cases, one per open status in turn, so every open status occurs whenever the test runs.
  await handle.db.execute(sql`
    update disputes d set status = (array['collected', 'accepted', 'dispatched', 'handling', 'reported_back'])[1 + r.rank % 5]::dispute_status,
           closed_at = null, outcome = null, agreement = null, judicial_requested_on = null, judicial_confirmed_on = null,
           judicial_refused_on = null, follow_up_on = null, followed_up_on = null
    from (select id, row_number() over (order by opened_at desc, id) as rank from disputes where status::text in ('closed', 'evaluated')) r
    where d.id = r.id and r.rank <= 10`)
  // Open cases two days either side of their deadline, so "overdue" is clear-cut whenever the test runs:
  // every other one by rank (not by id parity, which may put them all on one side), a grid-tier one first.
  await handle.db.execute(sql`
    update disputes d set deadline_at = ${new Date(now).toISOString()}::timestamptz + case when r.rank % 2 = 1 then interval '-2 days' else interval '2 days' end
    from (select id, row_number() over (order by (tier = 'grid') desc, id) as rank from disputes
          where status::text in ('collected', 'accepted', 'dispatched', 'handling', 'reported_back')) r
    where d.id = r.id`)
  raw = await queryRows<RawCase>(handle.db, sql`
    select d.id, g.code as grid, c.station_id as station, d.status::text as status, d.tier::text as tier, d.type::text as type, d.risk::text as risk,
           (extract(epoch from d.deadline_at) * 1000)::float8 as "deadlineMs"
    from disputes d left join grids g on g.id = d.grid_id left join admin_areas c on c.id = g.community_id`)
  app = createApp({ handle })
  commander = await signInAs(handle.db, app, 'commander')
  const [station] = await queryRows<{ id: number }>(handle.db, sql`select id from stations order by code limit 1`)
  officer = await signInAs(handle.db, app, 'officer', { stationId: station!.id })
  const [grid] = await queryRows<{ code: string; lon: number; lat: number }>(handle.db, sql`
    select g.code, ST_X(ST_PointOnSurface(g.geom)) as lon, ST_Y(ST_PointOnSurface(g.geom)) as lat
    from grids g join admin_areas c on c.id = g.community_id where c.station_id = ${station!.id} order by g.code limit 1`)
  spot = { lon: grid!.lon, lat: grid!.lat, grid: grid!.code }
})
afterAll(() => handle.close())

describe('the dispute case list', () => {
  const open = (d: RawCase) => OPEN.includes(d.status)
  const overdue = (d: RawCase) => open(d) && d.deadlineMs !== null && d.deadlineMs < now
  const newestFirst = (cases: RawCase[]) => cases.map((d) => d.id).sort((a, b) => b - a)

  it('filters by type, risk, status, tier, open, overdue and grid, paging through exactly the cases the table holds', async () => {
    const perGrid = new Map<string, number>()
    for (const d of raw) if (d.grid) perGrid.set(d.grid, (perGrid.get(d.grid) ?? 0) + 1)
    const openStatus = raw.find(open)!.status
    const busiestGrid = [...perGrid].sort((a, b) => b[1] - a[1])[0]![0]
    const cases: [string, (d: RawCase) => boolean][] = [
      ['', () => true],
      ['type=neighbour', (d) => d.type === 'neighbour'],
      ['risk=high', (d) => d.risk === 'high'],
      ['type=family&risk=medium', (d) => d.type === 'family' && d.risk === 'medium'],
      ['status=evaluated', (d) => d.status === 'evaluated'],
      [`status=${openStatus}`, (d) => d.status === openStatus],
      ['tier=township', (d) => d.tier === 'township'],
      ['open=true', open],
      ['open=false', (d) => !open(d)],
      ['overdue=true', overdue],
      ['overdue=false', (d) => !overdue(d)],
      ['overdue=true&tier=grid', (d) => overdue(d) && d.tier === 'grid'],
      [`grid=${busiestGrid}&open=false`, (d) => d.grid === busiestGrid && !open(d)],
    ]
    for (const [query, keep] of cases) {
      const expected = newestFirst(raw.filter(keep))
      // Each filter must select something, and not everything, for the comparison to mean anything.
      expect(expected.length, query).toBeGreaterThan(0)
      if (query) expect(expected.length, query).toBeLessThan(raw.length)
      expect(await listAll(commander, query), query).toEqual(expected)
    }
  })

  it('flags overdue cases in the answer as the filter selects them, and keeps a station to its own grids', async () => {
    const page = await ok<{ items: DisputeRecord[] }>(commander.request('/api/disputes?overdue=true&limit=500'))
    expect(page.items.every((d) => d.overdue && d.suggestEscalation === (d.tier !== 'county'))).toBe(true)
    const station = (await queryRows<{ id: number }>(handle.db, sql`select id from stations order by code limit 1`))[0]!.id
    expect(await listAll(officer, 'open=true')).toEqual(newestFirst(raw.filter((d) => open(d) && d.station === station)))
  })

  it('refuses an unknown filter value, naming the field', async () => {
    for (const [query, field] of [
      ['type=noise', 'type'],
      ['risk=extreme', 'risk'],
      ['overdue=yes', 'overdue'],
      ['grid=123', 'grid'],
    ]) {
      const body = await ok<{ error: { field: string } }>(commander.request(`/api/disputes?${query}`), 400)
      expect(body.error.field, query).toBe(field)
    }
  })
})

describe('the moves a case offers', () => {
  const moves = (m: Partial<DisputeMoves> & Pick<DisputeMoves, 'to'>): DisputeMoves => ({ escalate: false, deescalate: false, judicial: false, followUp: false, ...m })

  it('answers each step with the moves the case now allows, the same as a fresh read and the 409 of a refused move', async () => {
    const created = await ok<DisputeCase>(post(officer, '/api/disputes', { lon: spot.lon, lat: spot.lat, type: 'neighbour', risk: 'medium', summary: '楼上装修噪音扰民', parties: [{ name: '赵六', phone: '13900000006', role: 'applicant' }] }), 201)
    expect(created.grid?.code).toBe(spot.grid)
    expect(created.moves).toEqual(moves({ to: ['accepted', 'cancelled'], escalate: true }))
    const id = created.id
    const steps: [string, unknown, DisputeMoves][] = [
      ['transition', { to: 'accepted' }, moves({ to: ['dispatched', 'cancelled'], escalate: true })],
      ['escalate', { reason: '涉及物业，移交镇矛调中心' }, moves({ to: ['dispatched', 'cancelled'], escalate: true, deescalate: true })],
      ['escalate', { reason: '多方参与，报县' }, moves({ to: ['dispatched', 'cancelled'], deescalate: true })],
      ['deescalate', { reason: '已有和解意向' }, moves({ to: ['dispatched', 'cancelled'], escalate: true, deescalate: true })],
      ['transition', { to: 'dispatched' }, moves({ to: ['handling'], escalate: true, deescalate: true })],
      ['transition', { to: 'handling' }, moves({ to: ['reported_back'], escalate: true, deescalate: true })],
      ['transition', { to: 'reported_back' }, moves({ to: ['closed', 'handling'], escalate: true, deescalate: true })],
      ['transition', { to: 'closed', outcome: 'agreement', agreement: '夜间停工，赔偿 500 元', judicialRequestedOn: '2026-06-10' }, moves({ to: ['evaluated'], judicial: true, followUp: true })],
      ['judicial', { granted: true, on: '2026-06-20' }, moves({ to: ['evaluated'], followUp: true })],
      ['transition', { to: 'evaluated', rating: 5 }, moves({ to: [], followUp: true })],
    ]
    for (const [path, body, expected] of steps) {
      const after = await ok<DisputeCase>(post(officer, `/api/disputes/${id}/${path}`, body))
      expect(after.moves, `${path} ${JSON.stringify(body)}`).toEqual(expected)
      expect(after.moves).toEqual(disputeMoves(after))
      const detail = await ok<DisputeDetail>(officer.request(`/api/disputes/${id}`))
      expect(detail.moves).toEqual(expected)
      expect(detail.timeline).toEqual(after.timeline)
      expect(detail.parties?.map((p) => p.name)).toEqual(['赵六'])
    }
    const done = await ok<DisputeDetail>(officer.request(`/api/disputes/${id}`))
    expect([done.outcome, done.agreement, done.judicialConfirmedOn, done.rating]).toEqual(['judicial_confirmation', '夜间停工，赔偿 500 元', '2026-06-20', 5])
    // The agreement names parties and sums: in the (audited) case, never in a list.
    const listed = await ok<{ items: Record<string, unknown>[] }>(officer.request('/api/disputes?limit=500'))
    expect(listed.items.find((i) => i.id === id)).not.toHaveProperty('agreement')
    const refused = await ok<{ error: { allowed: string[] } }>(post(officer, `/api/disputes/${id}/transition`, { to: 'handling' }), 409)
    expect(refused.error.allowed).toEqual([])
    const timeline = (await ok<DisputeDetail>(officer.request(`/api/disputes/${id}`))).timeline
    expect(timeline.map((e) => e.action)).toEqual(['collected', 'accepted', 'escalated to township', 'escalated to county', 'de-escalated to township', 'dispatched', 'handling', 'reported_back', 'closed', 'judicial confirmation granted', 'evaluated'])
    expect(timeline.filter((e) => e.action.includes('escalated')).map((e) => e.note)).toEqual(['涉及物业，移交镇矛调中心', '多方参与，报县', '已有和解意向'])
    // The court's answer is recorded once: a refused request leaves it offered no more either.
    const second = await ok<DisputeCase>(post(officer, '/api/disputes', { lon: spot.lon, lat: spot.lat, type: 'family', risk: 'low', summary: '赡养费分担' }), 201)
    for (const to of ['accepted', 'dispatched', 'handling', 'reported_back']) await ok(post(officer, `/api/disputes/${second.id}/transition`, { to }))
    const closed = await ok<DisputeCase>(post(officer, `/api/disputes/${second.id}/transition`, { to: 'closed', outcome: 'agreement', agreement: '三子女均摊', judicialRequestedOn: '2026-06-01' }))
    expect(closed.moves.judicial).toBe(true)
    expect((await ok<DisputeCase>(post(officer, `/api/disputes/${second.id}/judicial`, { granted: false, on: '2026-06-15', note: '协议内容违反公序良俗' }))).moves).toEqual(moves({ to: ['evaluated'], followUp: true }))
  })
})
