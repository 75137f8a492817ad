import { sql } from 'drizzle-orm'
import { queryRows, type DatabaseHandle } from '../db/client'
import { errorFields, logEvent } from '../log'
import { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX } from '../contracts/exchange'
import { SIGNATURE_HEADER, signBody } from './signature'

export interface OutboxOptions {
  /** Attempts before an event is given up (status `dead`, listed for a person to retry). */
  maxAttempts?: number
  /** Wait before attempt n + 1 after n failures. Default: 2^(n−1) s, at most 15 min, ±20 % jitter. */
  backoffMs?: (failures: number) => number
  timeoutMs?: number
  pollMs?: number
  batch?: number
}

/**
 * A 4xx answer (but a timeout, conflict, too early or too many requests) is the partner refusing the
 * event as sent — a wrong signature, a category it does not take, an address that is gone: the same
 * body again will not change that, so the event is given up at once for a person to look at (and send
 * again once the two sides agree). Network failures and 5xx are retried.
 */
export const isRefusal = (status: number) => status >= 400 && status < 500 && !RETRIED_4XX.includes(status)

/** The start of the partner's answer to a failed delivery, on one line (kept in `last_error`). */
const reasonOf = async (res: Response) => (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200)

const defaultBackoff = (failures: number) => Math.min(2 ** (failures - 1) * 1000, 15 * 60_000) * (0.8 + Math.random() * 0.4)

/**
 * Delivers the outbox at least once: claims due events (`for update skip locked`, so several server
 * processes share the work), POSTs each signed with its partner's secret and its idempotency key, and
 * records the answer; a failure is retried with backoff until `maxAttempts`. Woken by the trigger's
 * NOTIFY, and polls anyway.
 */
export function createOutboxWorker(handle: DatabaseHandle, options: OutboxOptions = {}) {
  const { maxAttempts = OUTBOX_MAX_ATTEMPTS, backoffMs = defaultBackoff, timeoutMs = 10_000, pollMs = 5000, batch = 20 } = options
  const db = handle.db
  // A claimed batch is this worker's until every POST in it could have timed out; one that dies
  // mid-delivery releases it by itself.
  const lease = sql`${`${batch * timeoutMs + 60_000} milliseconds`}::interval`
  let running: Promise<number> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined
  /** Set while started: the wake-up for the next retry due before the next poll. */
  let dueTimer: NodeJS.Timeout | undefined
  let started = false
  let unlisten: (() => Promise<void>) | undefined

  async function deliver(e: { id: number; eventKey: string; kind: string; payload: unknown; attempts: number; url: string; secret: string }) {
    const body = JSON.stringify(e.payload)
    let failure: string | null = null
    let refused = false
    try {
      const res = await fetch(e.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': e.eventKey, 'x-gridwatch-event': e.kind, [SIGNATURE_HEADER]: signBody(e.secret, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (res.ok) await res.arrayBuffer().catch(() => undefined)
      else {
        const reason = await reasonOf(res)
        failure = reason ? `HTTP ${res.status}: ${reason}` : `HTTP ${res.status}`
        refused = isRefusal(res.status)
      }
    } catch (error) {
      failure = (error as Error).message
    }
    const attempts = e.attempts + 1
    if (failure === null) {
      await db.execute(sql`update exchange_outbox set status = 'delivered', attempts = ${attempts}, delivered_at = now(), last_error = null where id = ${e.id} and status = 'pending'`)
      await db.execute(sql`update incident_exchanges set status = 'sent', updated_at = now() where event_key = ${e.eventKey} and status = 'queued'`)
      return true
    }
    const dead = refused || attempts >= maxAttempts
    await db.execute(sql`
      update exchange_outbox set attempts = ${attempts}, last_error = ${failure.slice(0, 500)},
        status = ${dead ? 'dead' : 'pending'}, next_attempt_at = now() + ${`${Math.round(backoffMs(attempts))} milliseconds`}::interval
      where id = ${e.id} and status = 'pending'`)
    if (dead) logEvent('warn', 'outbox event given up', { eventKey: e.eventKey, attempts, error: failure })
    return false
  }

  /** One pass over the due events; returns how many were delivered. */
  async function runOnce(): Promise<number> {
    const due = await queryRows<{ id: number; eventKey: string; kind: string; payload: unknown; attempts: number; url: string; secret: string }>(db, sql`
      update exchange_outbox o set next_attempt_at = now() + ${lease}
      from exchange_partners p
      where p.id = o.partner_id and o.id in (
        select id from exchange_outbox where status = 'pending' and next_attempt_at <= now() order by id limit ${batch} for update skip locked)
      returning o.id, o.event_key as "eventKey", o.kind, o.payload, o.attempts, p.endpoint_url as url, p.secret`)
    let delivered = 0
    for (const e of due.filter((d) => d.url)) if (await deliver(e)) delivered++
    if (due.length === batch) again = true
    else if (started) await wakeAtNextDue()
    return delivered
  }

  /** A retry due sooner than the next poll (1 s, 2 s … backoff) is woken for then, not at the poll. */
  async function wakeAtNextDue() {
    const [next] = await queryRows<{ ms: number | null }>(db, sql`
      select (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 as ms from exchange_outbox where status = 'pending'`)
    const ms = next?.ms ?? null
    clearTimeout(dueTimer)
    if (!started || ms === null || ms >= pollMs) return
    dueTimer = setTimeout(wake, Math.max(ms, 20))
    dueTimer.unref()
  }

  const wake = () => {
    if (running) {
      again = true
      return
    }
    running = runOnce()
      .catch((error: unknown) => {
        logEvent('error', 'outbox pass failed', errorFields(error))
        return 0
      })
      .finally(() => {
        running = undefined
        if (again) {
          again = false
          wake()
        }
      })
  }

  return {
    runOnce,
    async start() {
      started = true
      unlisten = await handle.listen('gridwatch_outbox', wake)
      timer = setInterval(wake, pollMs)
      timer.unref()
      wake()
    },
    async stop() {
      started = false
      clearInterval(timer)
      clearTimeout(dueTimer)
      await unlisten?.()
      await running
    },
  }
}
export type OutboxWorker = ReturnType<typeof createOutboxWorker>
