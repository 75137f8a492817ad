import type { BlindSpotFeatures } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'

type BlindSpotFeature = BlindSpotFeatures['features'][number]

/** A colour no other coverage layer uses, strong against the dark basemap and the choropleth. */
export const blindSpotColor: [number, number, number] = [255, 60, 210]
const highlightColor: [number, number, number] = [255, 240, 80]

/**
 * Road stretches no camera sees (blind spots) as thick lines; the one chosen in the list is yellow.
 * Index = the feature's place in the server's answer (longest first).
 */
export function createBlindSpotsLayer(data: BlindSpotFeatures, options: { highlighted: number | null; visible: boolean; scale: number }) {
  const { highlighted, scale } = options
  const features = data.features
  return new GeoJsonLayer<BlindSpotFeature['properties']>({
    id: 'blind-spots',
    data: data as never,
    pickable: true,
    stroked: true,
    lineWidthUnits: 'pixels',
    lineCapRounded: true,
    lineJointRounded: true,
    getLineWidth: (f) => (highlighted !== null && features[highlighted] === f ? 9 : 5) * scale,
    getLineColor: (f) => (highlighted !== null && features[highlighted] === f ? [...highlightColor, 255] : [...blindSpotColor, 235]) as [number, number, number, number],
    updateTriggers: { getLineWidth: [highlighted, scale], getLineColor: highlighted },
    visible: options.visible,
  })
}
