import type { PickingInfo } from '@deck.gl/core'
import type { Map as MaplibreMap } from 'maplibre-gl'
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { Bounds } from '../../map/camera-sectors'
import type { Rgba } from '../../map/choropleth'
import { exposeMapForInspection, type CoverageInspection } from '../../map/debug-hook'
import { cameraAttributes, type CameraColumns } from '../../map/layers/cameras-layer'
import { useDeckLayers, useDeckMap } from '../../map/use-map'
import { coverageLayers, VIEW_AREA_ZOOM, type CoverageLayerInput } from './coverage-layers'
import type { CoverageBase } from './use-coverage-base'

/** What a click on the map chose. */
export type MapPick =
  | { kind: 'grid'; id: number }
  | { kind: 'site'; id: number }
  | { kind: 'blind-spot'; index: number }
  | { kind: 'suggestion'; rank: number }
  | { kind: 'point'; lon: number; lat: number }
  | { kind: 'nothing' }

export interface CoverageMapProps {
  base: CoverageBase
  /** The cameras with their live statuses. */
  cameras: CameraColumns
  layers: Omit<CoverageLayerInput, 'grids' | 'areas' | 'posts' | 'cameras' | 'zoom' | 'scale'>
  /** Clicks pick a point (the "who sees this point" tool) instead of a grid or a site. */
  pointMode: boolean
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
  const { containerRef, handle } = useDeckMap({
    bounds: base.basemap.bounds,
    maxZoom: base.basemap.maxZoom,
    onClick: (info: PickingInfo) => latest.current.onPick(pickOf(info, latest.current.pointMode)),
  })
  const map = handle?.map ?? null
  const zoom = useZoom(map)
  useViewport(map, (b) => latest.current.onViewport(b))

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
    if (map) map.getCanvas().style.cursor = props.pointMode ? 'crosshair' : ''
  }, [map, props.pointMode])

  useEffect(() => {
    exposeMapForInspection(handle, () => ({ coverage: latest.current.inspection() }))
    return () => exposeMapForInspection(null, () => ({}))
  }, [handle])

  return <div ref={containerRef} className="map" data-testid="map" />
})

const tinted = (fills: ReadonlyMap<number, Rgba>) => new Map([...fills].map(([id, c]) => [id, [c[0], c[1], c[2], Math.min(c[3], 70)] as Rgba]))

function pickOf(info: PickingInfo, pointMode: boolean): MapPick {
  const layer = info.layer?.id
  const props = (info.object as { properties?: Record<string, unknown> } | undefined)?.properties
  if (pointMode && info.coordinate) return { kind: 'point', lon: info.coordinate[0]!, lat: info.coordinate[1]! }
  if (layer === 'key-sites' && props) return { kind: 'site', id: props.id as number }
  if (layer === 'blind-spots' && info.index >= 0) return { kind: 'blind-spot', index: info.index }
  if (layer === 'suggestions' && props) return { kind: 'suggestion', rank: props.rank as number }
  if (layer === 'grids' && props) return { kind: 'grid', id: props.id as number }
  return { kind: 'nothing' }
}

/** The map's zoom in quarter steps (a smooth zoom re-renders a few times, not every frame). */
function useZoom(map: MaplibreMap | null) {
  const [zoom, setZoom] = useState(0)
  useEffect(() => {
    if (!map) return
    const update = () => setZoom(Math.round(map.getZoom() * 4) / 4)
    update()
    map.on('zoom', update)
    return () => void map.off('zoom', update)
  }, [map])
  return zoom
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
