import type { CamerasAtPoint } from '@gridwatch/server/contracts'
import { LineLayer } from '@deck.gl/layers'

/** A line from a camera to the point asked about. */
export interface Ray {
  cameraId: number
  from: [number, number]
  to: [number, number]
  sees: boolean
}

export const rayColors = { sees: [60, 230, 140, 240], notSeeing: [150, 160, 180, 150] } as const

/** The rays of an "at point" answer: every seeing camera, then the nearby ones that do not see it. */
export function raysOf(answer: CamerasAtPoint): Ray[] {
  const to: [number, number] = [answer.point.lon, answer.point.lat]
  return [
    ...answer.seeing.map((c) => ({ cameraId: c.id, from: [c.lon, c.lat] as [number, number], to, sees: true })),
    ...answer.notSeeing.map((c) => ({ cameraId: c.id, from: [c.lon, c.lat] as [number, number], to, sees: false })),
  ]
}

/** Sight lines from the cameras to the point: green where a camera sees it, faint grey where not. */
export function createAtPointRaysLayer(rays: readonly Ray[], options: { visible: boolean; scale: number }) {
  return new LineLayer<Ray>({
    id: 'at-point-rays',
    data: rays,
    getSourcePosition: (r) => r.from,
    getTargetPosition: (r) => r.to,
    getColor: (r) => (r.sees ? [...rayColors.sees] : [...rayColors.notSeeing]) as [number, number, number, number],
    widthUnits: 'pixels',
    getWidth: (r) => (r.sees ? 3 : 1.5) * options.scale,
    updateTriggers: { getWidth: options.scale },
    visible: options.visible,
  })
}
