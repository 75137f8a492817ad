import { describe, expect, it } from 'vitest'
import { cameraStatusCode, withCameraStatuses } from './camera-status'
import type { CameraColumns } from './layers/cameras-layer'

function createCameras(statuses: number[]): CameraColumns {
  const n = statuses.length
  return { length: n, id: Int32Array.from(statuses.map((_, i) => 101 + i)), lon: new Float64Array(n), lat: new Float64Array(n), bearing: new Float64Array(n), fov: new Float64Array(n), rangeM: new Float64Array(n), status: Uint8Array.from(statuses), kind: new Uint8Array(n) }
}

describe('withCameraStatuses', () => {
  it('recolours the cameras named by live status changes and leaves the loaded columns alone', () => {
    const cams = createCameras([0, 0, 2])
    const next = withCameraStatuses(cams, new Map([[102, { status: 'fault' as const }], [103, { status: 'online' as const }], [999, { status: 'offline' as const }]]))
    expect(Array.from(next.status)).toEqual([0, 2, 0])
    expect(Array.from(cams.status)).toEqual([0, 0, 2])
    expect(next.lon).toBe(cams.lon)
  })

  it('gives back the same columns when nothing changes', () => {
    const cams = createCameras([1, 0])
    expect(withCameraStatuses(cams, new Map())).toBe(cams)
    expect(withCameraStatuses(cams, new Map([[101, { status: 'offline' as const }]]))).toBe(cams)
  })

  it('codes statuses in the order of the Arrow column', () => {
    expect(['online', 'offline', 'fault'].map((s) => cameraStatusCode(s as 'online'))).toEqual([0, 1, 2])
  })
})
