import { ScatterplotLayer } from '@deck.gl/layers'

/** A ring on the map: the point asked about, or a camera that sees it or not. */
export interface Ring {
  kind: 'point' | 'sees' | 'not-seeing'
  position: [number, number]
}

const ringColors: Record<Ring['kind'], [number, number, number]> = {
  point: [255, 255, 255],
  sees: [60, 230, 140],
  'not-seeing': [150, 160, 180],
}

/** Rings around the point asked about (white) and the cameras near it (green: sees it). Radius in pixels. */
export function createAtPointRingsLayer(rings: readonly Ring[], options: { visible: boolean; scale: number }) {
  const { scale } = options
  return new ScatterplotLayer<Ring>({
    id: 'at-point-rings',
    data: rings,
    getPosition: (r) => r.position,
    radiusUnits: 'pixels',
    getRadius: (r) => (r.kind === 'point' ? 14 : 9) * scale,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: (r) => (r.kind === 'point' ? 4 : 2.5) * scale,
    getLineColor: (r) => ringColors[r.kind],
    updateTriggers: { getRadius: scale, getLineWidth: scale },
    visible: options.visible,
  })
}
