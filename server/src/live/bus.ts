import { sql } from 'drizzle-orm'
import { errorFields, logEvent } from '../log'
import type { IncidentRecord } from '../contracts'
import { queryRows, type DatabaseHandle } from '../db/client'
import { incidentRecords } from '../spatial/incident-records'

export type LiveTopic = 'incident.created' | 'incident.updated'
export interface LiveEvent {
  id: number
  topic: LiveTopic
  incident: IncidentRecord
}

const CHANNEL = 'gridwatch_live'
/** NOTIFY can be missed (a dropped connection): look anyway this often. */
const SAFETY_POLL_MS = 5000
const RETENTION = sql`interval '2 days'`

/**
 * The process's view of the live feed: one LISTEN per server process, whatever the number of
 * browsers. On each notification it reads the events after the last one it delivered (so events from
 * every server instance on this database arrive, in order, once) and hands them to its subscribers.
 */
export function createLiveBus(handle: DatabaseHandle) {
  const subscribers = new Set<(events: LiveEvent[]) => void>()
  let highWater = 0
  let started: Promise<void> | undefined
  let stopListening: (() => Promise<void>) | undefined
  let timer: NodeJS.Timeout | undefined
  let fetching: Promise<void> | undefined
  let again = false

  const pull = async () => {
    const events = await eventsAfter(highWater, 5000)
    if (events.length === 0) return
    highWater = events[events.length - 1]!.id
    for (const fn of subscribers) fn(events)
  }
  /** Coalesces bursts of notifications into consecutive pulls. */
  const wake = () => {
    if (fetching) {
      again = true
      return
    }
    fetching = pull()
      .catch((error: unknown) => logEvent('error', 'live feed pull failed', errorFields(error)))
      .finally(() => {
        fetching = undefined
        if (again) {
          again = false
          wake()
        }
      })
  }

  async function eventsAfter(after: number, limit: number): Promise<LiveEvent[]> {
    const rows = await queryRows<{ id: number; topic: LiveTopic; entity_id: number }>(handle.db, sql`
      select id::int as id, topic, entity_id::int as entity_id from live_events where id > ${after} order by id limit ${limit}`)
    if (rows.length === 0) return []
    const records = await incidentRecords(handle.db, sql`i.id = any(${`{${[...new Set(rows.map((r) => r.entity_id))].join(',')}}`}::bigint[])`)
    const byId = new Map(records.map((r) => [r.id, r]))
    return rows.flatMap((r) => {
      const incident = byId.get(r.entity_id)
      return incident ? [{ id: r.id, topic: r.topic, incident }] : []
    })
  }

  const start = () =>
    (started ??= (async () => {
      const [row] = await queryRows<{ max: number | null }>(handle.db, sql`select max(id)::int as max from live_events`)
      highWater = row?.max ?? 0
      await handle.db.execute(sql`delete from live_events where created_at < now() - ${RETENTION}`)
      stopListening = await handle.listen(CHANNEL, wake)
      timer = setInterval(wake, SAFETY_POLL_MS)
      timer.unref()
    })())

  return {
    /** The id of the newest event this process has delivered: where a new client starts. */
    async current() {
      await start()
      return highWater
    },
    /** Events after `id`, for a client that reconnects with Last-Event-ID. */
    replay: (after: number, limit = 10_000) => eventsAfter(after, limit),
    async subscribe(fn: (events: LiveEvent[]) => void) {
      await start()
      subscribers.add(fn)
      return () => void subscribers.delete(fn)
    },
    async close() {
      if (timer) clearInterval(timer)
      await stopListening?.().catch(() => {})
      subscribers.clear()
    },
  }
}
export type LiveBus = ReturnType<typeof createLiveBus>
