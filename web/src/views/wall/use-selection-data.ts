import type { GridCard, IncidentNearby, IncidentRecord } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { loadIncident, loadIncidentNearby } from '../../api/incidents'
import { loadGridCard } from '../../api/wall'
import type { IncidentStore } from '../../live/incident-store'

type Loaded<T> = { data: T | null; error: string | null }
const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** The card of the selected grid (`GET /api/grids/:id/card`). */
export function useGridCard(gridId: number | null): Loaded<GridCard> {
  const [state, setState] = useState<Loaded<GridCard> & { id: number | null }>({ id: null, data: null, error: null })
  useEffect(() => {
    if (gridId === null) return
    let cancelled = false
    loadGridCard(gridId)
      .then((data) => !cancelled && setState({ id: gridId, data, error: null }))
      .catch((e: unknown) => !cancelled && setState({ id: gridId, data: null, error: message(e) }))
    return () => {
      cancelled = true
    }
  }, [gridId])
  return state.id === gridId ? state : { data: null, error: null }
}

/**
 * The selected incident — from the live store while it is in the feed (so its timers follow live
 * updates), else read once — and its nearest posts and cameras.
 */
export function useIncidentDetails(incidentId: number | null, store: IncidentStore | null, feed: readonly IncidentRecord[]) {
  const [fetched, setFetched] = useState<{ id: number; record: IncidentRecord | null; nearby: IncidentNearby | null; error: string | null } | null>(null)
  const live = incidentId === null ? undefined : (feed.find((r) => r.id === incidentId) ?? store?.get(incidentId))
  const needsRecord = incidentId !== null && !live
  useEffect(() => {
    if (incidentId === null) return
    let cancelled = false
    Promise.all([needsRecord ? loadIncident(incidentId) : null, loadIncidentNearby(incidentId)])
      .then(([record, nearby]) => !cancelled && setFetched({ id: incidentId, record, nearby, error: null }))
      .catch((e: unknown) => !cancelled && setFetched({ id: incidentId, record: null, nearby: null, error: message(e) }))
    return () => {
      cancelled = true
    }
  }, [incidentId, needsRecord])
  const mine = fetched?.id === incidentId ? fetched : null
  return { record: live ?? mine?.record ?? null, nearby: mine?.nearby ?? null, error: mine?.error ?? null }
}
