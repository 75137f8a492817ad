import type { PickingInfo } from '@deck.gl/core'
import { memo, useEffect, useMemo, useRef } from 'react'
import type { AreaCollection, BasemapInfo, GridCollection } from '../../api/map-data'
import { exposeMapForInspection } from '../../map/debug-hook'
import { useDeckLayers, useDeckMap } from '../../map/use-map'
import { disputeLayers, type DisputeLayerInput } from './dispute-layers'
import { useZoom } from '../../map/use-zoom'

export interface DisputesBase {
  basemap: BasemapInfo
  grids: GridCollection
  areas: AreaCollection
}

/** What a click on the map chose. */
export type DisputeMapPick = { kind: 'case'; id: number } | { kind: 'grid'; id: number } | { kind: 'point'; lon: number; lat: number } | { kind: 'nothing' }

export interface DisputesMapProps {
  base: DisputesBase
  layers: Omit<DisputeLayerInput, 'grids' | 'areas' | 'zoom'>
  /** Clicks pick the place of a new case instead of a case or a grid. */
  pickMode: boolean
  onPick: (pick: DisputeMapPick) => void
  /** Fly here when the key changes (a case chosen in the list). */
  flyTo: { center: [number, number]; key: string } | null
}

/** The disputes map: our basemap, grids and outlines, open cases by tier; clicks choose a case, a grid or a place. */
export const DisputesMap = memo(function DisputesMap(props: DisputesMapProps) {
  const latest = useRef(props)
  latest.current = props
  const { containerRef, handle } = useDeckMap({
    bounds: props.base.basemap.bounds,
    maxZoom: props.base.basemap.maxZoom,
    onClick: (info: PickingInfo) => latest.current.onPick(pickOf(info, latest.current.pickMode)),
  })
  const map = handle?.map ?? null
  const zoom = useZoom(map)
  const layers = useMemo(() => disputeLayers({ ...props.layers, grids: props.base.grids, areas: props.base.areas, zoom }), [props.layers, props.base, zoom])
  useDeckLayers(handle, layers)

  useEffect(() => {
    if (!map || !props.flyTo) return
    map.flyTo({ center: props.flyTo.center, zoom: Math.max(map.getZoom(), 13), duration: 900 })
  }, [map, props.flyTo?.key])

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = props.pickMode ? 'crosshair' : ''
  }, [map, props.pickMode])

  useEffect(() => {
    exposeMapForInspection(handle, () => ({}))
    return () => exposeMapForInspection(null, () => ({}))
  }, [handle])

  return <div ref={containerRef} className="map" data-testid="map" />
})

function pickOf(info: PickingInfo, pickMode: boolean): DisputeMapPick {
  const layer = info.layer?.id
  const props = (info.object as { properties?: { id?: number } } | undefined)?.properties
  if (pickMode && info.coordinate) return { kind: 'point', lon: info.coordinate[0]!, lat: info.coordinate[1]! }
  if (layer === 'dispute-cases' && info.object) return { kind: 'case', id: (info.object as { id: number }).id }
  if (layer === 'grids' && props?.id !== undefined) return { kind: 'grid', id: props.id }
  return { kind: 'nothing' }
}

