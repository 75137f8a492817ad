import { createDemoConfig, generateDemoCounty, parseTime } from '@gridwatch/data'
import { z } from 'zod'
import type { Env } from '../env'
import { InputError } from '../services/errors'
import { options } from './args'
import { createReplayClient, missingPermissions, replayPermissions, type ApiRejection, type AuthConfig, type ReplayClient } from './replay-client'
import { chooseWindow, historyTimeAt, planReplay, type ReplayPlan, type WindowChoice } from './replay-plan'
import { emptyCounters, runReplay, type ReplayCounters } from './replay-run'
import { readLine } from './users'

/**
 * `replay`: sends the demo county's incidents through the real ingest API of a running GridWatch, in
 * order of report time and faster than life, so that the wall map can be watched moving. An HTTP
 * client like the 110 system: it signs in and never opens the database (the server holds it).
 */

const HOUR = 3_600_000
/** Rejections printed one by one; the rest are only counted (a wrong server could refuse them all). */
const MAX_REJECTS_SHOWN = 20

/** On a terminal, first clears the progress line being rewritten (the next tick draws it again). */
const log = (line: string) => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}[gridwatch] ${line}\n`)
/** History and summaries in the county's time zone (UTC+8, no daylight saving). */
const countyTime = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ')
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const duration = (ms: number) => (ms < 120_000 ? seconds(ms) : ms < 2 * HOUR ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / HOUR).toFixed(1)} h`)

const replayOptions = z.object({
  speed: z.coerce.number().positive().max(1_000_000).default(60),
  /** Response chains in real time by default: the wall's timers then run against the real targets. */
  'chain-speed': z.coerce.number().positive().max(1_000_000).default(1),
  hours: z.coerce.number().positive().max(24 * 730).default(24),
  from: z.string().default('latest'),
  limit: z.coerce.number().int().positive().optional(),
  url: z.string().optional(),
  user: z.string().trim().min(1).default('commander'),
  scale: z.coerce.number().positive().max(4).optional(),
  seed: z.coerce.number().int().optional(),
  concurrency: z.coerce.number().int().min(1).max(32).default(4),
  'dry-run': z.boolean().default(false),
})

/** `--from latest|busiest|TIME` (a time without an offset is China Standard Time, as in imports). */
function windowChoice(from: string): WindowChoice {
  if (from === 'latest' || from === 'busiest') return { kind: from }
  const at = parseTime(from)
  if (!at) throw new InputError(`--from must be latest, busiest or a time such as "2026-11-20 08:00", not "${from}"`, 'from')
  return { kind: 'at', at: Date.parse(at) }
}

/** The server this runs against: --url, GRIDWATCH_URL, else where `pnpm start` listens by default. */
function serverUrl(given: string | undefined, env: Env) {
  const host = ['0.0.0.0', '::', ''].includes(env.host) ? '127.0.0.1' : env.host.includes(':') ? `[${env.host}]` : env.host
  const url = given ?? process.env.GRIDWATCH_URL ?? `http://${host}:${env.port}`
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new InputError(`--url must be an http:// or https:// address, not "${url}"`, 'url')
  // A GridWatch behind a proxy may live under a path: keep it, without the trailing slash.
  return url.replace(/\/+$/, '')
}

/** GRIDWATCH_PASSWORD, else the documented password of a demo account, else stdin or a hidden prompt. */
async function passwordFor(username: string, config: AuthConfig) {
  if (process.env.GRIDWATCH_PASSWORD) return process.env.GRIDWATCH_PASSWORD
  const demo = config.demoAccounts.find((a) => a.username.toLowerCase() === username.toLowerCase())
  if (demo) return demo.password
  const typed = await readLine(`Password for ${username}: `)
  if (!typed) throw new InputError(`No password for ${username}: set GRIDWATCH_PASSWORD, pipe it on stdin or type it at the prompt`, 'password')
  return typed
}

function describePlan(plan: ReplayPlan, scale: number, seed: number) {
  const { window, incidents, available } = plan
  return (
    `Replaying ${incidents.length} of the ${available} incidents reported ${countyTime(window.from)} – ${countyTime(window.to)} (UTC+8) ` +
    `in the demo county (seed ${seed}, scale ${scale}) at ×${plan.speed} (response chains ×${plan.chainSpeed}): about ${duration(plan.durationMs)}.`
  )
}

const progressLine = (plan: ReplayPlan, c: ReplayCounters, elapsed: number) =>
  `replay ${c.sent}/${plan.incidents.length} sent · ${c.created} created · ${c.existing} existing · ${c.rejected} rejected · ` +
  `${c.updates} chain updates · history ${countyTime(historyTimeAt(plan, elapsed))}`

const summaryLine = (run: string, plan: ReplayPlan, c: ReplayCounters, elapsed: number) =>
  `Replay run ${run}: ${c.sent} of ${plan.incidents.length} incidents sent (${c.created} created, ${c.existing} existing, ${c.rejected} rejected), ` +
  `${c.updates} time-chain updates with ${c.links} links (${c.updatesRejected} rejected); ` +
  `history ${countyTime(plan.historyStart)} – ${countyTime(historyTimeAt(plan, elapsed))} (UTC+8) in ${duration(elapsed)}.`

/** Progress on stderr: rewritten every second on a terminal, a line every 10 s in a log. */
function startProgress(render: () => string) {
  const tty = Boolean(process.stderr.isTTY)
  let ticks = 0
  const timer = setInterval(() => {
    ticks++
    if (tty) process.stderr.write(`\r${render()}\x1b[K`)
    else if (ticks % 10 === 0) process.stderr.write(`${render()}\n`)
  }, 1000)
  return () => {
    clearInterval(timer)
    if (tty && ticks > 0) process.stderr.write(`\r${render()}\x1b[K\n`)
  }
}

type ReplayOptions = z.infer<typeof replayOptions>

function readOptions(args: string[]): ReplayOptions {
  const { values, positionals } = options(args, {
    speed: { type: 'string' },
    'chain-speed': { type: 'string' },
    hours: { type: 'string' },
    from: { type: 'string' },
    limit: { type: 'string' },
    url: { type: 'string' },
    user: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    concurrency: { type: 'string' },
    'dry-run': { type: 'boolean' },
  })
  if (positionals.length > 0) throw new InputError(`replay takes options only, not "${positionals[0]}"`, 'args')
  const parsed = replayOptions.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InputError(`--${String(issue.path[0])}: ${issue.message}`, String(issue.path[0]))
  }
  return parsed.data
}

/** The incidents to send and when, from the county `pnpm start` seeds (same GRIDWATCH_DEMO_SCALE and _SEED unless given). */
function makePlan(o: ReplayOptions, env: Env) {
  const choice = windowChoice(o.from)
  const scale = o.scale ?? env.demo.scale
  const seed = o.seed ?? env.demo.seed
  log(`Generating the demo county's incidents (seed ${seed}, scale ${scale})…`)
  const { incidents } = generateDemoCounty(createDemoConfig({ seed, scale }))
  const window = chooseWindow(incidents.reportedAt, incidents.count, o.hours, choice)
  const plan = planReplay(incidents, { window, speed: o.speed, chainSpeed: o['chain-speed'], limit: o.limit })
  if (plan.incidents.length === 0) throw new InputError(`No incidents in ${countyTime(window.from)} – ${countyTime(window.to)}: try more --hours or another --from`, 'hours')
  log(describePlan(plan, scale, seed))
  return plan
}

/** Signs in and checks the role before anything is sent. */
async function signIn(client: ReplayClient, url: string, username: string) {
  const config = await client.authConfig()
  if (!config.demo) log(`${url} is not in demo mode: the replayed incidents are the demo county's and land in your grids only if they are there.`)
  const session = await client.signIn(username, await passwordFor(username, config))
  const missing = missingPermissions(session.user)
  if (missing.length > 0) {
    await client.signOut()
    throw new InputError(
      `${session.user.username} (role ${session.user.role}) lacks ${missing.join(' and ')}, which the replay needs ` +
        `(${replayPermissions.join(' to report incidents, ')} to record their time chains). Sign in as a commander with --user.`,
      'user',
    )
  }
  return session
}

export async function replayCommand(args: string[], env: Env) {
  const o = readOptions(args)
  const url = serverUrl(o.url, env)
  if (o['dry-run']) {
    for (const p of makePlan(o, env).incidents) {
      console.log(`+${seconds(p.reportAt).padStart(9)}  ${countyTime(p.historyAt)}  ${p.originalId.padEnd(22)} ${p.category.padEnd(10)} ${Object.keys(p.links).length} links`)
    }
    return 0
  }
  // The server and the account first: a wrong address or password is told at once, not after the generator.
  const client = createReplayClient(url)
  const { user, clockOffsetMs } = await signIn(client, url, o.user)
  log(`Signed in to ${url} as ${user.username} (${user.role}).`)
  if (user.scope !== 'county') log(`${user.username} sees its ${user.scope === 'station' ? 'station' : 'grids'} only: time chains of incidents outside it will be refused (404).`)
  let plan: ReplayPlan
  try {
    plan = makePlan(o, env)
  } catch (error) {
    await client.signOut()
    throw error
  }

  const run = Date.now().toString(36)
  // Offset 0 is "now" on the server's clock: the first incident is reported as it arrives.
  const start = Date.now() + clockOffsetMs
  const startedAt = performance.now()
  const elapsed = () => performance.now() - startedAt
  log(`Run ${run}: external ids replay-${run}-<original id>. Ctrl-C stops.`)

  const interrupt = new AbortController()
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(130)
    interrupt.abort()
    log('Stopping: waiting for the requests in flight (Ctrl-C again to quit at once)…')
  }
  process.on('SIGINT', onSigint)
  let shown = 0
  const onReject = (what: string, r: ApiRejection) => {
    if (++shown <= MAX_REJECTS_SHOWN) log(`rejected ${what}: ${r.status} ${r.code}${r.field ? ` (field ${r.field})` : ''}: ${r.message}`)
    else if (shown === MAX_REJECTS_SHOWN + 1) log('more rejections are only counted in the summary')
  }
  const counters = emptyCounters()
  const stopProgress = startProgress(() => progressLine(plan, counters, elapsed()))
  try {
    await runReplay(plan, client, { run, start, maxInFlight: o.concurrency, signal: interrupt.signal, elapsed, onReject }, counters)
  } finally {
    stopProgress()
    process.off('SIGINT', onSigint)
    // What was done is reported even when the run stopped half-way.
    console.log(summaryLine(run, plan, counters, elapsed()))
    await client.signOut()
  }
  if (interrupt.signal.aborted) {
    log('Stopped by Ctrl-C.')
    return 130
  }
  return 0
}
