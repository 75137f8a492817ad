import type { Layer, PickingInfo } from '@deck.gl/core'
import { MapLibreOverlay } from '@deck.gl/maplibre'
import type { Device } from '@luma.gl/core'
import * as maplibregl from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { basemapStyle } from './basemap-style'
import './maplibre-worker'

export interface MapHandle {
  map: maplibregl.Map
  overlay: MapLibreOverlay
}

export interface DeckMapOptions {
  bounds: [number, number, number, number] | null
  maxZoom: number
  onClick?: (info: PickingInfo) => void
  /** Called after every frame deck.gl draws (latency measurements). */
  onAfterRender?: () => void
  /** Screen-size factor for basemap text and lines (2 on a 3840-pixel wall). */
  scale?: number
}

/**
 * Creates the maplibre map with an interleaved deck.gl overlay once, on a container element (layers
 * go in with useDeckLayers). The GPU device (shared with maplibre) is handed out once deck.gl has it,
 * for buffers that several layers share.
 */
export function useDeckMap(options: DeckMapOptions) {
  const containerRef = useRef<HTMLDivElement>(null)
  const [handle, setHandle] = useState<MapHandle | null>(null)
  const [device, setDevice] = useState<Device | null>(null)
  const callbacks = useRef(options)
  callbacks.current = options
  const scale = options.scale ?? 1

  useEffect(() => {
    if (!containerRef.current || !options.bounds) return
    const map = new maplibregl.Map({
      container: containerRef.current,
      style: basemapStyle(window.location.origin, options.maxZoom, scale),
      bounds: options.bounds,
      fitBoundsOptions: { padding: 40 },
      attributionControl: false,
      maxZoom: 19,
      // The view is kept in the URL (#zoom/lat/lng) so a position can be shared or bookmarked.
      hash: true,
    })
    map.addControl(new maplibregl.NavigationControl({ showCompass: true }), 'bottom-right')
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 100 * scale }), 'bottom-left')
    const overlay = new MapLibreOverlay({
      interleaved: true,
      layers: [],
      onAfterRender: () => callbacks.current.onAfterRender?.(),
      onDeviceInitialized: (d) => setDevice(d),
    })
    map.addControl(overlay)
    // Clicks are picked on maplibre's click, not by deck.gl's own tap recognizer: interleaved, that one
    // sees the pointer go down but now and then never reports the click (a first click after loading,
    // a click while the GPU is busy), while maplibre's click always arrives.
    map.on('click', (e) => {
      // Maps that handle their own clicks (the planner's editor, coverage) pay for no picking pass.
      if (!callbacks.current.onClick) return
      const { x, y } = e.point
      const coordinate = [e.lngLat.lng, e.lngLat.lat]
      const picked = overlay.pickObject({ x, y })
      callbacks.current.onClick?.(picked ? { ...picked, coordinate } : ({ x, y, coordinate, pixel: [x, y], index: -1, picked: false, layer: null, viewport: undefined, object: undefined } as PickingInfo))
    })
    setHandle({ map, overlay })
    return () => {
      setHandle(null)
      setDevice(null)
      map.remove()
    }
  }, [options.bounds, options.maxZoom, scale])

  return { containerRef, handle, device }
}

/** Hands the layers to deck.gl, which diffs them by id: swapped with `setProps`, never re-created. */
export function useDeckLayers(handle: MapHandle | null, layers: Layer[]) {
  const latest = useRef(layers)
  latest.current = layers
  useEffect(() => {
    handle?.overlay.setProps({ layers })
  }, [handle, layers])
  // Interleaved layers take their place in maplibre's stack (below their `beforeId`) only when they
  // are set on a loaded style; until then deck.gl draws them over everything, place names included.
  // So set them once more when the map first settles.
  useEffect(() => {
    if (!handle) return
    const { map, overlay } = handle
    const place = () => {
      if (!map.isStyleLoaded()) return
      map.off('idle', place)
      overlay.setProps({ layers: latest.current })
    }
    map.on('idle', place)
    return () => void map.off('idle', place)
  }, [handle])
}
