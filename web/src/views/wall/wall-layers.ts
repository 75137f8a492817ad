import type { Layer } from '@deck.gl/core'
import type { AreaCollection, GridCollection, PostCollection } from '../../api/map-data'
import type { SectorData } from '../../map/camera-sectors'
import type { Rgba } from '../../map/choropleth'
import type { IncidentLayerData } from '../../map/incident-gpu-columns'
import { createAreasLayer } from '../../map/layers/areas-layer'
import { createCameraFovLayer } from '../../map/layers/camera-fov-layer'
import { createCamerasLayer, type cameraAttributes } from '../../map/layers/cameras-layer'
import { createGridsLayer } from '../../map/layers/grids-layer'
import { createIncidentFocusLayer, type FocusMark } from '../../map/layers/incident-focus-layer'
import { createIncidentHeatLayer } from '../../map/layers/incident-heat-layer'
import { createIncidentPointsLayer } from '../../map/layers/incident-points-layer'
import { createIncidentPulseLayer, type Pulse } from '../../map/layers/incident-pulse-layer'
import { createPostsLayer } from '../../map/layers/posts-layer'
import type { MinuteRange } from '../../map/layers/time-filter'

/** The layers a user can switch on and off (pulses and the selection rings follow the incident layers). */
export const toggleIds = ['grids', 'areas', 'posts', 'cameras', 'camera-fov', 'incident-heat', 'incident-points'] as const
export type ToggleId = (typeof toggleIds)[number]

/** Single incidents replace the heat map from this zoom; camera sectors appear from FOV_ZOOM. */
export const POINTS_ZOOM = 13
export const FOV_ZOOM = 15
/** The basemap layer the area colours and outlines go under, so place names stay on top. */
const BELOW_LABELS = 'labels-township'

export interface WallLayerInput {
  grids: GridCollection
  areas: AreaCollection
  posts: PostCollection
  gridFills: ReadonlyMap<number, Rgba>
  selectedGridId: number | null
  cameras: ReturnType<typeof cameraAttributes> | null
  /** Field-of-view sectors of the cameras on screen (empty when zoomed out). */
  sectors: SectorData
  incidents: IncidentLayerData | null
  /** What the heat map sums: it may lag behind `incidents` (held while hidden, stepped while replaying). */
  heat: { data: IncidentLayerData | null; filterRange: MinuteRange }
  /** Origin of the incident position offsets, [lon, lat]. */
  origin: [number, number]
  filterRange: MinuteRange
  pulses: readonly Pulse[]
  focus: readonly FocusMark[]
  /** performance.now() of this frame (pulse animation). */
  now: number
  zoom: number
  visible: Record<ToggleId, boolean>
  /** Screen-size factor (2 on a 3840-pixel wall). */
  scale: number
}

/**
 * Every deck.gl layer of the wall, bottom to top, as a pure function of the data and the options.
 * Ids are stable, so deck.gl diffs props instead of rebuilding; layers the role has no data for
 * (cameras, incidents) are simply absent.
 */
export function wallLayers(input: WallLayerInput): Layer[] {
  const { visible, zoom, scale } = input
  const incidentsShown = input.incidents !== null
  const layers: (Layer | null)[] = [
    createGridsLayer(input.grids, { fills: input.gridFills, selectedId: input.selectedGridId, visible: visible.grids, scale, zoom, beforeId: BELOW_LABELS }),
    createAreasLayer(input.areas, { visible: visible.areas, scale, beforeId: BELOW_LABELS }),
    input.cameras && createCameraFovLayer(input.sectors, { visible: visible['camera-fov'] && zoom >= FOV_ZOOM }),
    input.cameras && createCamerasLayer(input.cameras, { visible: visible.cameras, scale }),
    input.heat.data && createIncidentHeatLayer(input.heat.data, { origin: input.origin, filterRange: input.heat.filterRange, visible: visible['incident-heat'] && zoom < POINTS_ZOOM, scale }),
    input.incidents && createIncidentPointsLayer(input.incidents, { origin: input.origin, filterRange: input.filterRange, visible: visible['incident-points'] && zoom >= POINTS_ZOOM, scale }),
    createPostsLayer(input.posts, { visible: visible.posts, scale }),
    incidentsShown ? createIncidentFocusLayer(input.focus, { visible: true, scale }) : null,
    incidentsShown ? createIncidentPulseLayer(input.pulses, { now: input.now, visible: visible['incident-heat'] || visible['incident-points'], scale }) : null,
  ]
  return layers.filter((l): l is Layer => l !== null)
}
