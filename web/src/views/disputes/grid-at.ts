import { booleanPointInPolygon } from '@turf/turf'
import type { GridCollection } from '../../api/map-data'
import type { GridProperties } from '../../map/layers/grids-layer'

/**
 * The grid a point lies in (the first by code, as the server places a case), or null outside every
 * grid: shown while a case is being opened, so the user sees where it will land.
 */
export function gridAt(grids: GridCollection, point: { lon: number; lat: number }): GridProperties | null {
  const at: [number, number] = [point.lon, point.lat]
  const hits = grids.features.filter((f) => booleanPointInPolygon(at, f)).map((f) => f.properties)
  return hits.sort((a, b) => a.code.localeCompare(b.code))[0] ?? null
}
