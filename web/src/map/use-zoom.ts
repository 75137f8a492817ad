import type { Map as MaplibreMap } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'

/**
 * The map's zoom in quarter steps: a smooth zoom re-renders a few times, not every frame. `onZoom`
 * hears each new step too (the wall hands it up to its view).
 */
export function useZoom(map: MaplibreMap | null, onZoom?: (zoom: number) => void) {
  const [zoom, setZoom] = useState(0)
  const callback = useRef(onZoom)
  callback.current = onZoom
  useEffect(() => {
    if (!map) return
    const update = () => {
      const z = Math.round(map.getZoom() * 4) / 4
      setZoom(z)
      callback.current?.(z)
    }
    update()
    map.on('zoom', update)
    return () => void map.off('zoom', update)
  }, [map])
  return zoom
}
