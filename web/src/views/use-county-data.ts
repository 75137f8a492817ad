import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import { useEffect, useState } from 'react'
import { api, readArrowColumns, readJson, readOk } from '../api/client'
import type { CameraColumns } from '../map/layers/cameras-layer'
import type { GridProperties } from '../map/layers/grids-layer'
import type { PostProperties } from '../map/layers/posts-layer'

export interface CountyData {
  bounds: [number, number, number, number] | null
  maxZoom: number
  grids: FeatureCollection<Polygon | MultiPolygon, GridProperties>
  posts: FeatureCollection<Point, PostProperties>
  /** Null when the role may not see cameras (nothing was asked of the server). */
  cameras: CameraColumns | null
  health: { database: { driver: string; postgres: string; postgis: string }; counts: Record<string, number> }
}

const cameraColumnNames = ['id', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'status', 'kind'] as const

/**
 * Everything the overview map shows, loaded once in parallel. Cameras only for roles with `cameras:read`
 * (the server scopes them: a station's own, a grid worker's grids).
 */
export function useCountyData(options: { cameras: boolean }) {
  const [data, setData] = useState<CountyData | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    Promise.all([
      api.api.basemap.info.$get().then((r) => readJson<{ bounds: CountyData['bounds']; maxZoom: number }>(r)),
      api.api.map.grids.$get().then((r) => readJson<CountyData['grids']>(r)),
      api.api.map.posts.$get().then((r) => readJson<CountyData['posts']>(r)),
      options.cameras ? api.api.map.cameras.$get().then((r) => readArrowColumns(r, cameraColumnNames)) : null,
      api.api.health.counts.$get().then((r) => readOk(r)),
    ])
      .then(([info, grids, posts, cams, health]) => {
        if (cancelled) return
        setData({ bounds: info.bounds, maxZoom: info.maxZoom, grids, posts, cameras: cams && { length: cams.length, ...cams.columns }, health })
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
    }
  }, [options.cameras])
  return { data, error }
}
