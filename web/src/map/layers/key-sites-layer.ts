import type { KeySiteCoverage } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'

type KeySiteFeature = KeySiteCoverage['features'][number]
export type KeySiteStatus = KeySiteFeature['properties']['status']

/** covered green, partial amber, none red: the same colours in the list and the legend. */
export const keySiteColors: Record<KeySiteStatus, [number, number, number]> = {
  covered: [47, 191, 113],
  partial: [255, 190, 60],
  none: [255, 77, 94],
}

/**
 * Key sites (schools, hospitals, markets …) by coverage status: footprints filled and outlined, sites
 * without a footprint as ringed dots. Only the sites of the kinds chosen are given; the selected one is
 * outlined in white.
 */
export function createKeySitesLayer(features: readonly KeySiteFeature[], options: { selectedId: number | null; visible: boolean; scale: number }) {
  const { selectedId, scale } = options
  return new GeoJsonLayer<KeySiteFeature['properties']>({
    id: 'key-sites',
    data: features as never,
    pickable: true,
    filled: true,
    stroked: true,
    pointType: 'circle',
    pointRadiusUnits: 'pixels',
    getPointRadius: (f) => (f.properties.id === selectedId ? 11 : 7) * scale,
    getFillColor: (f) => [...keySiteColors[f.properties.status], f.geometry.type === 'Point' ? 240 : 130] as [number, number, number, number],
    getLineColor: (f) => (f.properties.id === selectedId ? [255, 255, 255, 255] : [...keySiteColors[f.properties.status], 255]) as [number, number, number, number],
    lineWidthUnits: 'pixels',
    getLineWidth: (f) => (f.properties.id === selectedId ? 4 : 2) * scale,
    updateTriggers: { getPointRadius: [selectedId, scale], getLineColor: selectedId, getLineWidth: [selectedId, scale] },
    visible: options.visible,
  })
}
