import type { CameraSuggestions } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'

type Site = CameraSuggestions['sites'][number]
export const suggestionColor: [number, number, number] = [80, 200, 255]

/** The suggested cameras' view areas as features (rank in the properties). */
export function suggestionFeatures(s: CameraSuggestions): FeatureCollection<MultiPolygon, { rank: number }> {
  return { type: 'FeatureCollection', features: s.sites.map((site: Site): Feature<MultiPolygon, { rank: number }> => ({ type: 'Feature', geometry: site.viewArea, properties: { rank: site.rank } })) }
}

/** Where the next cameras would go: their view areas in a colour of their own; the chosen one brighter. */
export function createSuggestionsLayer(data: FeatureCollection<MultiPolygon, { rank: number }>, options: { highlighted: number | null; visible: boolean; scale: number }) {
  const { highlighted, scale } = options
  return new GeoJsonLayer<{ rank: number }>({
    id: 'suggestions',
    data: data as never,
    pickable: true,
    filled: true,
    stroked: true,
    getFillColor: (f) => [...suggestionColor, f.properties.rank === highlighted ? 150 : 80] as [number, number, number, number],
    getLineColor: [...suggestionColor, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.rank === highlighted ? 4 : 2) * scale,
    updateTriggers: { getFillColor: highlighted, getLineWidth: [highlighted, scale] },
    visible: options.visible,
  })
}
