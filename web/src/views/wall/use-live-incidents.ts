import type { GridsPublishedEvent } from '@gridwatch/server/contracts'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { loadRecentIncidents } from '../../api/incidents'
import { IncidentStore, FEED_SIZE, type IncidentStoreSnapshot } from '../../live/incident-store'
import { openLiveConnection, type LiveConnection } from '../../live/live-connection'

const idle: IncidentStoreSnapshot = { feed: [], connection: 'closed', cameras: new Map() }
const noop = () => () => {}

export interface LiveIncidents {
  store: IncidentStore | null
  connection: LiveConnection | null
  /** The server confirmed the stream (first `ready`): what happens from now on arrives live. */
  ready: boolean
  snapshot: IncidentStoreSnapshot
  /** The last boundary version published while the page was open (the wall then redraws its grids). */
  gridsPublished: GridsPublishedEvent | null
}

/**
 * The live feed for roles that read incidents: the newest page first, then every event of
 * `/api/live` (new boundary versions aside, as `gridsPublished`). Nothing is opened (or asked of the
 * server) when `enabled` is false.
 */
export function useLiveIncidents(enabled: boolean): LiveIncidents {
  const [live, setLive] = useState<{ store: IncidentStore; connection: LiveConnection } | null>(null)
  const [ready, setReady] = useState(false)
  const [gridsPublished, setGridsPublished] = useState<GridsPublishedEvent | null>(null)
  useEffect(() => {
    if (!enabled) return
    const store = new IncidentStore()
    const connection = openLiveConnection({
      onEvent: (event) => store.apply(event),
      onGridsPublished: (event) => setGridsPublished(event.version),
      onReady: () => setReady(true),
      onState: (state) => store.setConnection(state),
    })
    let cancelled = false
    loadRecentIncidents(Math.min(50, FEED_SIZE))
      .then((records) => !cancelled && store.seed(records))
      .catch(() => {})
    setLive({ store, connection })
    return () => {
      cancelled = true
      connection.close()
      setLive(null)
      setReady(false)
    }
  }, [enabled])
  const snapshot = useSyncExternalStore(live?.store.subscribe ?? noop, live?.store.getSnapshot ?? (() => idle))
  return { store: live?.store ?? null, connection: live?.connection ?? null, ready, snapshot, gridsPublished }
}
