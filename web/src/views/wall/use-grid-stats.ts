import { loadGridStats } from '../../api/map-data'
import type { IncidentStore } from '../../live/incident-store'
import { useLiveRefreshed } from './use-live-refreshed'

/**
 * Per-grid statistics of the window [from, now) for the choropleth, kept current. Heavier than the KPI
 * strip: every minute, 10 s after a burst of live incidents, and at once for a new boundary version.
 */
export function useGridStats(enabled: boolean, from: Date, store: IncidentStore | null, gridsVersion: number | null = null) {
  const fromMs = from.getTime()
  const { value, error } = useLiveRefreshed(() => loadGridStats({ from: new Date(fromMs), to: new Date() }), `${fromMs}:${gridsVersion}`, { enabled, store, everyMs: 60_000, afterEventsMs: 10_000 })
  return { stats: value?.data ?? null, error }
}
