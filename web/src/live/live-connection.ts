import type { CameraStatusEvent, GridsPublishedEvent, IncidentRecord } from '@gridwatch/server/contracts'

/**
 * The only EventSource of the app: `GET /api/live`, incidents as they are created and updated,
 * cameras whose status changed (`camera.status`), and new boundary versions (`grids.published`).
 * Events of other kinds are not listened to, so nothing unknown reaches the incident store.
 *
 * Every event carries a growing id. On any error the connection is closed and reopened with
 * `?since=<last id seen>` (the id of the last incident event, or the `ready` event's lastEventId), so
 * the server replays exactly what was missed — also when the browser's own retry would not (an error
 * status closes an EventSource for good, and a stream with no incident yet has no Last-Event-ID).
 */

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed'

export type IncidentTopic = 'incident.created' | 'incident.updated'

/** An incident created or updated. */
export interface IncidentEvent {
  id: number
  topic: IncidentTopic
  incident: IncidentRecord
}

/**
 * A camera went online, offline or into fault. `id` is the event's id when the server gave one (it is
 * state, not history: the store keeps the newest status per camera by `statusChangedAt`).
 */
export interface CameraEvent {
  id: number | null
  topic: 'camera.status'
  camera: CameraStatusEvent
}

export type LiveEvent = IncidentEvent | CameraEvent

/** A new boundary version is in force: whatever was drawn from the grids is stale. */
export interface GridsEvent {
  id: number | null
  version: GridsPublishedEvent
}

export interface LiveConnectionHandlers {
  onEvent(event: LiveEvent): void
  /** Kept apart from `onEvent`: grids are not incidents, and the store holds incidents and cameras only. */
  onGridsPublished?(event: GridsEvent): void
  /** `ready`: the server has sent everything missed and now streams live. */
  onReady(): void
  onState(state: ConnectionState): void
}

export interface LiveConnection {
  /** Id of the last event received (where a reconnect resumes), or null before the first `ready`. */
  lastEventId(): number | null
  /** Drops the connection as a network failure would (for tests and support); it reconnects by itself. */
  drop(): void
  close(): void
}

const RETRY_MS = [1000, 2000, 4000, 8000, 15000]

export function openLiveConnection(handlers: LiveConnectionHandlers, path = '/api/live'): LiveConnection {
  let source: EventSource | null = null
  let lastId: number | null = null
  let attempt = 0
  let timer: number | undefined
  let closed = false

  const connect = () => {
    handlers.onState(attempt === 0 ? 'connecting' : 'reconnecting')
    const url = lastId === null ? path : `${path}?since=${lastId}`
    const es = new EventSource(url)
    source = es
    const onIncident = (topic: IncidentTopic) => (e: MessageEvent<string>) => {
      const id = Number(e.lastEventId)
      if (!Number.isSafeInteger(id)) return
      lastId = Math.max(lastId ?? 0, id)
      handlers.onEvent({ id, topic, incident: JSON.parse(e.data) as IncidentRecord })
    }
    es.addEventListener('incident.created', onIncident('incident.created'))
    es.addEventListener('incident.updated', onIncident('incident.updated'))
    es.addEventListener('camera.status', (e: MessageEvent<string>) => {
      // An event without an id field repeats the previous event's id in `lastEventId`: harmless, as
      // camera events are applied by their status time, not by id.
      const id = e.lastEventId === '' ? null : Number(e.lastEventId)
      const known = id !== null && Number.isSafeInteger(id) ? id : null
      if (known !== null) lastId = Math.max(lastId ?? 0, known)
      handlers.onEvent({ id: known, topic: 'camera.status', camera: JSON.parse(e.data) as CameraStatusEvent })
    })
    es.addEventListener('grids.published', (e: MessageEvent<string>) => {
      const id = Number(e.lastEventId)
      const known = e.lastEventId !== '' && Number.isSafeInteger(id) ? id : null
      if (known !== null) lastId = Math.max(lastId ?? 0, known)
      handlers.onGridsPublished?.({ id: known, version: JSON.parse(e.data) as GridsPublishedEvent })
    })
    es.addEventListener('ready', (e: MessageEvent<string>) => {
      const { lastEventId } = JSON.parse(e.data) as { lastEventId: number }
      if (Number.isSafeInteger(lastEventId)) lastId = Math.max(lastId ?? 0, lastEventId)
      attempt = 0
      handlers.onState('live')
      handlers.onReady()
    })
    es.onerror = () => {
      if (source !== es) return
      retry()
    }
  }

  const retry = () => {
    source?.close()
    source = null
    if (closed) return
    handlers.onState('reconnecting')
    window.clearTimeout(timer)
    timer = window.setTimeout(connect, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)])
    attempt++
  }

  connect()
  return {
    lastEventId: () => lastId,
    drop: retry,
    close() {
      closed = true
      window.clearTimeout(timer)
      source?.close()
      source = null
      handlers.onState('closed')
    },
  }
}
