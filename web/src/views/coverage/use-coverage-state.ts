import type { CameraSet, ReachOptions } from '@gridwatch/server/contracts'
import { useMemo, useRef, useState } from 'react'
import { bboxParam, loadBlindSpots, loadCamerasAtPoint, loadGridCoverage, loadKeySites, loadPostReach, loadSuggestions, loadViewAreas, type SuggestionRequest } from '../../api/coverage'
import type { Bounds } from '../../map/camera-sectors'
import { suggestionFeatures } from '../../map/layers/suggestions-layer'
import type { PointQuery } from './at-point-panel'
import { siteKinds, type KeySiteKind } from './labels'
import { useLoad } from './use-load'

/**
 * Everything the coverage view asks the server, keyed by what the user chose: the camera set, the
 * selected grid, the viewport, the point, the suggestion and reach requests. `refresh` moves when
 * cameras changed (live status events, registry edits) and reloads what depends on them.
 */
export function useCoverageState(refresh: number) {
  const [set, setSet] = useState<CameraSet>('online')
  const [selectedGrid, setSelectedGrid] = useState<number | null>(null)
  const [viewport, setViewport] = useState<Bounds | null>(null)
  const [point, setPoint] = useState<PointQuery | null>(null)
  const [suggestRequest, setSuggestRequest] = useState<SuggestionRequest | null>(null)
  const [reachRequest, setReachRequest] = useState<ReachOptions | null>(null)
  const [kinds, setKinds] = useState<Set<KeySiteKind>>(() => new Set(siteKinds))

  const grids = useLoad((signal) => loadGridCoverage({ signal }), [refresh])
  const blindSpots = useLoad((signal) => loadBlindSpots(selectedGrid!, set, { signal }), selectedGrid === null ? null : [selectedGrid, set, refresh])
  const sites = useLoad((signal) => loadKeySites(set, { signal }), [set, refresh])
  const viewAreas = useLoad(
    async (signal) => ({ areas: await loadViewAreas(viewport!, set, { signal }), bbox: bboxParam(viewport!), cameras: set }),
    viewport ? [viewport, set, refresh] : null,
  )
  const atPoint = useLoad((signal) => loadCamerasAtPoint(point!, { signal }), point ? [point, refresh] : null)
  const suggestions = useLoad((signal) => loadSuggestions(suggestRequest!, { signal }), suggestRequest)
  const reach = useLoad((signal) => loadPostReach(reachRequest!, { signal }), reachRequest)

  const shownSites = useMemo(() => sites.data?.features.filter((f) => kinds.has(f.properties.kind)) ?? [], [sites.data, kinds])
  const suggestionLayerData = useMemo(() => (suggestions.data ? { data: suggestions.data, features: suggestionFeatures(suggestions.data) } : null), [suggestions.data])
  const gridsInScope = useMemo(() => new Set(grids.data?.map((g) => g.gridId) ?? []), [grids.data])

  // What the view-areas layer holds (for the inspection hook): the request its data answered.
  const viewAreasFor = useRef<{ bbox: string; cameras: string } | null>(null)
  viewAreasFor.current = viewAreas.data && viewport ? { bbox: viewAreas.data.bbox, cameras: viewAreas.data.cameras } : null

  return {
    set,
    setSet,
    selectedGrid,
    setSelectedGrid,
    viewport,
    setViewport,
    point,
    setPoint,
    suggestRequest,
    setSuggestRequest,
    setReachRequest,
    kinds,
    setKinds,
    grids,
    gridsInScope,
    blindSpots,
    sites,
    shownSites,
    viewAreas,
    viewAreasFor,
    atPoint,
    suggestions,
    suggestionLayerData,
    reach,
  }
}
