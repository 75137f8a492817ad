import type { WallKpis } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { loadWallKpis } from '../../api/wall'
import type { IncidentStore } from '../../live/incident-store'

const REFRESH_MS = 30_000
/** Live events come in bursts (a batch import, a busy hour): one refresh after the burst. */
const AFTER_EVENTS_MS = 2_000

/** Today's KPIs, refreshed every 30 s and shortly after live incidents arrive or change. */
export function useWallKpis(store: IncidentStore | null, enabled: boolean) {
  const [kpis, setKpis] = useState<{ data: WallKpis; at: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let debounce: number | undefined
    const refresh = () => {
      loadWallKpis()
        .then((data) => {
          if (cancelled) return
          setKpis({ data, at: Date.now() })
          setError(null)
        })
        .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    }
    refresh()
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
  }, [store, enabled])
  return { kpis, error }
}
