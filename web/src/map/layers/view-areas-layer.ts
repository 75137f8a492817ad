import type { ViewAreaFeatures } from '@gridwatch/server/contracts'
import { GeoJsonLayer } from '@deck.gl/layers'
import { cameraStatusCode, type CameraStatus } from '../camera-status'
import { cameraStatusColors } from './cameras-layer'

type ViewAreaFeature = ViewAreaFeatures['features'][number]

export interface ViewAreasLayerOptions {
  /** Live statuses by camera id (`camera.status` events), over the status the features came with. */
  liveStatus: ReadonlyMap<number, { status: CameraStatus }>
  visible: boolean
}

const colorOf = (status: CameraStatus, alpha: number): [number, number, number, number] => {
  const c = cameraStatusColors[cameraStatusCode(status)] ?? cameraStatusColors[1]!
  return [c[0], c[1], c[2], alpha]
}

/**
 * What each camera actually sees (its sector minus what buildings hide), from the server for the
 * viewport: translucent fills in the camera's status colour, so overlaps read as stronger coverage.
 */
export function createViewAreasLayer(data: ViewAreaFeatures, options: ViewAreasLayerOptions) {
  const { liveStatus } = options
  const status = (f: ViewAreaFeature) => liveStatus.get(f.properties.cameraId)?.status ?? f.properties.status
  return new GeoJsonLayer<ViewAreaFeature['properties']>({
    id: 'view-areas',
    data: data as never,
    filled: true,
    stroked: true,
    getFillColor: (f) => colorOf(status(f as ViewAreaFeature), 60),
    getLineColor: (f) => colorOf(status(f as ViewAreaFeature), 170),
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getFillColor: liveStatus, getLineColor: liveStatus },
    visible: options.visible,
  })
}
