import type { PickingInfo } from '@deck.gl/core'
import type { MapMouseEvent, Map as MaplibreMap } from 'maplibre-gl'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { Bounds } from '../../map/camera-sectors'
import type { Rgba } from '../../map/choropleth'
import { exposeMapForInspection, type CoverageInspection } from '../../map/debug-hook'
import { cameraAttributes, type CameraColumns } from '../../map/layers/cameras-layer'
import { useDeckLayers, useDeckMap, type MapHandle } from '../../map/use-map'
import { useBearingDrag, type BearingHandle } from './camera-editor/use-bearing-drag'
import { coverageLayers, VIEW_AREA_ZOOM, type CoverageLayerInput } from './coverage-layers'
import type { CoverageBase } from './use-coverage-base'
import { useZoom } from '../../map/use-zoom'

/** What a click on the map chose. */
export type MapPick =
  | { kind: 'grid'; id: number }
  | { kind: 'site'; id: number }
  | { kind: 'blind-spot'; index: number }
  | { kind: 'suggestion'; rank: number }
  | { kind: 'point'; lon: number; lat: number }
  | { kind: 'camera'; id: number }
  | { kind: 'place'; lon: number; lat: number }
  | { kind: 'nothing' }

/** What a click on the map does: pick what is there, ask who sees the point, or place a camera. */
export type ClickMode = 'pick' | 'point' | 'place'

export interface CoverageMapProps {
  base: CoverageBase
  /** The cameras with their live statuses. */
  cameras: CameraColumns
  layers: Omit<CoverageLayerInput, 'grids' | 'areas' | 'posts' | 'cameras' | 'zoom' | 'scale'>
  clickMode: ClickMode
  /** The bearing handle of the camera in the form (dragged to aim it), or null. */
  bearingHandle: BearingHandle | null
  onBearing: (deg: number) => void
  onPick: (pick: MapPick) => void
  /** The viewport (padded) once the map stops at a zoom where view areas are drawn, else null. */
  onViewport: (bounds: Bounds | null) => void
  /**
   * Fly here when the key changes (a site, a grid, a blind spot or a suggestion chosen in a list). With
   * `bounds`, the box is fitted instead, at a zoom between `zoom` (so view areas show) and 17.
   */
  flyTo: { center: [number, number]; zoom: number; key: string; bounds?: Bounds } | null
  inspection: () => CoverageInspection
}

const VIEWPORT_DEBOUNCE_MS = 250

/** The coverage map: basemap, coverage layers, picking, and the viewport the view areas are loaded for. */
export const CoverageMap = memo(function CoverageMap(props: CoverageMapProps) {
  const { base } = props
  const latest = useRef(props)
  latest.current = props
  const { containerRef, handle } = useDeckMap({ bounds: base.basemap.bounds, maxZoom: base.basemap.maxZoom })
  const map = handle?.map ?? null
  useMapClicks(handle, (e) => latest.current.onPick(pickAt(handle!, e, latest.current.clickMode, latest.current.cameras)))
  const zoom = useZoom(map)
  useViewport(map, (b) => latest.current.onViewport(b))
  useBearingDrag(map, props.bearingHandle, (deg) => latest.current.onBearing(deg))

  const cameras = useMemo(() => cameraAttributes(props.cameras), [props.cameras])
  // Close in, the view areas and blind spots carry the story: the grid colours fade to a tint.
  const closeIn = zoom >= VIEW_AREA_ZOOM
  const gridFills = useMemo(() => (closeIn ? tinted(props.layers.gridFills) : props.layers.gridFills), [props.layers.gridFills, closeIn])
  const layers = useMemo(
    () => coverageLayers({ ...props.layers, gridFills, grids: base.grids, areas: base.areas, posts: base.posts, cameras, zoom, scale: 1 }),
    [props.layers, gridFills, base, cameras, zoom],
  )
  useDeckLayers(handle, layers)

  useEffect(() => {
    if (!map || !props.flyTo) return
    // On a phone the bottom sheet covers the lower half of the map: centre what was chosen above it.
    const sheet = document.querySelector('.sheet-open .coverage-panel')
    const covered = sheet && window.innerWidth <= 900 ? sheet.getBoundingClientRect().height : 0
    const padding = { top: 20, left: 20, right: 20, bottom: covered + 20 }
    const { center, zoom, bounds } = props.flyTo
    const fitted = bounds ? map.cameraForBounds(bounds, { padding }) : undefined
    map.flyTo({ center: fitted?.center ?? center, zoom: fitted?.zoom === undefined ? zoom : Math.min(17, Math.max(zoom, fitted.zoom)), duration: 1200, padding })
  }, [map, props.flyTo?.key])

  useEffect(() => {
    if (!map) return
    // Kept on the canvas too, for the bearing drag to restore after its grab cursor.
    const cursor = props.clickMode === 'pick' ? '' : 'crosshair'
    map.getCanvas().dataset.cursor = cursor
    map.getCanvas().style.cursor = cursor
  }, [map, props.clickMode])

  useEffect(() => {
    exposeMapForInspection(handle, () => ({ coverage: latest.current.inspection() }))
    return () => exposeMapForInspection(null, () => ({}))
  }, [handle])

  return <div ref={containerRef} className="map" data-testid="map" />
})

const tinted = (fills: ReadonlyMap<number, Rgba>) => new Map([...fills].map(([id, c]) => [id, [c[0], c[1], c[2], Math.min(c[3], 70)] as Rgba]))

/**
 * Clicks (and taps) as maplibre reports them, picked at once. Not deck.gl's own click: it comes from a
 * tap recogniser that drops a click whose press outlasts its time limit, which a slow first pick (new
 * layers' picking shaders) can make it do.
 */
function useMapClicks(handle: MapHandle | null, onClick: (e: MapMouseEvent) => void) {
  const latest = useRef(onClick)
  latest.current = onClick
  useEffect(() => {
    if (!handle) return
    const click = (e: MapMouseEvent) => latest.current(e)
    handle.map.on('click', click)
    return () => void handle.map.off('click', click)
  }, [handle])
}

function pickAt(handle: MapHandle, e: MapMouseEvent, mode: ClickMode, cameras: CameraColumns): MapPick {
  if (mode === 'point') return { kind: 'point', lon: e.lngLat.lng, lat: e.lngLat.lat }
  if (mode === 'place') return { kind: 'place', lon: e.lngLat.lng, lat: e.lngLat.lat }
  const info = handle.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 2 })
  return info ? pickOf(info, cameras) : { kind: 'nothing' }
}

function pickOf(info: PickingInfo, cameras: CameraColumns): MapPick {
  const layer = info.layer?.id
  const props = (info.object as { properties?: Record<string, unknown> } | undefined)?.properties
  // The cameras layer is binary: the index is the row of the camera columns.
  if (layer === 'cameras' && info.index >= 0 && info.index < cameras.length) return { kind: 'camera', id: cameras.id[info.index]! }
  if (layer === 'key-sites' && props) return { kind: 'site', id: props.id as number }
  if (layer === 'blind-spots' && info.index >= 0) return { kind: 'blind-spot', index: info.index }
  if (layer === 'suggestions' && props) return { kind: 'suggestion', rank: props.rank as number }
  if (layer === 'grids' && props) return { kind: 'grid', id: props.id as number }
  return { kind: 'nothing' }
}


/** Reports the padded viewport a moment after the map stops (null below VIEW_AREA_ZOOM). */
function useViewport(map: MaplibreMap | null, report: (b: Bounds | null) => void) {
  const callback = useRef(report)
  callback.current = report
  useEffect(() => {
    if (!map) return
    let timer: number | undefined
    const update = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => {
        if (map.getZoom() < VIEW_AREA_ZOOM) return callback.current(null)
        const b = map.getBounds()
        const padX = (b.getEast() - b.getWest()) * 0.1
        const padY = (b.getNorth() - b.getSouth()) * 0.1
        callback.current([b.getWest() - padX, b.getSouth() - padY, b.getEast() + padX, b.getNorth() + padY])
      }, VIEWPORT_DEBOUNCE_MS)
    }
    update()
    map.on('moveend', update)
    return () => {
      window.clearTimeout(timer)
      map.off('moveend', update)
    }
  }, [map])
}
