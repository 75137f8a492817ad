import type { IncidentRecord } from '@gridwatch/server/contracts'

/**
 * The only EventSource of the app: `GET /api/live`, incidents as they are created and updated.
 *
 * Every event carries a growing id. On any error the connection is closed and reopened with
 * `?since=<last id seen>` (the id of the last incident event, or the `ready` event's lastEventId), so
 * the server replays exactly what was missed — also when the browser's own retry would not (an error
 * status closes an EventSource for good, and a stream with no incident yet has no Last-Event-ID).
 */

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'closed'

export interface LiveEvent {
  id: number
  topic: 'incident.created' | 'incident.updated'
  incident: IncidentRecord
}

export interface LiveConnectionHandlers {
  onEvent(event: LiveEvent): void
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
    const onIncident = (topic: LiveEvent['topic']) => (e: MessageEvent<string>) => {
      const id = Number(e.lastEventId)
      if (!Number.isSafeInteger(id)) return
      lastId = Math.max(lastId ?? 0, id)
      handlers.onEvent({ id, topic, incident: JSON.parse(e.data) as IncidentRecord })
    }
    es.addEventListener('incident.created', onIncident('incident.created'))
    es.addEventListener('incident.updated', onIncident('incident.updated'))
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
