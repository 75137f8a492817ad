import type { PickingInfo } from '@deck.gl/core'
import type { Map as MaplibreMap } from 'maplibre-gl'
import { memo, useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react'
import type { IncidentPoints } from '../../live/incident-points'
import { cameraSectors, emptySectors, type SectorData } from '../../map/camera-sectors'
import type { Rgba } from '../../map/choropleth'
import { exposeMapForInspection, type WallInspection } from '../../map/debug-hook'
import type { DrawClock } from '../../map/draw-clock'
import { IncidentGpuColumns, type IncidentLayerData } from '../../map/incident-gpu-columns'
import { bareBaseline, createBareIncidentsLayer } from '../../map/layers/bare-incidents-layer'
import { cameraAttributes, cameraStatusColors, type CameraColumns } from '../../map/layers/cameras-layer'
import type { FocusMark } from '../../map/layers/incident-focus-layer'
import { PULSE_MS, type Pulse } from '../../map/layers/incident-pulse-layer'
import type { MinuteRange } from '../../map/layers/time-filter'
import { useDeckLayers, useDeckMap, type MapHandle } from '../../map/use-map'
import type { CountyData } from './use-county-data'
import { useTour } from './use-tour'
import { FOV_ZOOM, POINTS_ZOOM, wallLayers, type ToggleId } from './wall-layers'
import { useZoom } from '../../map/use-zoom'

export interface WallMapProps {
  county: CountyData
  /** The county's cameras with their live statuses (null when the role sees no cameras). */
  cameras: CameraColumns | null
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
  gridFills: ReadonlyMap<number, Rgba>
  selectedGridId: number | null
  onSelectGrid: (id: number | null) => void
  points: IncidentPoints | null
  /** Changes on every append to `points`. */
  pointsVersion: number
  pulses: MutableRefObject<Pulse[]>
  filterRange: MinuteRange
  /** The heat map's range: like `filterRange`, but in steps while replaying. */
  heatFilterRange: MinuteRange
  visible: Record<ToggleId, boolean>
  focus: readonly FocusMark[]
  /** Fly here when it changes (a feed row was chosen). */
  flyTo: { center: [number, number]; key: number } | null
  onSelectIncident: (id: number) => void
  onZoom: (zoom: number) => void
  tour: boolean
  drawClock: DrawClock
  /** The parts of the inspection hook the view answers (feed, KPIs, live connection). */
  inspection: () => Pick<WallInspection, 'feedIds' | 'kpis' | 'live'>
}

/** The map of the wall: basemap, every deck.gl layer, clicks, zoom-dependent detail and the tour. */
export const WallMap = memo(function WallMap(props: WallMapProps) {
  const { county, scale, points, visible, drawClock } = props
  const latest = useRef(props)
  latest.current = props
  /** Whether an incident layer is drawn at all (hidden layers put nothing on screen). */
  const drawsIncidents = useRef(false)

  const overlay = useRef<MapHandle['overlay'] | null>(null)
  const { containerRef, handle, device } = useDeckMap({
    bounds: county.basemap.bounds,
    maxZoom: county.basemap.maxZoom,
    scale,
    onClick: (info: PickingInfo) => {
      const { points: p, onSelectIncident, onSelectGrid } = latest.current
      const layer = info.layer?.id
      const gridOf = (picked: PickingInfo | null | undefined) => (picked?.object as { properties?: { id: number } } | undefined)?.properties?.id ?? null
      if (layer === 'incident-points' && p && info.index >= 0) onSelectIncident(p.ids[info.index]!)
      else if (layer === 'grids') onSelectGrid(gridOf(info))
      else if (!layer) onSelectGrid(null)
      // A camera's sector, a post or an area outline drawn over a grid: the grid beneath answers the click.
      else onSelectGrid(gridOf(overlay.current?.pickObject({ x: info.x, y: info.y, layerIds: ['grids'] })))
    },
    onAfterRender: () => latest.current.drawClock.afterRender(drawsIncidents.current),
  })
  overlay.current = handle?.overlay ?? null
  const zoom = useZoom(handle?.map ?? null, props.onZoom)
  const sectors = useCameraSectors(handle?.map ?? null, props.cameras)
  const now = usePulseClock(props.pulses, props.pointsVersion)

  // The GPU copies of the incident columns: only appended rows are uploaded (see incident-gpu-columns).
  const gpu = useMemo(() => (device ? new IncidentGpuColumns(device) : null), [device])
  useEffect(() => () => gpu?.destroy(), [gpu])
  // Runs again when the columns grew (pointsVersion); idempotent for a given version. Replaced buffers
  // are destroyed seconds later (incident-gpu-columns.ts), so a render React repeats or drops is harmless.
  const incidents = useMemo(() => (gpu && points ? gpu.sync(points) : null), [gpu, points, props.pointsVersion])

  // The heat map re-sums every incident whenever its data or range change, even while hidden (zoomed
  // in, or switched off): hidden, it keeps what it last drew and catches up when it shows again.
  const heatShown = visible['incident-heat'] && zoom < POINTS_ZOOM
  const heat = useHeatInput(heatShown, incidents, props.heatFilterRange)

  const cameras = useMemo(() => (props.cameras ? cameraAttributes(props.cameras) : null), [props.cameras])
  const origin = useMemo<[number, number]>(() => (points ? points.origin : [0, 0]), [points])
  const layers = useMemo(
    () =>
      bareBaseline ? (incidents ? [createBareIncidentsLayer(incidents, origin)] : []) : wallLayers({
        grids: county.grids,
        areas: county.areas,
        posts: county.posts,
        gridFills: props.gridFills,
        selectedGridId: props.selectedGridId,
        cameras,
        sectors,
        incidents,
        heat,
        origin,
        filterRange: props.filterRange,
        pulses: props.pulses.current.filter((p) => now - p.startedAt < PULSE_MS),
        focus: props.focus,
        now,
        zoom,
        visible,
        scale,
      }),
    [county, props.gridFills, props.selectedGridId, cameras, sectors, incidents, heat, origin, props.filterRange, props.pulses, props.focus, now, zoom, visible, scale],
  )
  useDeckLayers(handle, layers)

  // Tell the draw clock what the incident layers were just given (runs after the layers were set).
  useEffect(() => {
    drawsIncidents.current = incidents !== null && (heatShown || (visible['incident-points'] && zoom >= POINTS_ZOOM))
    if (incidents) drawClock.dataGiven(incidents.generation, incidents.length)
  }, [incidents, heatShown, visible, zoom, drawClock])

  useEffect(() => {
    if (handle && props.flyTo) handle.map.flyTo({ center: props.flyTo.center, zoom: Math.max(handle.map.getZoom(), FOV_ZOOM + 1), duration: 1500 })
  }, [handle, props.flyTo])

  useTour(handle?.map ?? null, county.areas, county.basemap.bounds, props.tour)

  useEffect(() => {
    exposeMapForInspection(handle, () => {
      const p = latest.current.points
      return {
        ...latest.current.inspection(),
        incidentWindow: () => (p ? { from: new Date(p.windowStart).toISOString() } : null),
        incidentCountOnMap: (id: number) => (p ? countOf(p.ids, p.length, id) : 0),
        firstDrawnAt: (id: number) => latest.current.drawClock.firstDrawnAt(id, p ? { generation: p.generation, has: p.has(id) } : null),
        cameraColor: (id: number) => cameraColorOnMap(handle, latest.current.cameras, id),
      }
    })
    return () => exposeMapForInspection(null, () => ({}) as WallInspection)
  }, [handle])

  return <div ref={containerRef} className="map" data-testid="map" />
})

/**
 * Live appends reach the heat map at most this often. Every change re-sums the whole window (over a
 * second for a million points in software GL), while the pulse and point layers show each new
 * incident at once; a new window, a capacity change or a new time range go through immediately.
 */
const HEAT_APPEND_MS = 3000

/**
 * The heat map's input: frozen while it is not shown (the same objects, so deck.gl sees no change),
 * and refreshed for live appends at most every HEAT_APPEND_MS.
 */
function useHeatInput(shown: boolean, data: IncidentLayerData | null, filterRange: MinuteRange) {
  const held = useRef({ data, filterRange, at: 0 })
  const [, refresh] = useState(0)
  const current = held.current
  const differs = current.data !== data || current.filterRange !== filterRange
  // New buffers (a new window, or the columns doubled) go through even while hidden: the old ones are retired.
  const newBuffers = current.data !== null && data !== null && current.data.attributes !== data.attributes
  if (differs && (shown || current.data === null || newBuffers)) {
    const onlyAppended = current.data !== null && data !== null && current.data.attributes === data.attributes && current.data.generation === data.generation && current.filterRange === filterRange
    const now = performance.now()
    if (!onlyAppended || now - current.at >= HEAT_APPEND_MS) held.current = { data, filterRange, at: now }
  }
  const pending = shown && held.current.data !== data
  useEffect(() => {
    if (!pending) return
    const timer = window.setTimeout(() => refresh((n) => n + 1), Math.max(0, HEAT_APPEND_MS - (performance.now() - held.current.at)))
    return () => window.clearTimeout(timer)
  }, [pending, data])
  return held.current
}

/** Field-of-view sectors of the cameras on screen (and a margin), rebuilt when the map stops moving. */
function useCameraSectors(map: MaplibreMap | null, cams: CameraColumns | null) {
  const [sectors, setSectors] = useState<SectorData>(emptySectors)
  useEffect(() => {
    if (!map || !cams) return
    const update = () => {
      if (map.getZoom() < FOV_ZOOM) return setSectors((s) => (s.length === 0 ? s : emptySectors()))
      const b = map.getBounds()
      const padX = (b.getEast() - b.getWest()) * 0.2
      const padY = (b.getNorth() - b.getSouth()) * 0.2
      setSectors(cameraSectors(cams, [b.getWest() - padX, b.getSouth() - padY, b.getEast() + padX, b.getNorth() + padY], cameraStatusColors))
    }
    update()
    map.on('moveend', update)
    return () => void map.off('moveend', update)
  }, [map, cams])
  return sectors
}

/** performance.now(), advanced about 30 times a second while some incident is pulsing, idle otherwise. */
function usePulseClock(pulses: MutableRefObject<Pulse[]>, version: number) {
  const [now, setNow] = useState(() => performance.now())
  useEffect(() => {
    let frame = 0
    let last = 0
    const tick = (at: number) => {
      const active = pulses.current.some((p) => at - p.startedAt < PULSE_MS)
      if (at - last > 33 || !active) {
        last = at
        setNow(at)
      }
      if (active) frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [pulses, version])
  return now
}

/** The fill colour the cameras layer was given for a camera (its row in the columns), as drawn. */
function cameraColorOnMap(handle: ReturnType<typeof useDeckMap>['handle'], cams: CameraColumns | null, id: number): [number, number, number] | null {
  if (!handle || !cams) return null
  const row = Array.prototype.indexOf.call(cams.id, id) as number
  const deck = (handle.overlay as unknown as { _deck?: { props: { layers: { id: string; props: { data?: unknown } }[] } } })._deck
  const data = deck?.props.layers.find((l) => l.id === 'cameras')?.props.data as ReturnType<typeof cameraAttributes> | undefined
  if (row < 0 || !data) return null
  const c = data.attributes.getFillColor.value
  return [c[4 * row]!, c[4 * row + 1]!, c[4 * row + 2]!]
}

function countOf(ids: Int32Array, length: number, id: number) {
  let n = 0
  for (let i = 0; i < length; i++) if (ids[i] === id) n++
  return n
}
