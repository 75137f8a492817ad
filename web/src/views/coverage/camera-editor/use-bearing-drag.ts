import type { Map as MaplibreMap, MapMouseEvent, MapTouchEvent } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { bearingToward } from './camera-sector'

/** How near (pixels) a press must be to the handle to grab it: a fingertip's width. */
const GRAB_PX = 22

export interface BearingHandle {
  camera: [number, number]
  handle: [number, number]
}

/**
 * Dragging the bearing handle on the map (mouse or finger) re-aims the camera in the form. A press on
 * the handle keeps the map from panning (maplibre's preventDefault on the press); elsewhere the map
 * pans as usual.
 */
export function useBearingDrag(map: MaplibreMap | null, target: BearingHandle | null, onBearing: (deg: number) => void) {
  const latest = useRef({ target, onBearing })
  latest.current = { target, onBearing }
  useEffect(() => {
    if (!map) return
    let dragging = false
    const near = (point: { x: number; y: number }) => {
      const t = latest.current.target
      if (!t) return false
      const h = map.project(t.handle)
      return Math.hypot(h.x - point.x, h.y - point.y) <= GRAB_PX
    }
    const press = (e: MapMouseEvent | MapTouchEvent) => {
      if (!near(e.point) || ('points' in e && e.points.length > 1)) return
      e.preventDefault()
      dragging = true
      map.getCanvas().style.cursor = 'grabbing'
    }
    const move = (e: MapMouseEvent | MapTouchEvent) => {
      const t = latest.current.target
      if (dragging && t) latest.current.onBearing(bearingToward(t.camera, [e.lngLat.lng, e.lngLat.lat]))
      else if (e.type === 'mousemove') map.getCanvas().style.cursor = near(e.point) ? 'grab' : (map.getCanvas().dataset.cursor ?? '')
    }
    const release = () => {
      if (!dragging) return
      dragging = false
      map.getCanvas().style.cursor = map.getCanvas().dataset.cursor ?? ''
    }
    map.on('mousedown', press)
    map.on('touchstart', press)
    map.on('mousemove', move)
    map.on('touchmove', move)
    map.on('mouseup', release)
    map.on('touchend', release)
    // A release outside the map ends the drag too.
    window.addEventListener('mouseup', release)
    return () => {
      window.removeEventListener('mouseup', release)
      map.off('mousedown', press)
      map.off('touchstart', press)
      map.off('mousemove', move)
      map.off('touchmove', move)
      map.off('mouseup', release)
      map.off('touchend', release)
    }
  }, [map])
}
