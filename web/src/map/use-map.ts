import { MapLibreOverlay } from '@deck.gl/maplibre'
import type { Layer, PickingInfo } from '@deck.gl/core'
import * as maplibregl from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { basemapStyle } from './basemap-style'
import './maplibre-worker'

export interface MapHandle {
  map: maplibregl.Map
  overlay: MapLibreOverlay
}

/**
 * Creates the maplibre map with an interleaved deck.gl overlay once, on a container element.
 * Layers are passed in and swapped with `setProps`, never by re-creating the map.
 */
export function useDeckMap(options: { bounds: [number, number, number, number] | null; maxZoom: number; layers: Layer[]; onClick?: (info: PickingInfo) => void }) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [handle, setHandle] = useState<MapHandle | null>(null)
  const onClickRef = useRef(options.onClick)
  onClickRef.current = options.onClick

  useEffect(() => {
    if (!containerRef.current || !options.bounds) return
    const map = new maplibregl.Map({
      container: containerRef.current,
      style: basemapStyle(window.location.origin, options.maxZoom),
      bounds: options.bounds,
      fitBoundsOptions: { padding: 40 },
      attributionControl: false,
      maxZoom: 19,
      // The view is kept in the URL (#zoom/lat/lng) so a position can be shared or bookmarked.
      hash: true,
    })
    map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'bottom-right')
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left')
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [], onClick: (info) => onClickRef.current?.(info) })
    map.addControl(overlay)
    setHandle({ map, overlay })
    return () => {
      setHandle(null)
      map.remove()
    }
  }, [options.bounds, options.maxZoom])

  useEffect(() => {
    handle?.overlay.setProps({ layers: options.layers })
  }, [handle, options.layers])

  return { containerRef, handle }
}
