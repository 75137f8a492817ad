import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core'
import type { DataFilterExtensionProps } from '@deck.gl/extensions'
import { appendedRows, type IncidentLayerData } from '../incident-gpu-columns'
import { timeFilterExtensions, type MinuteRange } from './time-filter'

/** Cool to hot, transparent at the low end so the grids stay readable under light activity. */
export const heatColors: [number, number, number, number][] = [
  [40, 90, 200, 0],
  [60, 150, 230, 120],
  [120, 210, 160, 170],
  [250, 220, 80, 200],
  [250, 140, 50, 225],
  [235, 50, 50, 245],
]

/**
 * deck.gl's HeatmapLayer sums the weights in an off-screen pass that DataFilterExtension does not
 * reach (the extension sets its uniforms when a layer draws, and a composite layer never draws), and
 * it passes the extension on to its colour quad, which has no time values (so a time range would hide
 * the whole heat map). This layer gives the filter to the weights pass and keeps it off the quad.
 */
class TimeFilteredHeatmapLayer extends HeatmapLayer<unknown, DataFilterExtensionProps> {
  static override layerName = 'TimeFilteredHeatmapLayer'

  override _updateWeightmap() {
    const { extensions, filterEnabled, filterRange, filterSoftRange, filterTransformSize, filterTransformColor, filterCategories } = this.props
    this.state.weightsTransform?.model.shaderInputs.setProps({
      dataFilter: { extensions, filterEnabled, filterRange, filterSoftRange, filterTransformSize, filterTransformColor, filterCategories },
    })
    super._updateWeightmap()
  }

  override renderLayers() {
    return (super.renderLayers() as Layer).clone({ extensions: [] })
  }
}

export interface IncidentHeatOptions {
  /** Where the float32 position offsets start from, [lon, lat]. */
  origin: [number, number]
  /** Report times drawn, minutes after the window start. */
  filterRange: MinuteRange
  visible: boolean
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
}

/**
 * Incident density when zoomed out: a GPU heat map over the shared incident buffers, filtered by time
 * on the GPU. Every incident weighs 1.
 */
export function createIncidentHeatLayer(data: IncidentLayerData, options: IncidentHeatOptions) {
  return new TimeFilteredHeatmapLayer({
    id: 'incident-heat',
    data: data as never,
    _dataDiff: appendedRows as never,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [options.origin[0], options.origin[1], 0],
    getWeight: 1,
    radiusPixels: 28 * options.scale,
    intensity: 1.2,
    threshold: 0.04,
    colorRange: heatColors,
    extensions: timeFilterExtensions,
    filterRange: options.filterRange,
    visible: options.visible,
  })
}
