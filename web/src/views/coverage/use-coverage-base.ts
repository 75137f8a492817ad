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

/** What the coverage map draws under its own data, loaded once in parallel (the user has `cameras:read`). */
export function useCoverageBase() {
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
  return { data, error }
}

/** The township (area id) of a grid, found by its township's name among the outlines. */
export function townshipOf(base: CoverageBase, gridId: number): { id: number; name: string } | null {
  const grid = base.grids.features.find((f) => f.properties.id === gridId)
  if (!grid) return null
  const area = base.areas.features.find((a) => a.properties.level === 'township' && a.properties.name === grid.properties.township)
  return area ? { id: area.properties.id, name: area.properties.name } : null
}
