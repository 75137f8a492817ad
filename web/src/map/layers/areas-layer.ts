import { GeoJsonLayer } from '@deck.gl/layers'
import { drawBelow } from './draw-below'
import type { AreaCollection, AreaProperties } from '../../api/map-data'

export interface AreasLayerOptions {
  visible: boolean
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
  /** Draw below this basemap layer, so place names stay on top. */
  beforeId?: string
}

/**
 * Township and community outlines over the choropleth: townships bold, communities fine. Names come
 * from the basemap's own labels (drawn above this layer), so no text is rendered twice.
 */
export function createAreasLayer(data: AreaCollection, options: AreasLayerOptions) {
  const { scale } = options
  return new GeoJsonLayer<AreaProperties>({
    id: 'areas',
    data: data as never,
    ...drawBelow(options.beforeId),
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.level === 'township' ? 3 : 1.2) * scale,
    getLineColor: (f) => (f.properties.level === 'township' ? [225, 235, 250, 230] : [170, 190, 220, 150]),
    updateTriggers: { getLineWidth: scale },
    visible: options.visible,
  })
}
