import type { DisputeKpiCounts } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { loadDisputeKpis } from '../../api/disputes'
import { kpiPeriod } from '../disputes/dispute-format'
import { useLiveRefreshed } from './use-live-refreshed'

/**
 * The wall's dispute KPIs (`GET /api/disputes/kpis`, `stats:read`, in the user's scope) over this
 * calendar year — the period of the strip's 化解率 — so overdue cases and 民转刑 read alongside it.
 * Cases do not come through the live feed: the strip asks again every minute.
 */
export function useWallDisputeKpis(enabled: boolean): { total: DisputeKpiCounts | null; error: string | null } {
  const { value, error } = useLiveRefreshed(() => loadDisputeKpis('county', kpiPeriod('year', new Date())), 'year', { enabled, store: null, everyMs: 60_000, afterEventsMs: 0 })
  return { total: value?.data.total ?? null, error }
}

/** A grid's dispute KPIs for this calendar year, read when its card opens; a grid without cases has zeros. */
export function useGridDisputeKpis(gridId: number | null): DisputeKpiCounts | null {
  const [state, setState] = useState<{ gridId: number; row: DisputeKpiCounts } | null>(null)
  useEffect(() => {
    if (gridId === null) return
    let cancelled = false
    loadDisputeKpis('grid', kpiPeriod('year', new Date()), gridId)
      .then((kpis) => !cancelled && setState({ gridId, row: kpis.rows[0] ?? noCases }))
      .catch(() => !cancelled && setState(null))
    return () => {
      cancelled = true
    }
  }, [gridId])
  return state?.gridId === gridId ? state.row : null
}

const noCases: DisputeKpiCounts = { cases: 0, resolved: 0, resolvedAtGrid: 0, overdue: 0, repeats: 0, turnedCriminal: 0, resolutionRate: null, gridLevelShare: null }
