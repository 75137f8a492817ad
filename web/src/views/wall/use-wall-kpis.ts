import { loadWallKpis } from '../../api/wall'
import type { IncidentStore } from '../../live/incident-store'
import { useLiveRefreshed } from './use-live-refreshed'

/** Today's KPIs, refreshed every 30 s, 2 s after a burst of live incidents, and for a new boundary version. */
export function useWallKpis(store: IncidentStore | null, enabled: boolean, gridsVersion: number | null = null) {
  const { value, error } = useLiveRefreshed(() => loadWallKpis(), gridsVersion, { enabled, store, everyMs: 30_000, afterEventsMs: 2_000 })
  return { kpis: value, error }
}
