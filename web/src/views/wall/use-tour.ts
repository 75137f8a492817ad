import type { Map as MaplibreMap } from 'maplibre-gl'
import { useEffect } from 'react'
import type { AreaCollection } from '../../api/map-data'

/** Seconds each stop of the tour stays on screen. */
export const TOUR_STOP_S = 20
const FLIGHT_MS = 4000

/** [west, south, east, north] of a MultiPolygon's outer rings. */
function bboxOf(coordinates: number[][][][]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of coordinates)
    for (const [lon, lat] of polygon[0] ?? []) {
      b[0] = Math.min(b[0], lon!)
      b[1] = Math.min(b[1], lat!)
      b[2] = Math.max(b[2], lon!)
      b[3] = Math.max(b[3], lat!)
    }
  return b
}

/**
 * A slow tour for an unattended wall: the whole county, then each township in turn, one every
 * TOUR_STOP_S seconds, flying between them. Stops when switched off (the map stays where it is).
 */
export function useTour(map: MaplibreMap | null, areas: AreaCollection, countyBounds: [number, number, number, number] | null, enabled: boolean) {
  useEffect(() => {
    if (!map || !enabled) return
    const townships = areas.features.filter((f) => f.properties.level === 'township').sort((a, b) => a.properties.code.localeCompare(b.properties.code))
    const stops = [null, ...townships.map((f) => bboxOf(f.geometry.coordinates))]
    const county = countyBounds ?? (map.getBounds().toArray().flat() as [number, number, number, number])
    let index = 0
    const next = () => {
      index = (index + 1) % stops.length
      map.fitBounds(stops[index] ?? county, { padding: 60, duration: FLIGHT_MS, essential: true })
    }
    next()
    const timer = window.setInterval(next, TOUR_STOP_S * 1000)
    return () => window.clearInterval(timer)
  }, [map, areas, countyBounds, enabled])
}
