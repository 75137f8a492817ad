import { COORDINATE_SYSTEM } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import { appendedRows, type IncidentLayerData } from '../incident-gpu-columns'
import { timeFilterExtensions, type MinuteRange } from './time-filter'

export interface IncidentPointsOptions {
  /** Where the float32 position offsets start from, [lon, lat]. */
  origin: [number, number]
  /** Report times drawn, minutes after the window start. */
  filterRange: MinuteRange
  visible: boolean
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
}

/**
 * Single incidents when zoomed in, coloured by category, over the same GPU buffers as the heat map.
 * Pickable: the picked index is the row in IncidentPoints, whose `ids` name the incident.
 */
export function createIncidentPointsLayer(data: IncidentLayerData, options: IncidentPointsOptions) {
  return new ScatterplotLayer({
    id: 'incident-points',
    data: data as never,
    _dataDiff: appendedRows as never,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [options.origin[0], options.origin[1], 0],
    pickable: true,
    radiusUnits: 'meters',
    getRadius: 14,
    radiusMinPixels: 3.5 * options.scale,
    radiusMaxPixels: 12 * options.scale,
    stroked: true,
    getLineColor: [10, 17, 29, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: options.scale,
    extensions: timeFilterExtensions,
    filterRange: options.filterRange,
    visible: options.visible,
  })
}
