import type { BlindSpotFeatures, CamerasAtPoint, CameraSuggestions, KeySiteCoverage, PostReach, ViewAreaFeatures } from '@gridwatch/server/contracts'
import type { Layer } from '@deck.gl/core'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import type { AreaCollection, GridCollection, PostCollection } from '../../api/map-data'
import type { CameraStatus } from '../../map/camera-status'
import type { Rgba } from '../../map/choropleth'
import { createAreasLayer } from '../../map/layers/areas-layer'
import { createAtPointRaysLayer, raysOf } from '../../map/layers/at-point-rays-layer'
import { createAtPointRingsLayer, type Ring } from '../../map/layers/at-point-rings-layer'
import { createBlindSpotsLayer } from '../../map/layers/blind-spots-layer'
import { createCamerasLayer, type cameraAttributes } from '../../map/layers/cameras-layer'
import { createGridsLayer } from '../../map/layers/grids-layer'
import { createKeySitesLayer } from '../../map/layers/key-sites-layer'
import { createPostReachLayer } from '../../map/layers/post-reach-layer'
import { createPostsLayer } from '../../map/layers/posts-layer'
import { createSuggestionLabelsLayer } from '../../map/layers/suggestion-labels-layer'
import { createSuggestionsLayer } from '../../map/layers/suggestions-layer'
import { createViewAreasLayer } from '../../map/layers/view-areas-layer'
import { createCameraPreviewLayers, type CameraPreview } from './camera-editor/camera-preview-layer'

/** View areas come from the server for the viewport from this zoom (a county's worth would be far too many). */
export const VIEW_AREA_ZOOM = 14
const BELOW_LABELS = 'labels-township'

export interface CoverageLayerInput {
  grids: GridCollection
  areas: AreaCollection
  posts: PostCollection
  /** Road-seen choropleth by grid id. */
  gridFills: ReadonlyMap<number, Rgba>
  selectedGridId: number | null
  cameras: ReturnType<typeof cameraAttributes> | null
  viewAreas: ViewAreaFeatures | null
  liveStatus: ReadonlyMap<number, { status: CameraStatus }>
  blindSpots: BlindSpotFeatures | null
  highlightedBlindSpot: number | null
  keySites: KeySiteCoverage['features']
  selectedSiteId: number | null
  atPoint: CamerasAtPoint | null
  suggestions: { data: CameraSuggestions; features: FeatureCollection<MultiPolygon, { rank: number }> } | null
  highlightedSuggestion: number | null
  reach: PostReach | null
  /** The camera tool's sector, handle and chosen camera (drawn over everything). */
  cameraPreview: CameraPreview
  zoom: number
  scale: number
}

/**
 * Every deck.gl layer of the coverage view, bottom to top, as a pure function of the data: ids are
 * stable, and a layer without data yet is absent rather than empty.
 */
export function coverageLayers(input: CoverageLayerInput): Layer[] {
  const { scale, zoom } = input
  const rings: Ring[] = input.atPoint
    ? [
        { kind: 'point', position: [input.atPoint.point.lon, input.atPoint.point.lat] },
        ...input.atPoint.seeing.map((c): Ring => ({ kind: 'sees', position: [c.lon, c.lat] })),
        ...input.atPoint.notSeeing.map((c): Ring => ({ kind: 'not-seeing', position: [c.lon, c.lat] })),
      ]
    : []
  const layers: (Layer | null)[] = [
    createGridsLayer(input.grids, { fills: input.gridFills, selectedId: input.selectedGridId, visible: true, scale, zoom, beforeId: BELOW_LABELS }),
    createAreasLayer(input.areas, { visible: true, scale, beforeId: BELOW_LABELS }),
    input.reach && createPostReachLayer(input.reach.posts, { visible: true, scale, beforeId: BELOW_LABELS }),
    input.viewAreas && createViewAreasLayer(input.viewAreas, { liveStatus: input.liveStatus, visible: zoom >= VIEW_AREA_ZOOM }),
    input.blindSpots && createBlindSpotsLayer(input.blindSpots, { highlighted: input.highlightedBlindSpot, visible: true, scale }),
    input.suggestions && createSuggestionsLayer(input.suggestions.features, { highlighted: input.highlightedSuggestion, visible: true, scale }),
    input.cameras && createCamerasLayer(input.cameras, { visible: true, scale }),
    createKeySitesLayer(input.keySites, { selectedId: input.selectedSiteId, visible: true, scale }),
    input.reach && createPostsLayer(input.posts, { visible: true, scale }),
    input.atPoint && createAtPointRaysLayer(raysOf(input.atPoint), { visible: true, scale }),
    input.atPoint && createAtPointRingsLayer(rings, { visible: true, scale }),
    input.suggestions && createSuggestionLabelsLayer(input.suggestions.data.sites, { visible: true, scale }),
    ...(input.cameraPreview.points.length > 0 ? createCameraPreviewLayers(input.cameraPreview, { scale }) : []),
  ]
  return layers.filter((l): l is Layer => l !== null)
}
