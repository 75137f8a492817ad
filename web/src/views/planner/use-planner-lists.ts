import type { BoundaryVersionSummary, PlanSummary } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useState } from 'react'
import { loadAreas, loadBasemapInfo, type AreaCollection, type BasemapInfo } from '../../api/map-data'
import { listPlans, listVersions } from '../../api/plans'

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * What the planner reads besides the open plan: the basemap and the areas (once), the plans and the
 * boundary versions (again after `refreshLists`: a draft created or discarded, a version published).
 */
export function usePlannerLists() {
  const [base, setBase] = useState<{ basemap: BasemapInfo; areas: AreaCollection } | null>(null)
  const [baseError, setBaseError] = useState<string | null>(null)
  const [plans, setPlans] = useState<PlanSummary[] | null>(null)
  const [versions, setVersions] = useState<BoundaryVersionSummary[] | null>(null)
  const [listsVersion, setListsVersion] = useState(0)
  useEffect(() => {
    Promise.all([loadBasemapInfo(), loadAreas()])
      .then(([basemap, areas]) => setBase({ basemap, areas }))
      .catch((e: unknown) => setBaseError(message(e)))
  }, [])
  useEffect(() => {
    listPlans().then(setPlans, (e: unknown) => setBaseError(message(e)))
    listVersions().then(setVersions, () => {})
  }, [listsVersion])
  const refreshLists = useCallback(() => setListsVersion((n) => n + 1), [])
  return { base, baseError, plans, versions, refreshLists }
}
