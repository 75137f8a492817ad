import { useEffect, useState } from 'react'
import { loadGridStats, type GridStatsPage } from '../../api/map-data'
import type { IncidentStore } from '../../live/incident-store'

const REFRESH_MS = 60_000
/** Per-grid statistics are heavier than the KPI strip: after live events, refresh once things calm down. */
const AFTER_EVENTS_MS = 10_000

/** Per-grid statistics of the window [from, now) for the choropleth, kept current. */
export function useGridStats(enabled: boolean, from: Date, store: IncidentStore | null) {
  const [stats, setStats] = useState<GridStatsPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const fromMs = from.getTime()
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let debounce: number | undefined
    const refresh = () =>
      loadGridStats({ from: new Date(fromMs), to: new Date() })
        .then((page) => {
          if (cancelled) return
          setStats(page)
          setError(null)
        })
        .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    void refresh()
    const timer = window.setInterval(refresh, REFRESH_MS)
    const unsubscribe = store?.onIncident(() => {
      window.clearTimeout(debounce)
      debounce = window.setTimeout(refresh, AFTER_EVENTS_MS)
    })
    return () => {
      cancelled = true
      window.clearInterval(timer)
      window.clearTimeout(debounce)
      unsubscribe?.()
    }
  }, [enabled, fromMs, store])
  return { stats, error }
}
