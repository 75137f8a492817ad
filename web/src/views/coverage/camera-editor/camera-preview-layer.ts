import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { Feature, Polygon } from 'geojson'
import { handlePosition, sectorPolygon, seesAllRound, type SectorSpec } from './camera-sector'

/** A marker of the preview: the camera being placed, the end of its line of sight (drag to aim), a chosen camera. */
export interface PreviewPoint {
  kind: 'camera' | 'handle' | 'chosen'
  position: [number, number]
}

export interface CameraPreview {
  /** The nominal sector of the camera in the form, or null (no form, or a number not readable). */
  sector: Feature<Polygon> | null
  points: PreviewPoint[]
}

const AMBER: [number, number, number] = [255, 196, 60]

/**
 * What the map shows of the camera tool: the open form's sector with its camera and bearing handle,
 * or a ring round the camera chosen. Pure: the same inputs give the same picture.
 */
export function cameraPreviewOf(sector: SectorSpec | null, chosen: { lon: number; lat: number } | null): CameraPreview {
  if (sector) {
    const points: PreviewPoint[] = [{ kind: 'camera', position: [sector.lon, sector.lat] }]
    if (!seesAllRound(sector)) points.push({ kind: 'handle', position: handlePosition(sector) })
    return { sector: sectorPolygon(sector), points }
  }
  return { sector: null, points: chosen ? [{ kind: 'chosen', position: [chosen.lon, chosen.lat] }] : [] }
}

const radius: Record<PreviewPoint['kind'], number> = { camera: 7, handle: 9, chosen: 14 }

/** The preview's two layers (stable ids): a translucent amber sector, and its markers on top. */
export function createCameraPreviewLayers(preview: CameraPreview, options: { scale: number }) {
  const { scale } = options
  return [
    new GeoJsonLayer({
      id: 'camera-preview-sector',
      data: preview.sector ? [preview.sector] : [],
      filled: true,
      stroked: true,
      getFillColor: [...AMBER, 70],
      getLineColor: [...AMBER, 235],
      lineWidthUnits: 'pixels',
      getLineWidth: 2 * scale,
    }),
    new ScatterplotLayer<PreviewPoint>({
      id: 'camera-preview-points',
      data: preview.points,
      getPosition: (p) => p.position,
      radiusUnits: 'pixels',
      getRadius: (p) => radius[p.kind] * scale,
      stroked: true,
      filled: true,
      getFillColor: (p) => (p.kind === 'handle' ? [255, 255, 255, 255] : p.kind === 'camera' ? [...AMBER, 255] : [0, 0, 0, 0]),
      getLineColor: (p) => (p.kind === 'chosen' ? [255, 255, 255, 255] : [20, 30, 50, 255]),
      lineWidthUnits: 'pixels',
      getLineWidth: (p) => (p.kind === 'chosen' ? 3 : 2) * scale,
      updateTriggers: { getRadius: scale, getLineWidth: scale },
    }),
  ]
}
