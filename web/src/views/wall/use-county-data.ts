import { useEffect, useState } from 'react'
import { loadCategories, type IncidentCategory } from '../../api/incidents'
import { loadAreas, loadBasemapInfo, loadCameras, loadGrids, loadHealthCounts, loadPosts, type AreaCollection, type BasemapInfo, type GridCollection, type HealthCounts, type PostCollection } from '../../api/map-data'
import type { CameraColumns } from '../../map/layers/cameras-layer'

export interface CountyData {
  basemap: BasemapInfo
  grids: GridCollection
  posts: PostCollection
  areas: AreaCollection
  /** Null when the role may not see cameras (nothing was asked of the server). */
  cameras: CameraColumns | null
  categories: IncidentCategory[]
  health: HealthCounts
}

/**
 * What the wall draws that changes rarely, loaded once in parallel. Cameras only for roles with
 * `cameras:read` (the server scopes them: a station's own, a grid worker's grids). The grids are
 * loaded again when `gridsVersion` changes (a boundary version was published while the wall is open).
 */
export function useCountyData(options: { cameras: boolean; gridsVersion?: number | null }) {
  const [data, setData] = useState<CountyData | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    Promise.all([loadBasemapInfo(), loadGrids(), loadPosts(), loadAreas(), options.cameras ? loadCameras() : null, loadCategories(), loadHealthCounts()])
      .then(([basemap, grids, posts, areas, cameras, categories, health]) => !cancelled && setData({ basemap, grids, posts, areas, cameras, categories, health }))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
    }
  }, [options.cameras])
  const gridsVersion = options.gridsVersion ?? null
  useEffect(() => {
    if (gridsVersion === null) return
    let cancelled = false
    loadGrids()
      .then((grids) => !cancelled && setData((d) => (d ? { ...d, grids } : d)))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
    }
  }, [gridsVersion])
  return { data, error }
}
