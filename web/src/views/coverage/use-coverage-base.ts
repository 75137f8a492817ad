import { useEffect, useState } from 'react'
import { loadAreas, loadBasemapInfo, loadCameras, loadGrids, loadPosts, type AreaCollection, type BasemapInfo, type GridCollection, type PostCollection } from '../../api/map-data'
import type { CameraColumns } from '../../map/layers/cameras-layer'

export interface CoverageBase {
  basemap: BasemapInfo
  grids: GridCollection
  areas: AreaCollection
  posts: PostCollection
  cameras: CameraColumns
}

/**
 * What the coverage map draws under its own data, loaded once in parallel (the user has `cameras:read`);
 * the cameras again whenever `camerasChanged` moves (one was registered, moved or deleted).
 */
export function useCoverageBase(camerasChanged: number) {
  const [data, setData] = useState<CoverageBase | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    Promise.all([loadBasemapInfo(), loadGrids(), loadAreas(), loadPosts(), loadCameras()])
      .then(([basemap, grids, areas, posts, cameras]) => !cancelled && setData({ basemap, grids, areas, posts, cameras }))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
    }
  }, [])
  useEffect(() => {
    if (camerasChanged === 0) return
    let cancelled = false
    loadCameras()
      .then((cameras) => !cancelled && setData((d) => (d ? { ...d, cameras } : d)))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
    }
  }, [camerasChanged])
  return { data, error }
}

/** The township (area id and name) of a grid. */
export function townshipOf(base: CoverageBase, gridId: number): { id: number; name: string } | null {
  const grid = base.grids.features.find((f) => f.properties.id === gridId)
  if (!grid) return null
  return { id: grid.properties.townshipId, name: grid.properties.township }
}
