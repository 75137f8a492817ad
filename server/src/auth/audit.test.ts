import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { signInAs, type TestSession } from './testing'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
let officer: TestSession
let admin: TestSession

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle })
  officer = await signInAs(handle.db, app, 'officer', { stationId: fx.a.stationId })
  admin = await signInAs(handle.db, app, 'admin')
})
afterAll(() => handle.close())

const auditRows = (action: string) =>
  queryRows<{ username: string; subject_ids: string[]; row_count: number; query: string; user_agent: string | null }>(handle.db, sql`
    select username, subject_ids, row_count, query, user_agent from audit_log where action = ${action} order by id`)

describe('audit of sensitive reads', () => {
  it('writes exactly one row when a household colour is read: who, which record, which query', async () => {
    const before = (await auditRows('household.read')).length
    const res = await officer.request(`/api/households/${fx.householdsA[6]}`, { headers: { 'user-agent': 'wall-pc-3' } })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { colour: string }).colour).toBe('red')
    const rows = await auditRows('household.read')
    expect(rows).toHaveLength(before + 1)
    expect(rows.at(-1)).toMatchObject({ username: officer.username, subject_ids: [String(fx.householdsA[6])], row_count: 1, query: `GET /api/households/${fx.householdsA[6]}`, user_agent: 'wall-pc-3' })
  })

  it('records a list read as one row naming every household returned', async () => {
    const before = (await auditRows('household.read')).length
    await officer.request('/api/households?grid=330699001001001&colour=yellow')
    const rows = await auditRows('household.read')
    expect(rows).toHaveLength(before + 1)
    expect(rows.at(-1)!.subject_ids.map(Number).sort()).toEqual(fx.householdsA.slice(4, 6).sort())
    expect(rows.at(-1)!.query).toBe('GET /api/households?grid=330699001001001&colour=yellow')
  })

  it('records who read the parties of a dispute', async () => {
    await officer.request(`/api/disputes/${fx.disputeA}`)
    expect((await auditRows('dispute.parties.read')).at(-1)).toMatchObject({ username: officer.username, subject_ids: [String(fx.disputeA)], row_count: 2 })
  })

  it('refuses UPDATE, DELETE and TRUNCATE of the audit log', async () => {
    const [{ n }] = (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log`)) as [{ n: number }]
    expect(n).toBeGreaterThan(0)
    // drizzle wraps the database's error; its cause carries PostgreSQL's message.
    const refusal = (statement: ReturnType<typeof sql>) =>
      handle.db.execute(statement).then(() => 'allowed', (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message))
    expect(await refusal(sql`update audit_log set username = 'someone else'`)).toMatch(/append-only: UPDATE/)
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only: DELETE/)
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE/)
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log`))[0]!.n).toBe(n)
  })
})

describe('audit viewer', () => {
  it('filters by user and action prefix, newest first, and pages', async () => {
    const res = await admin.request(`/api/audit?username=${officer.username}&action=household.&limit=1`)
    const page = (await res.json()) as { items: { action: string; username: string; id: number }[]; next: number | null }
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({ action: 'household.read', username: officer.username })
    expect(page.next).toBe(page.items[0]!.id)
    const second = (await (await admin.request(`/api/audit?username=${officer.username}&action=household.&limit=5&before=${page.next}`)).json()) as { items: { id: number }[] }
    expect(second.items.length).toBeGreaterThan(0)
    expect(second.items.every((i) => i.id < page.next!)).toBe(true)
  })

  it('exports CSV with formula-like cells neutralised, and audits the export', async () => {
    // A user agent is attacker-controlled text that ends up in the log.
    await officer.request(`/api/households/${fx.householdsA[0]}`, { headers: { 'user-agent': '=cmd|"/c calc"!A1' } })
    const csv = await (await admin.request('/api/audit/export.csv?action=household.read')).text()
    expect(csv.split('\n')[0]).toBe('id,at,username,role,action,subjectType,subjectIds,rowCount,ip,userAgent,query,detail')
    expect(csv).toContain(`'=cmd|""/c calc""!A1`)
    expect(csv).not.toMatch(/(^|,)=cmd/m)
    expect((await auditRows('audit.export')).at(-1)!.username).toBe(admin.username)
  })
})
