import type { MapGridProperties } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'
import { drawBelow } from './draw-below'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { Rgba } from '../choropleth'

export type GridProperties = MapGridProperties
export type GridFeature = Feature<Polygon | MultiPolygon, GridProperties>

export interface GridsLayerOptions {
  /** Fill colour per grid id (the choropleth); grids without one are drawn as "no data". */
  fills: ReadonlyMap<number, Rgba>
  /** Highlighted grid id, or null. */
  selectedId: number | null
  visible: boolean
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
  /** Map zoom: zoomed in, the colours fade so streets and buildings show through. */
  zoom: number
  /** Draw below this basemap layer, so place names stay readable over the colours. */
  beforeId?: string
}

const noFill: Rgba = [70, 80, 96, 60]

/** deck.gl compares update triggers by value, and two Maps look alike to it: trigger on identity. */
const fillVersions = new WeakMap<object, number>()
let nextFillVersion = 0
const versionOf = (fills: object) => fillVersions.get(fills) ?? (fillVersions.set(fills, ++nextFillVersion), nextFillVersion)

/** Grid polygons coloured by a KPI (the choropleth), with their outlines; the selected grid stands out. */
export function createGridsLayer(data: FeatureCollection<Polygon | MultiPolygon, GridProperties>, options: GridsLayerOptions) {
  const { fills, selectedId, scale } = options
  return new GeoJsonLayer<GridProperties>({
    id: 'grids',
    data: data as never,
    ...drawBelow(options.beforeId),
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f) => fills.get(f.properties.id) ?? noFill,
    getLineColor: (f) => (f.properties.id === selectedId ? [255, 225, 90, 255] : [150, 200, 255, 110]),
    getLineWidth: (f) => (f.properties.id === selectedId ? 4 : 1) * scale,
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: versionOf(fills), getLineColor: selectedId, getLineWidth: [selectedId, scale] },
    opacity: options.zoom < 12 ? 1 : options.zoom < 14.5 ? 0.6 : 0.3,
    visible: options.visible,
  })
}
