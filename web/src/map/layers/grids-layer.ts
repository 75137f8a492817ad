import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson'

export interface GridProperties {
  id: number
  code: string
  name: string
  kind: 'base' | 'dedicated'
  community: string
  township: string
  population: number
  households: number
}
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>

/** Population density classes (people per grid) → fill colour, for a first reading of the county. */
export const gridFillColor = (f: GridFeature): [number, number, number, number] =>
  f.properties.kind === 'dedicated' ? [200, 120, 255, 70] : [40, 140, 255, Math.min(110, 25 + Math.sqrt(f.properties.population) * 1.6)]

/**
 * Grid polygons with their outlines.
 * @param data grids of the boundary version in force
 * @param selectedId highlighted grid id, or null
 */
export function createGridsLayer(data: FeatureCollection<Polygon | MultiPolygon, GridProperties>, selectedId: number | null) {
  return new GeoJsonLayer<GridProperties>({
    id: 'grids',
    data: data as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f) => (f.properties.id === selectedId ? [255, 200, 60, 120] : gridFillColor(f as GridFeature)),
    getLineColor: (f) => (f.properties.id === selectedId ? [255, 210, 80, 255] : [120, 190, 255, 200]),
    getLineWidth: (f) => (f.properties.id === selectedId ? 3 : 1),
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: selectedId, getLineColor: selectedId, getLineWidth: selectedId },
  })
}
