import type { PostReach } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'
import { drawBelow } from './draw-below'

type ReachFeature = PostReach['posts']['features'][number]
export const reachColor: [number, number, number] = [90, 150, 255]

/**
 * What each police post reaches by road within the time limit: translucent blue areas (overlaps read
 * darker), outlined; everything outside them is beyond the posts' reach.
 */
export function createPostReachLayer(data: PostReach['posts'], options: { visible: boolean; scale: number; beforeId?: string }) {
  return new GeoJsonLayer<ReachFeature['properties']>({
    id: 'post-reach',
    data: data as never,
    ...drawBelow(options.beforeId),
    pickable: true,
    filled: true,
    stroked: true,
    getFillColor: [...reachColor, 55],
    getLineColor: [...reachColor, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 2 * options.scale,
    updateTriggers: { getLineWidth: options.scale },
    visible: options.visible,
  })
}
