import { booleanPointInPolygon } from '@turf/turf'
import type { PlanDiff, PlanProblem } from '@gridwatch/server/contracts'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import type { MapMouseEvent } from 'maplibre-gl'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { AreaProperties, BasemapInfo } from '../../api/map-data'
import type { PlanGrid } from '../../api/plans'
import type { Rgba } from '../../map/choropleth'
import { exposeMapForInspection } from '../../map/debug-hook'
import { useDeckLayers, useDeckMap } from '../../map/use-map'
import { interiorPoint, polygonsOf, type Outline } from './plan-geometry'
import { plannerLayers, type GridLabel } from './planner-layers'
import { SNAP_PX } from './snapping'
import type { SuggestionOverlay } from './suggestion-preview'
import type { Tool } from './tools'
import { useBuildingPaint } from './use-building-paint'
import { useTerraDraw } from './use-terra-draw'
import { useZoom } from '../../map/use-zoom'

export type Bounds = [number, number, number, number]

export interface PlannerMapProps {
  basemap: BasemapInfo
  planArea: Feature<MultiPolygon, AreaProperties> | null
  grids: readonly PlanGrid[]
  fills: ReadonlyMap<string, Rgba>
  selected: readonly string[]
  tool: Tool
  /** Edits allowed (a draft); otherwise the map only shows and selects. */
  editable: boolean
  problem: PlanProblem | null
  diff: PlanDiff['pieces'] | null
  /** A rebalancing suggestion being previewed (the map only shows it). */
  suggestion: SuggestionOverlay | null
  /** Fit this box when the key changes (a plan opened, a problem or a grid chosen in a list). */
  flyTo: { bounds: Bounds; key: string } | null
  /** A click on a grid (null: on no grid); `additive` with Shift, to gather grids for a merge. */
  onPick: (key: string | null, additive: boolean) => void
  onLine: (line: Position[]) => void
  onPolygon: (polygon: Polygon) => void
  onReshape: (key: string, geometry: Outline) => void
  /** The footprints of the basemap a stroke of the buildings tool passed over (one, for a click). */
  onBuildings: (footprints: Outline[]) => void
}

/** The planner's map: the basemap, the plan's grids by workload, labels, problems, the diff, and terra-draw. */
export const PlannerMap = memo(function PlannerMap(props: PlannerMapProps) {
  const latest = useRef(props)
  latest.current = props
  const { containerRef, handle } = useDeckMap({ bounds: props.basemap.bounds, maxZoom: props.basemap.maxZoom })
  const map = handle?.map ?? null
  const zoom = useZoom(map)

  const editing = props.editable && props.tool === 'select' && props.selected.length === 1 ? (props.grids.find((g) => g.properties.key === props.selected[0]) ?? null) : null
  useTerraDraw(props.editable ? map : null, {
    tool: props.tool,
    editing,
    editingFill: hexOf(editing ? props.fills.get(editing.properties.key) : undefined),
    snapTargets: props.grids,
    onLine: (line) => latest.current.onLine(line),
    onPolygon: (p) => latest.current.onPolygon(p),
    onReshape: (key, g) => latest.current.onReshape(key, g),
  })

  const paint = useBuildingPaint(map, {
    active: () => latest.current.editable && latest.current.tool === 'buildings',
    onPainted: (footprints) => latest.current.onBuildings(footprints),
  })

  const labels = useMemo<GridLabel[]>(
    () => props.grids.map((g) => ({ key: g.properties.key, text: g.properties.name, position: interiorPoint(g.geometry), fresh: g.properties.code === null })),
    [props.grids],
  )
  const layers = useMemo(
    () => plannerLayers({ planArea: props.planArea, grids: props.grids, fills: props.fills, selected: props.selected, editingKey: editing?.properties.key ?? null, labels, problem: props.problem, diff: props.diff, suggestion: props.suggestion, painted: paint.painted, zoom }),
    [props.planArea, props.grids, props.fills, props.selected, editing, labels, props.problem, props.diff, props.suggestion, paint.painted, zoom],
  )
  useDeckLayers(handle, layers)

  useEffect(() => {
    if (!map) return
    // Shift+click gathers grids for a merge here, not a box zoom.
    map.boxZoom.disable()
    // The click that finishes a drawing arrives after the tool went back to select: the tool at
    // mousedown says whose click it is.
    let toolAtDown: Tool = latest.current.tool
    const onDown = () => void (toolAtDown = latest.current.tool)
    const onClick = (e: MapMouseEvent) => {
      const p = latest.current
      const at: Position = [e.lngLat.lng, e.lngLat.lat]
      if (toolAtDown === 'split' || toolAtDown === 'draw' || p.tool === 'split' || p.tool === 'draw') return
      // A press on a building with the buildings tool was a stroke (useBuildingPaint), even a short one.
      if (paint.tookClick()) return
      // A click on a vertex or an edge of the grid being reshaped is terra-draw's, not a new selection.
      const held = p.editable && p.tool === 'select' && p.selected.length === 1 ? p.grids.find((g) => g.properties.key === p.selected[0]) : undefined
      if (held && nearOutline(held.geometry, [e.point.x, e.point.y], (q) => map.project(q as [number, number]))) return
      const hit = p.grids.find((g) => booleanPointInPolygon(at, g.geometry))
      p.onPick(hit?.properties.key ?? null, e.originalEvent.shiftKey)
    }
    map.on('mousedown', onDown)
    map.on('click', onClick)
    return () => {
      map.off('mousedown', onDown)
      map.off('click', onClick)
    }
  }, [map])

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = props.tool === 'select' ? '' : props.tool === 'buildings' ? 'copy' : 'crosshair'
  }, [map, props.tool])

  useEffect(() => {
    if (!map || !props.flyTo) return
    // The toolbar covers the top of the map and the selected grid's card its lower left.
    map.fitBounds(props.flyTo.bounds, { padding: { top: 130, bottom: 50, left: 60, right: 60 }, maxZoom: 17, duration: 900 })
  }, [map, props.flyTo?.key])

  useEffect(() => {
    exposeMapForInspection(handle, () => ({}))
    return () => exposeMapForInspection(null, () => ({}))
  }, [handle])

  return <div ref={containerRef} className="map" data-testid="map" />
})

const hexOf = (c: Rgba | undefined): `#${string}` => (c ? `#${c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}` : '#46505f')

/** Whether a screen point lies within SNAP_PX of an outline's boundary. */
function nearOutline(g: Outline, [px, py]: [number, number], project: (p: Position) => { x: number; y: number }) {
  for (const rings of polygonsOf(g)) {
    for (const ring of rings) {
      let prev: { x: number; y: number } | null = null
      for (const p of ring) {
        const q = project(p)
        if (prev) {
          const dx = q.x - prev.x
          const dy = q.y - prev.y
          const len2 = dx * dx + dy * dy
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - prev.x) * dx + (py - prev.y) * dy) / len2))
          if (Math.hypot(prev.x + dx * t - px, prev.y + dy * t - py) <= SNAP_PX) return true
        }
        prev = q
      }
    }
  }
  return false
}

