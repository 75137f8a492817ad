import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { collectFootprints, pathSamples } from './building-moves'
import type { Outline } from './plan-geometry'

/** The basemap's building footprints (web/src/map/basemap-style.ts). */
const BUILDING_LAYER = 'buildings'

export interface BuildingPaintOptions {
  /** The building tool is on and the plan may change. */
  active: () => boolean
  /** The stroke ended: every footprint it passed over, once each. */
  onPainted: (footprints: Outline[]) => void
}

/**
 * The building tool's brush: a press on a building starts a stroke, every footprint under the pointer's
 * path joins it, the release hands them all over as one move. The map does not pan while a stroke is
 * painted (a press on open ground still pans). Esc drops the stroke. `painted` is the stroke so far,
 * for the map to show; `tookClick()` tells the click that follows a stroke that it was the stroke's.
 */
export function useBuildingPaint(map: MaplibreMap | null, options: BuildingPaintOptions) {
  const latest = useRef(options)
  latest.current = options
  const [painted, setPainted] = useState<Outline[]>([])
  const tookClick = useRef(false)

  useEffect(() => {
    if (!map) return
    let stroke: { collected: Map<string, Outline>; last: [number, number]; panned: boolean } | null = null
    const lookAt = (points: [number, number][]) => {
      if (!stroke || !map.getLayer(BUILDING_LAYER)) return
      let added = false
      for (const point of points) added = collectFootprints(stroke.collected, map.queryRenderedFeatures(point, { layers: [BUILDING_LAYER] })) || added
      if (added) setPainted([...stroke.collected.values()])
    }
    const onMove = (e: MapMouseEvent) => {
      if (!stroke) return
      const to: [number, number] = [e.point.x, e.point.y]
      lookAt(pathSamples(stroke.last, to))
      stroke.last = to
    }
    const end = (commit: boolean) => {
      if (!stroke) return
      const { collected, panned } = stroke
      stroke = null
      map.off('mousemove', onMove)
      window.removeEventListener('mouseup', onUp)
      window.removeEventListener('keydown', onKey, true)
      if (panned) map.dragPan.enable()
      setPainted([])
      tookClick.current = true
      if (commit && collected.size > 0) latest.current.onPainted([...collected.values()])
    }
    const onUp = () => end(true)
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      // Esc is the stroke's: the planner's own Esc (drop the selection) would lose the target grid.
      e.stopPropagation()
      end(false)
    }
    const onDown = (e: MapMouseEvent) => {
      tookClick.current = false
      if (stroke || e.originalEvent.button !== 0 || !latest.current.active() || !map.getLayer(BUILDING_LAYER)) return
      const start: [number, number] = [e.point.x, e.point.y]
      if (map.queryRenderedFeatures(start, { layers: [BUILDING_LAYER] }).length === 0) return
      // Disabled before maplibre's own pan handler sees this press: the drag paints instead.
      const panned = map.dragPan.isEnabled()
      if (panned) map.dragPan.disable()
      stroke = { collected: new Map(), last: start, panned }
      lookAt([start])
      map.on('mousemove', onMove)
      // On the window: a stroke released outside the map still ends.
      window.addEventListener('mouseup', onUp)
      window.addEventListener('keydown', onKey, true)
    }
    map.on('mousedown', onDown)
    return () => {
      end(false)
      map.off('mousedown', onDown)
    }
  }, [map])

  return { painted, tookClick: () => tookClick.current }
}
