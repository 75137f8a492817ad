import { SolidPolygonLayer } from '@deck.gl/layers'
import type { SectorData } from '../camera-sectors'

/**
 * Camera fields of view as translucent sectors (zoomed in only: the view computes sectors for the
 * cameras on screen). Binary polygons, already closed and clockwise, so deck.gl skips normalising them.
 */
export function createCameraFovLayer(sectors: SectorData, options: { visible: boolean }) {
  return new SolidPolygonLayer({
    id: 'camera-fov',
    data: sectors as never,
    _normalize: false,
    _windingOrder: 'CW',
    filled: true,
    visible: options.visible,
  })
}
