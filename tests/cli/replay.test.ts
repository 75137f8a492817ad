import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { IncidentRecord } from '@gridwatch/server/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'

const DEMO_SCALE = '0.05'

interface Session {
  cookie: string
}

async function signIn(url: string, username: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'gridwatch-demo' }) })
  expect(res.status).toBe(200)
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]! }
}

/**
 * `pnpm gridwatch replay` as a child process, against the server at `url` only: the database settings
 * point nowhere, so a replay that tried to open a database would fail.
 */
function replay(url: string, args: string[], env: Record<string, string> = {}) {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), GRIDWATCH_URL: url, GRIDWATCH_DEMO_SCALE: DEMO_SCALE, DATABASE_URL: 'postgres://replay-must-not-open@127.0.0.1:9/none', GRIDWATCH_DATA_DIR: '/nonexistent/gridwatch-db', ...env }
  if (!env.GRIDWATCH_PASSWORD) delete childEnv.GRIDWATCH_PASSWORD
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(join(repoRoot, 'server/node_modules/.bin/tsx'), ['src/cli/index.ts', 'replay', ...args], { cwd: join(repoRoot, 'server'), env: childEnv })
    child.stdin.end('')
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}

/** The live feed as a browser gets it (`GET /api/live` with the session cookie), collected until closed. */
async function openLiveFeed(url: string, session: Session) {
  const abort = new AbortController()
  const res = await fetch(`${url}/api/live`, { headers: { cookie: session.cookie, accept: 'text/event-stream' }, signal: abort.signal })
  expect(res.status).toBe(200)
  const events: { event: string; data: string }[] = []
  let ready!: () => void
  const isReady = new Promise<void>((r) => (ready = r))
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = res.body!.getReader()
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true })
        let end
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const field = (name: string) => block.split('\n').filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).trimStart()).join('\n')
          events.push({ event: field('event'), data: field('data') })
          if (field('event') === 'ready') ready()
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  })()
  await isReady
  const incidents = (topic: string) => events.filter((e) => e.event === topic).map((e) => JSON.parse(e.data) as IncidentRecord)
  return { incidents, close: () => abort.abort() }
}

/** Every incident reported from `from` on, through the API as the given session sees them. */
async function incidentsSince(url: string, session: Session, from: Date) {
  const items: IncidentRecord[] = []
  let cursor: string | null = null
  do {
    const res = await fetch(`${url}/api/incidents?from=${encodeURIComponent(from.toISOString())}&limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { cookie: session.cookie } })
    expect(res.status).toBe(200)
    const page = (await res.json()) as { items: IncidentRecord[]; next: string | null }
    items.push(...page.items)
    cursor = page.next
  } while (cursor)
  return items
}

describe('pnpm gridwatch replay: the demo county through the real ingest API of a running GridWatch', () => {
  let gw: RunningGridwatch
  let commander: Session
  const testStarted = new Date()

  beforeAll(async () => {
    gw = await startGridwatch({ demoScale: Number(DEMO_SCALE) })
    commander = await signIn(gw.url, 'commander')
  })
  afterAll(() => gw?.stop())

  it('stops with a clear message on a wrong password, and on a role without incidents:report, sending nothing', async () => {
    const wrong = await replay(gw.url, ['--limit', '3'], { GRIDWATCH_PASSWORD: 'not the password' })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('[gridwatch] Sign-in as commander failed: Wrong username or password')

    const viewer = await replay(gw.url, ['--user', 'viewer', '--limit', '3'])
    expect(viewer.code).toBe(1)
    expect(viewer.stderr).toMatch(/viewer \(role viewer\) lacks incidents:report and incidents:dispatch/)

    const refused = await replay('http://127.0.0.1:9', ['--limit', '3'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('Cannot reach GridWatch at http://127.0.0.1:9')

    expect((await incidentsSince(gw.url, commander, testStarted)).filter((i) => i.externalId.startsWith('replay-'))).toEqual([])
  })

  it('sends the incidents in time order, compressed, assigned like any other, with their time chains, onto the live feed', async () => {
    const live = await openLiveFeed(gw.url, commander)
    const before = Date.now()
    // ×3600: the first 30 incidents of the last 72 hours (about a day of history) in about half a minute.
    const r = await replay(gw.url, ['--speed', '3600', '--chain-speed', '3600', '--limit', '30', '--hours', '72'])
    const after = Date.now()
    expect(r.stderr).not.toMatch(/\[gridwatch\] rejected|Error/)
    expect(r.code).toBe(0)
    const run = /^Replay run (\w+): 30 of 30 incidents sent \(30 created, 0 existing, 0 rejected\)/m.exec(r.stdout)?.[1]
    expect(run, r.stdout).toBeDefined()

    const mine = (await incidentsSince(gw.url, commander, testStarted)).filter((i) => i.externalId.startsWith(`replay-${run}-`))
    expect(mine).toHaveLength(30)
    // The original ids (110 case numbers …) are source + county + day + sequence: within a source, their
    // order is the order of report time, which the replay must keep while shifting it to "now".
    const originalId = (i: IncidentRecord) => i.externalId.slice(`replay-${run}-`.length)
    expect(new Set(mine.map(originalId)).size).toBe(30)
    for (const source of new Set(mine.map((i) => i.source))) {
      const times = mine
        .filter((i) => i.source === source)
        .sort((a, b) => originalId(a).localeCompare(originalId(b)))
        .map((i) => Date.parse(i.reportedAt))
      expect(times, source).toEqual([...times].sort((a, b) => a - b))
    }
    // Reported "now" (to the server's clock in whole seconds), 72 h of history at most in 72 s.
    const reported = mine.map((i) => Date.parse(i.reportedAt))
    expect(Math.min(...reported)).toBeGreaterThanOrEqual(before - 1000)
    expect(Math.max(...reported)).toBeLessThanOrEqual(after)
    expect(Math.max(...reported) - Math.min(...reported)).toBeLessThanOrEqual(72_000)

    // Assigned in SQL like any other incident: a grid and a responsible person, or flagged.
    expect(mine.every((i) => ['contains', 'edge', 'nearest', 'unassigned'].includes(i.assignment))).toBe(true)
    const inGrids = mine.filter((i) => i.grid !== null)
    expect(inGrids.length).toBeGreaterThanOrEqual(27)
    expect(inGrids.every((i) => i.responsibility !== 'none')).toBe(true)

    // Time chains PATCHed as their links came due: forward only, never after the run ended.
    expect(mine.filter((i) => i.acceptedAt).length).toBeGreaterThan(20)
    expect(mine.filter((i) => i.onSceneAt).length).toBeGreaterThan(5)
    expect(mine.filter((i) => i.closedAt).length).toBeGreaterThan(5)
    for (const i of mine) {
      const chain = [i.reportedAt, i.acceptedAt, i.contactedAt, i.onSceneAt, i.closedAt].filter((t): t is string => t !== null).map(Date.parse)
      expect(chain, i.externalId).toEqual([...chain].sort((a, b) => a - b))
      expect(Math.max(...chain)).toBeLessThanOrEqual(after)
    }

    // The wall's live feed saw every one arrive, and their timers move.
    const ids = new Set(mine.map((i) => i.id))
    await expect.poll(() => live.incidents('incident.created').filter((i) => ids.has(i.id)).length, { timeout: 20_000 }).toBe(30)
    await expect.poll(() => live.incidents('incident.updated').filter((i) => ids.has(i.id) && i.acceptedAt).length, { timeout: 20_000 }).toBeGreaterThan(20)
    live.close()
  })
})
