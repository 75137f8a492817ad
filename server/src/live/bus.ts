import { sql } from 'drizzle-orm'
import { errorFields, logEvent } from '../log'
import type { CameraStatusEvent, GridsPublishedEvent, IncidentRecord } from '../contracts'
import { currentVersionId } from '../auth/scope'
import { queryRows, type DatabaseHandle } from '../db/client'
import { incidentRecords } from '../spatial/incident-records'

export type LiveTopic = 'incident.created' | 'incident.updated' | 'camera.status' | 'grids.published'
export type LiveEvent =
  | { id: number; topic: 'incident.created' | 'incident.updated'; incident: IncidentRecord }
  | { id: number; topic: 'camera.status'; camera: CameraStatusEvent }
  | { id: number; topic: 'grids.published'; version: GridsPublishedEvent }

const isIncidentTopic = (t: LiveTopic) => t === 'incident.created' || t === 'incident.updated'

const CHANNEL = 'gridwatch_live'
/** NOTIFY can be missed (a dropped connection): look anyway this often. */
const SAFETY_POLL_MS = 5000
const RETENTION = sql`interval '2 days'`
/**
 * Event ids come from one sequence, but concurrent transactions commit out of order: id 100 may become
 * visible after 101. A missing id is waited for this long (its commit's NOTIFY ends the wait at once)
 * before it is taken for a rolled-back transaction and skipped.
 */
const GAP_WAIT_MS = 3000
/** Events read per pull; a full page means more are waiting. */
const PULL_LIMIT = 5000

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

  /** Since when the id after `highWater` has been missing while later ones are visible; null without a gap. */
  let gapSince: number | null = null
  let gapTimer: NodeJS.Timeout | undefined

  /**
   * Delivers the unbroken run of event ids after the last delivered one, so events reach subscribers in
   * id order with none left behind (clients resume and de-duplicate by the highest id they saw).
   */
  const pull = async () => {
    const { ids, events } = await eventsAfter(highWater, PULL_LIMIT)
    if (ids.length === 0) return
    let run = unbrokenRun(ids, highWater)
    if (run === 0) {
      gapSince ??= Date.now()
      if (Date.now() - gapSince < GAP_WAIT_MS) {
        clearTimeout(gapTimer)
        gapTimer = setTimeout(wake, GAP_WAIT_MS - (Date.now() - gapSince))
        gapTimer.unref()
        return
      }
      logEvent('warn', 'live feed skipped missing event ids (rolled back)', { from: highWater + 1, to: ids[0]! - 1 })
      run = unbrokenRun(ids, ids[0]! - 1)
    }
    gapSince = null
    highWater = ids[run - 1]!
    const delivered = events.filter((e) => e.id <= highWater)
    if (delivered.length > 0) for (const fn of subscribers) fn(delivered)
    // A gap after the run: look again (the missing commit's NOTIFY may already have come and gone).
    if (run < ids.length || ids.length === PULL_LIMIT) again = true
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

  /** The event ids after `after` (up to `until`), and the events whose incident still exists. */
  async function eventsAfter(after: number, limit: number, until?: number): Promise<{ ids: number[]; events: LiveEvent[] }> {
    const rows = await queryRows<{ id: number; topic: LiveTopic; entity_id: number }>(handle.db, sql`
      select id::int as id, topic, entity_id::int as entity_id from live_events
      where id > ${after} ${until === undefined ? sql`` : sql`and id <= ${until}`} order by id limit ${limit}`)
    if (rows.length === 0) return { ids: [], events: [] }
    const entityIds = (topic: (t: LiveTopic) => boolean) => `{${[...new Set(rows.filter((r) => topic(r.topic)).map((r) => r.entity_id))].join(',')}}`
    const incidents = new Map((await incidentRecords(handle.db, sql`i.id = any(${entityIds(isIncidentTopic)}::bigint[])`)).map((r) => [r.id, r]))
    const versions = rows.some((r) => r.topic === 'grids.published') ? new Map((await versionEvents(entityIds((t) => t === 'grids.published'))).map((v) => [v.versionId, v])) : new Map<number, GridsPublishedEvent>()
    const cameras = rows.some((r) => r.topic === 'camera.status') ? new Map((await cameraEvents(entityIds((t) => t === 'camera.status'))).map((c) => [c.id, c])) : new Map<number, CameraStatusEvent>()
    // An event whose incident or camera is gone since is left out (its id still counts as delivered).
    const events = rows.flatMap((r): LiveEvent[] => {
      if (r.topic === 'camera.status') {
        const camera = cameras.get(r.entity_id)
        return camera ? [{ id: r.id, topic: r.topic, camera }] : []
      }
      if (r.topic === 'grids.published') {
        const version = versions.get(r.entity_id)
        return version ? [{ id: r.id, topic: r.topic, version }] : []
      }
      const incident = incidents.get(r.entity_id)
      return incident ? [{ id: r.id, topic: r.topic, incident }] : []
    })
    return { ids: rows.map((r) => r.id), events }
  }

  async function versionEvents(ids: string): Promise<GridsPublishedEvent[]> {
    const rows = await queryRows<{ versionId: number; name: string; effectiveFrom: string | Date }>(handle.db, sql`
      select id as "versionId", name, effective_from as "effectiveFrom" from boundary_versions where id = any(${ids}::int[])`)
    return rows.map((r) => ({ ...r, effectiveFrom: new Date(r.effectiveFrom).toISOString() }))
  }

  /** A camera's state now (a status event shows the latest status, as an incident event shows the latest record). */
  async function cameraEvents(ids: string): Promise<CameraStatusEvent[]> {
    const rows = await queryRows<CameraStatusEvent & { statusChangedAt: string | Date }>(handle.db, sql`
      select c.id, c.code, c.status::text as status, c.status_changed_at as "statusChangedAt", c.station_id as "stationId",
             (select g.id from grids g where g.version_id = ${currentVersionId} and g.geom && c.geom and ST_Covers(g.geom, c.geom) order by g.code limit 1) as "gridId",
             ST_X(c.geom) as lon, ST_Y(c.geom) as lat
      from cameras c where c.id = any(${ids}::int[])`)
    return rows.map((r) => ({ ...r, statusChangedAt: new Date(r.statusChangedAt).toISOString() }))
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
    /**
     * Events after `id`, for a client that reconnects with Last-Event-ID: only up to what this process
     * has delivered, so the client never gets ahead of a gap that the live feed is still waiting for.
     */
    async replay(after: number, limit = 10_000) {
      await start()
      return (await eventsAfter(after, limit, highWater)).events
    },
    async subscribe(fn: (events: LiveEvent[]) => void) {
      await start()
      subscribers.add(fn)
      return () => void subscribers.delete(fn)
    },
    async close() {
      if (timer) clearInterval(timer)
      clearTimeout(gapTimer)
      await stopListening?.().catch(() => {})
      subscribers.clear()
    },
  }
}
export type LiveBus = ReturnType<typeof createLiveBus>

/** How many of `ids` (ascending) follow `after` without a missing number. */
function unbrokenRun(ids: number[], after: number) {
  let run = 0
  while (run < ids.length && ids[run] === after + run + 1) run++
  return run
}
