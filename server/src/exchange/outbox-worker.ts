import { sql } from 'drizzle-orm'
import { queryRows, type DatabaseHandle } from '../db/client'
import { errorFields, logEvent } from '../log'
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

const defaultBackoff = (failures: number) => Math.min(2 ** (failures - 1) * 1000, 15 * 60_000) * (0.8 + Math.random() * 0.4)

/**
 * Delivers the outbox at least once: claims due events (`for update skip locked`, so several server
 * processes share the work), POSTs each signed with its partner's secret and its idempotency key, and
 * records the answer; a failure is retried with backoff until `maxAttempts`. Woken by the trigger's
 * NOTIFY, and polls anyway.
 */
export function createOutboxWorker(handle: DatabaseHandle, options: OutboxOptions = {}) {
  const { maxAttempts = 10, backoffMs = defaultBackoff, timeoutMs = 10_000, pollMs = 5000, batch = 20 } = options
  const db = handle.db
  // A claimed batch is this worker's until every POST in it could have timed out; one that dies
  // mid-delivery releases it by itself.
  const lease = sql`${`${batch * timeoutMs + 60_000} milliseconds`}::interval`
  let running: Promise<number> | undefined
  let again = false
  let timer: NodeJS.Timeout | undefined
  let unlisten: (() => Promise<void>) | undefined

  async function deliver(e: { id: number; eventKey: string; kind: string; payload: unknown; attempts: number; url: string; secret: string }) {
    const body = JSON.stringify(e.payload)
    let failure: string | null = null
    try {
      const res = await fetch(e.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': e.eventKey, 'x-gridwatch-event': e.kind, [SIGNATURE_HEADER]: signBody(e.secret, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      await res.arrayBuffer().catch(() => undefined)
      if (!res.ok) failure = `HTTP ${res.status}`
    } catch (error) {
      failure = (error as Error).message
    }
    const attempts = e.attempts + 1
    if (failure === null) {
      await db.execute(sql`update exchange_outbox set status = 'delivered', attempts = ${attempts}, delivered_at = now(), last_error = null where id = ${e.id} and status = 'pending'`)
      await db.execute(sql`update incident_exchanges set status = 'sent', updated_at = now() where event_key = ${e.eventKey} and status = 'queued'`)
      return true
    }
    const dead = attempts >= maxAttempts
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
    return delivered
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
      unlisten = await handle.listen('gridwatch_outbox', wake)
      timer = setInterval(wake, pollMs)
      timer.unref()
      wake()
    },
    async stop() {
      clearInterval(timer)
      await unlisten?.()
      await running
    },
  }
}
export type OutboxWorker = ReturnType<typeof createOutboxWorker>
