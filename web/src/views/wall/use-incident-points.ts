import type { IncidentRecord } from '@gridwatch/server/contracts'
import { useEffect, useRef, useState } from 'react'
import { loadIncidentColumns } from '../../api/incidents'
import { IncidentPoints } from '../../live/incident-points'
import type { IncidentStore } from '../../live/incident-store'
import { PULSE_MS, type Pulse } from '../../map/layers/incident-pulse-layer'

/** Load the window anyway if the live stream has not confirmed within this time (server busy). */
const READY_TIMEOUT_MS = 4000
/** After a failed load, try again this long later (a wall runs unattended for weeks). */
const RETRY_MS = 15_000
/** Live incidents kept while the window loads; beyond this the load has failed and will be retried. */
const MAX_EARLY = 10_000

export interface IncidentPointsState {
  points: IncidentPoints | null
  /** Bumped on every append: the map re-renders, nothing else holds incident state. */
  version: number
  error: string | null
}

export interface IncidentPointsOptions {
  enabled: boolean
  store: IncidentStore | null
  ready: boolean
  from: Date
  origin: [number, number]
  colorOf: (code: string) => readonly [number, number, number]
  /** Told about each incident appended to the map (latency measurement). */
  onAppended?: (id: number, points: IncidentPoints) => void
}

/**
 * The incidents of the window on the map, kept current by the live feed. The window is loaded once
 * the live stream is open (so nothing falls between the load and the stream; what both deliver is
 * appended once), and each live incident is appended to the same growable columns.
 */
export function useIncidentPoints(options: IncidentPointsOptions) {
  const { enabled, store, ready, from, origin, colorOf } = options
  const [state, setState] = useState<IncidentPointsState>({ points: null, version: 0, error: null })
  /** Incidents that just arrived, pulsing on the map (a few at a time; not React state). */
  const pulses = useRef<Pulse[]>([])
  const onAppended = useRef(options.onAppended)
  onAppended.current = options.onAppended
  const [timedOut, setTimedOut] = useState(false)

  useEffect(() => {
    if (!enabled || ready) return
    const timer = window.setTimeout(() => setTimedOut(true), READY_TIMEOUT_MS)
    return () => window.clearTimeout(timer)
  }, [enabled, ready])

  const canLoad = enabled && store !== null && (ready || timedOut)
  const fromMs = from.getTime()
  const [attempt, setAttempt] = useState(0)
  // `ready` is a dependency: a window loaded before the stream was confirmed (timeout) is loaded again
  // once it is, so nothing reported between that load and the stream's start is missing.
  useEffect(() => {
    if (!canLoad || !store) return
    let cancelled = false
    let points: IncidentPoints | null = null
    // Events that arrive while the window loads wait here, then go in after it.
    const early: IncidentRecord[] = []
    const append = (incident: IncidentRecord, pulse: boolean) => {
      if (!points) return void (early.length < MAX_EARLY && early.push(incident))
      const added = points.append({ id: incident.id, lon: incident.lon, lat: incident.lat, time: Date.parse(incident.reportedAt), category: incident.category })
      if (!added) return
      if (pulse) pulses.current = [...pulses.current.filter((p) => performance.now() - p.startedAt < PULSE_MS), { id: incident.id, position: [incident.lon, incident.lat], color: colorOf(incident.category), startedAt: performance.now() }]
      onAppended.current?.(incident.id, points)
      setState((s) => ({ ...s, version: points!.version }))
    }
    const unsubscribe = store.onIncident((incident, topic) => append(incident, topic === 'incident.created'))
    let retry: number | undefined
    loadIncidentColumns(new Date(fromMs))
      .then((columns) => {
        if (cancelled) return
        points = new IncidentPoints(origin, fromMs, columns.categoryCodes, colorOf, columns)
        for (const incident of early.splice(0)) append(incident, true)
        setState({ points, version: points.version, error: null })
      })
      .catch((e: unknown) => {
        if (cancelled) return
        setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }))
        retry = window.setTimeout(() => setAttempt((n) => n + 1), RETRY_MS)
      })
    return () => {
      cancelled = true
      window.clearTimeout(retry)
      unsubscribe()
    }
  }, [canLoad, ready, attempt, store, fromMs, origin, colorOf])

  return { ...state, pulses }
}
