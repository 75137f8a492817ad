import { describe, expect, it } from 'vitest'
import { cameraSectors, metresPerDegree } from './camera-sectors'
import type { CameraColumns } from './layers/cameras-layer'

const colours = [
  [60, 220, 120],
  [130, 140, 155],
  [255, 80, 80],
]
function createCameras(rows: { lon: number; lat: number; bearing: number; fov: number; rangeM: number; status: number }[]): CameraColumns {
  const col = (k: keyof (typeof rows)[number]) => Float64Array.from(rows.map((r) => r[k]))
  return { length: rows.length, id: Int32Array.from(rows.map((_, i) => i + 1)), lon: col('lon'), lat: col('lat'), bearing: col('bearing'), fov: col('fov'), rangeM: col('rangeM'), status: Uint8Array.from(rows.map((r) => r.status)), kind: new Uint8Array(rows.length) }
}

describe('cameraSectors', () => {
  it('builds a closed, clockwise sector from the bearing, field of view and range, in metres', () => {
    const cams = createCameras([{ lon: 120.2, lat: 29.7, bearing: 90, fov: 60, rangeM: 100, status: 2 }])
    const s = cameraSectors(cams, [120, 29, 121, 30], colours)
    expect(s.length).toBe(1)
    const ring = Array.from({ length: s.startIndices[1]! }, (_, i) => [s.attributes.getPolygon.value[2 * i]!, s.attributes.getPolygon.value[2 * i + 1]!])
    expect(ring[0]).toEqual(ring[ring.length - 1])
    const m = metresPerDegree(29.7)
    // The middle of the arc points due east, 100 m away.
    const mid = ring[1 + (ring.length - 3) / 2]!
    expect((mid[0]! - 120.2) * m.lon).toBeCloseTo(100, 3)
    expect((mid[1]! - 29.7) * m.lat).toBeCloseTo(0, 3)
    // Clockwise: negative signed area in lon/lat.
    let area = 0
    for (let i = 0; i < ring.length - 1; i++) area += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!
    expect(area).toBeLessThan(0)
    expect([...s.attributes.getFillColor.value.subarray(0, 3)]).toEqual(colours[2])
  })

  it('only builds sectors for the cameras inside the bounds', () => {
    const cams = createCameras([
      { lon: 120.2, lat: 29.7, bearing: 0, fov: 90, rangeM: 50, status: 0 },
      { lon: 120.9, lat: 29.7, bearing: 0, fov: 90, rangeM: 50, status: 0 },
    ])
    const s = cameraSectors(cams, [120.1, 29.6, 120.3, 29.8], colours)
    expect(s.length).toBe(1)
    expect([...s.cameraRows]).toEqual([0])
  })
})
