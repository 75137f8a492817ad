import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { createLoginLimiter } from './login-limiter'
import { signInAs, type TestSession } from './testing'
import { createUser } from './users'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
let admin: TestSession
const PASSWORD = 'a long and memorable passphrase'

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle, auth: { trustProxy: true } })
  admin = await signInAs(handle.db, app, 'admin')
})
afterAll(() => handle.close())

let seq = 0
async function newUser(role: 'viewer' | 'officer' = 'viewer') {
  const username = `user${++seq}`
  const user = await createUser(handle.db, { username, displayName: username, password: PASSWORD, role, stationId: role === 'officer' ? fx.a.stationId : null, personId: null })
  return { ...user, username }
}
const login = (username: string, password: string, ip = '10.0.0.1', target = app) =>
  target.request('http://gridwatch.local/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ username, password }) })
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!
const auditActions = async (username: string) =>
  (await queryRows<{ action: string; ip: string }>(handle.db, sql`select action, host(ip) as ip from audit_log where username = ${username} order by id`)).map((r) => `${r.action}@${r.ip}`)

describe('signing in', () => {
  it('opens a session in an HTTP-only, same-site cookie and answers with the CSRF token', async () => {
    const u = await newUser()
    const res = await login(u.username, PASSWORD)
    expect(res.status).toBe(200)
    const setCookie = res.headers.get('set-cookie')!
    expect(setCookie).toMatch(/^gw_session=[A-Za-z0-9_-]{43};/)
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Path=\/api/)
    expect(setCookie).toMatch(/Max-Age=43200/)
    expect(setCookie).not.toMatch(/Secure/)
    const body = (await res.json()) as { user: { username: string; role: string; permissions: string[] }; csrfToken: string }
    expect(body.user).toMatchObject({ username: u.username, role: 'viewer' })
    expect(body.user.permissions).not.toContain('households:read')
    const me = await app.request('/api/auth/me', { headers: { cookie: cookieOf(res) } })
    expect(((await me.json()) as { csrfToken: string }).csrfToken).toBe(body.csrfToken)
    expect(await auditActions(u.username)).toEqual(['auth.login@10.0.0.1'])
  })

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const u = await newUser()
    const res = await app.request('https://gridwatch.local/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u.username, password: PASSWORD }) })
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('answers a wrong password and an unknown user alike', async () => {
    const u = await newUser()
    const wrong = await login(u.username, 'not the password', '10.0.0.2')
    const unknown = await login('nobody-here', 'not the password', '10.0.0.2')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
    expect(await auditActions(u.username)).toEqual(['auth.login_failed@10.0.0.2'])
  })

  it('locks an account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const u = await newUser()
    for (let i = 0; i < 4; i++) expect((await login(u.username, `wrong ${i}`, `10.1.0.${i}`)).status).toBe(401)
    expect((await login(u.username, 'wrong 5', '10.1.0.9')).status).toBe(429)
    const locked = await login(u.username, PASSWORD, '10.1.0.10')
    expect(locked.status).toBe(429)
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('locked')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60)
    // When the lock has run out, the right password works again.
    await handle.db.execute(sql`update users set locked_until = now() - interval '1 second' where id = ${u.id}`)
    expect((await login(u.username, PASSWORD, '10.1.0.11')).status).toBe(200)
  })

  it('allows at most 5 password checks when guesses arrive in parallel', async () => {
    const u = await newUser()
    const statuses: number[] = await Promise.all(Array.from({ length: 12 }, async (_, i) => (await login(u.username, `parallel guess ${i}`, `10.3.0.${i}`)).status))
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8)
    expect((await login(u.username, PASSWORD, '10.3.1.1')).status).toBe(429)
  })

  it('slows down many failures from one address across accounts', async () => {
    const limited = createApp({ handle, auth: { trustProxy: true, limiter: createLoginLimiter({ maxFailures: 3, windowMs: 60_000 }) } })
    const u = await newUser()
    // The client may prepend anything to X-Forwarded-For; the proxy's own entry (the last) counts.
    for (const name of ['a1', 'a2', 'a3']) expect((await login(`spray-${name}`, 'guess', `203.0.113.${name.length}${name.at(-1)}, 10.9.9.9`, limited)).status).toBe(401)
    const blocked = await login(u.username, PASSWORD, '10.9.9.9', limited)
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    expect((await login(u.username, PASSWORD, '10.9.9.10', limited)).status).toBe(200)
  })
})

describe('sessions', () => {
  it('requires the CSRF token on every change, and writes nothing without it', async () => {
    const commander = await signInAs(handle.db, app, 'commander')
    const body = JSON.stringify({ source: '110', externalId: 'CSRF-1', category: 'theft', lon: 120.19, lat: 29.7, reportedAt: '2026-03-01T10:00:00Z' })
    const forged = await app.request('/api/incidents', { method: 'POST', headers: { cookie: commander.cookie, 'content-type': 'application/json' }, body })
    expect(forged.status).toBe(403)
    expect(await forged.json()).toEqual({ error: { code: 'csrf', message: 'Missing or wrong X-CSRF-Token header', field: 'X-CSRF-Token' } })
    const wrongToken = await app.request('/api/incidents', { method: 'POST', headers: { cookie: commander.cookie, 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(32) }, body })
    expect(wrongToken.status).toBe(403)
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from incidents where external_id = 'CSRF-1'`))[0]!.n).toBe(0)
    expect((await commander.request('/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(201)
  })

  it('ends the session on sign-out, on expiry, and when an admin disables the user or resets the password', async () => {
    const u = await newUser('officer')
    const open = async () => cookieOf(await login(u.username, PASSWORD, '10.2.0.1'))
    const me = (cookie: string) => app.request('/api/auth/me', { headers: { cookie } })
    const patchUser = (change: object) => admin.request(`/api/users/${u.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) })

    let cookie = await open()
    const { csrfToken } = (await (await me(cookie)).json()) as { csrfToken: string }
    expect((await app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200)
    expect((await me(cookie)).status).toBe(401)

    cookie = await open()
    await handle.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id} and revoked_at is null`)
    expect((await me(cookie)).status).toBe(401)

    cookie = await open()
    expect((await patchUser({ password: 'another long passphrase' })).status).toBe(200)
    expect((await me(cookie)).status).toBe(401)
    expect((await login(u.username, PASSWORD, '10.2.0.2')).status).toBe(401)
    cookie = cookieOf(await login(u.username, 'another long passphrase', '10.2.0.3'))
    expect((await me(cookie)).status).toBe(200)

    expect((await patchUser({ disabled: true })).status).toBe(200)
    expect((await me(cookie)).status).toBe(401)
    expect((await login(u.username, 'another long passphrase', '10.2.0.4')).status).toBe(401)
  })
})

describe('user administration', () => {
  const create = (body: object) => admin.request('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const base = { username: 'newofficer', displayName: '新民警', password: 'a long enough password', role: 'officer' }

  it('names the field at fault and stores nothing', async () => {
    const noStation = await create(base)
    expect(noStation.status).toBe(422)
    expect(((await noStation.json()) as { error: { field: string } }).error.field).toBe('stationId')
    const weak = await create({ ...base, stationId: fx.a.stationId, password: 'short' })
    expect(weak.status).toBe(400)
    expect(((await weak.json()) as { error: { field: string } }).error.field).toBe('password')
    const badName = await create({ ...base, stationId: fx.a.stationId, username: 'has space' })
    expect(((await badName.json()) as { error: { field: string } }).error.field).toBe('username')
    expect((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from users where username = 'newofficer'`))[0]!.n).toBe(0)
  })

  it('creates a user once; the same name in other letter case is taken', async () => {
    expect((await create({ ...base, stationId: fx.a.stationId })).status).toBe(201)
    const again = await create({ ...base, username: 'NewOfficer', stationId: fx.a.stationId })
    expect(again.status).toBe(409)
    expect((await queryRows<{ action: string }>(handle.db, sql`select action from audit_log where action = 'user.create' and username = ${admin.username}`)).length).toBe(1)
  })

  it('does not let an admin lock themself out', async () => {
    const res = await admin.request(`/api/users/${admin.userId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) })
    expect(res.status).toBe(409)
  })
})
