import { ScatterplotLayer } from '@deck.gl/layers'

/** Cameras as typed-array columns, straight from the Arrow response. */
export interface CameraColumns {
  length: number
  id: ArrayLike<number>
  lon: ArrayLike<number>
  lat: ArrayLike<number>
  /** Degrees clockwise from north. */
  bearing: ArrayLike<number>
  /** Field-of-view angle, degrees. */
  fov: ArrayLike<number>
  rangeM: ArrayLike<number>
  /** 0 online, 1 offline, 2 fault. */
  status: ArrayLike<number>
  kind: ArrayLike<number>
}

export const cameraStatusColors: [number, number, number][] = [
  [60, 220, 120],
  [130, 140, 155],
  [255, 80, 80],
]

/** GPU-ready attribute buffers, built once per data load (not per render). */
export function cameraAttributes(cams: CameraColumns) {
  const positions = new Float64Array(cams.length * 2)
  const colors = new Uint8Array(cams.length * 4)
  for (let i = 0; i < cams.length; i++) {
    positions[2 * i] = cams.lon[i]!
    positions[2 * i + 1] = cams.lat[i]!
    const c = cameraStatusColors[cams.status[i]!] ?? cameraStatusColors[1]!
    colors.set([c[0], c[1], c[2], 230], 4 * i)
  }
  return { length: cams.length, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } } }
}

/** Cameras coloured by status; binary attributes, so 14,000+ points cost no per-point JS. */
export function createCamerasLayer(attributes: ReturnType<typeof cameraAttributes>, options: { visible: boolean; scale: number }) {
  return new ScatterplotLayer({
    id: 'cameras',
    data: attributes as never,
    pickable: true,
    radiusUnits: 'meters',
    getRadius: 12,
    radiusMinPixels: 1.5 * options.scale,
    radiusMaxPixels: 6 * options.scale,
    visible: options.visible,
  })
}
