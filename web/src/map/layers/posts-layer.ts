import type { MapPostProperties } from '@gridwatch/server/contracts'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, Point } from 'geojson'

export type PostProperties = MapPostProperties
export type PostFeature = Feature<Point, PostProperties>

export const postColors: Record<PostProperties['kind'], [number, number, number]> = {
  station: [255, 90, 90],
  room: [255, 170, 60],
  self_service_24h: [80, 230, 200],
}

/** Police posts: big, ringed dots that stay visible over the camera layer. Radius in pixels. */
export function createPostsLayer(data: FeatureCollection<Point, PostProperties>, options: { visible: boolean; scale: number }) {
  const { scale } = options
  return new ScatterplotLayer<PostFeature>({
    id: 'posts',
    data: data.features as PostFeature[],
    pickable: true,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getFillColor: (f) => postColors[f.properties.kind],
    getLineColor: [255, 255, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2 * scale,
    radiusUnits: 'pixels',
    getRadius: (f) => (f.properties.kind === 'station' ? 9 : 7) * scale,
    updateTriggers: { getRadius: scale },
    visible: options.visible,
  })
}
