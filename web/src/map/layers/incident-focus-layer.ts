import { ScatterplotLayer } from '@deck.gl/layers'

/** A marked place around the selected incident: the incident itself, or one of its nearest posts and cameras. */
export interface FocusMark {
  kind: 'incident' | 'post' | 'camera' | 'camera-sees'
  position: [number, number]
}

const markColors: Record<FocusMark['kind'], [number, number, number]> = {
  incident: [255, 255, 255],
  post: [255, 170, 60],
  camera: [120, 200, 255],
  'camera-sees': [60, 230, 140],
}

/** Rings around the selected incident and its nearest posts and cameras (from /api/incidents/:id/nearby). */
export function createIncidentFocusLayer(marks: readonly FocusMark[], options: { visible: boolean; scale: number }) {
  return new ScatterplotLayer<FocusMark>({
    id: 'incident-focus',
    data: marks,
    getPosition: (m) => m.position,
    radiusUnits: 'pixels',
    getRadius: (m) => (m.kind === 'incident' ? 16 : 11) * options.scale,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (m) => (m.kind === 'incident' ? 4 : 3) * options.scale,
    getLineColor: (m) => markColors[m.kind],
    updateTriggers: { getRadius: options.scale, getLineWidth: options.scale },
    visible: options.visible,
  })
}

export const focusMarkColors = markColors
