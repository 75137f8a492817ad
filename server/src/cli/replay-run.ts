import { setTimeout as sleep } from 'node:timers/promises'
import { ApiRejection, type ReplayClient } from './replay-client'
import { incidentBody, replayExternalId, type ChainLink, type ReplayPlan } from './replay-plan'

/**
 * The scheduler: sleeps until the next event is due, sends it, and when it falls behind (a slow server,
 * a high speed) catches up with what is due by then: an incident's due links go in one PATCH, and a few
 * requests are in flight at once. An incident's own requests stay in order (its POST, then its PATCHes).
 */

export interface ReplayCounters {
  /** Reports answered (created + existing + rejected). */
  sent: number
  created: number
  /** (source, externalId) was already stored. */
  existing: number
  rejected: number
  /** Time-chain PATCHes accepted, and links they carried. */
  updates: number
  links: number
  updatesRejected: number
}

export interface RunOptions {
  run: string
  /** Epoch ms stamped on offset 0 (the server's "now" when the replay starts). */
  start: number
  /** Requests in flight at most. */
  maxInFlight: number
  /** Ctrl-C: nothing new starts, requests in flight finish. */
  signal: AbortSignal
  /** Wall-clock ms since the replay started; monotonic. */
  elapsed: () => number
  onReject: (what: string, rejection: ApiRejection) => void
}

type Due = { report: boolean; links: Partial<Record<ChainLink, number>> }

/** A counting semaphore that hands a freed slot straight to the next waiter. */
function createLimiter(max: number) {
  let active = 0
  const waiting: (() => void)[] = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active++
    else await new Promise<void>((take) => waiting.push(take))
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}

/**
 * Runs the plan against a signed-in client. Resolves with the counters when every event was sent or
 * the signal stopped the run; rejects with the first error that stops it (no session, no server), after
 * the requests in flight have finished.
 */
export async function runReplay(plan: ReplayPlan, client: ReplayClient, options: RunOptions, counters: ReplayCounters): Promise<ReplayCounters> {
  const { run, start } = options
  const withSlot = createLimiter(options.maxInFlight)
  const stopped = new AbortController()
  const stop = AbortSignal.any([options.signal, stopped.signal])
  let fatal: unknown
  /** Server id per incident: undefined until reported, null once a request about it was refused. */
  const ids: (number | null | undefined)[] = new Array(plan.incidents.length)
  /** Each incident's last queued request: the next one waits for it. */
  const tails = new Map<number, Promise<void>>()
  const pending = new Set<Promise<void>>()

  const send = async (k: number, due: Due) => {
    if (stop.aborted) return
    const incident = plan.incidents[k]!
    const label = replayExternalId(run, incident.originalId)
    try {
      if (due.report) {
        try {
          const { id, created } = await client.report(incidentBody(incident, run, start))
          ids[k] = id
          if (created) counters.created++
          else counters.existing++
        } catch (error) {
          if (!(error instanceof ApiRejection)) throw error
          ids[k] = null
          counters.rejected++
          options.onReject(`report ${label}`, error)
        }
        counters.sent++
      }
      const id = ids[k]
      const links = Object.entries(due.links)
      // A refused report has no chain to update; nor has an incident whose update was refused (the next
      // links would be refused alike: out of the user's scope, already recorded).
      if (links.length === 0 || id == null || stop.aborted) return
      try {
        await client.updateChain(id, Object.fromEntries(links.map(([link, at]) => [link, new Date(start + at).toISOString()])))
        counters.updates++
        counters.links += links.length
      } catch (error) {
        if (!(error instanceof ApiRejection)) throw error
        ids[k] = null
        counters.updatesRejected++
        options.onReject(`${links.map(([l]) => l).join(', ')} of ${label}`, error)
      }
    } catch (error) {
      fatal ??= error
      stopped.abort()
    }
  }

  const enqueue = (k: number, due: Due) => {
    const task = (tails.get(k) ?? Promise.resolve()).then(() => withSlot(() => send(k, due)))
    tails.set(k, task)
    pending.add(task)
    void task.finally(() => {
      pending.delete(task)
      if (tails.get(k) === task) tails.delete(k)
    })
  }

  let next = 0
  while (next < plan.events.length && !stop.aborted) {
    const wait = plan.events[next]!.at - options.elapsed()
    if (wait > 0) {
      // At most a minute at a time: timers overflow past 24.8 days (a slow replay of a long span).
      await sleep(Math.min(wait, 60_000), undefined, { signal: stop }).catch(() => {})
      continue
    }
    // Behind: let the queue drain before taking more, so that what comes due meanwhile is merged.
    if (pending.size >= options.maxInFlight * 2) {
      await Promise.race(pending)
      continue
    }
    const now = options.elapsed()
    const batch = new Map<number, Due>()
    for (; next < plan.events.length && plan.events[next]!.at <= now; next++) {
      const e = plan.events[next]!
      const due = batch.get(e.incident) ?? { report: false, links: {} }
      if (e.link === 'reportedAt') due.report = true
      else due.links[e.link] = e.at
      batch.set(e.incident, due)
    }
    for (const [k, due] of batch) enqueue(k, due)
  }
  await Promise.all(pending)
  if (fatal) throw fatal
  return counters
}

export const emptyCounters = (): ReplayCounters => ({ sent: 0, created: 0, existing: 0, rejected: 0, updates: 0, links: 0, updatesRejected: 0 })
