import { area, booleanPointInPolygon, distance } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { cameraPreviewOf } from './camera-preview-layer'
import { bearingToward, handlePosition, sectorPolygon, type SectorSpec } from './camera-sector'

const spec = (over: Partial<SectorSpec> = {}): SectorSpec => ({ lon: 120.2, lat: 29.7, bearing: 90, fov: 60, rangeM: 100, kind: 'fixed', ...over })
/** A point `m` metres from the camera at a bearing (small distances: a local flat approximation). */
const offset = (s: SectorSpec, bearing: number, m: number): [number, number] => {
  const r = (bearing * Math.PI) / 180
  return [s.lon + (m * Math.sin(r)) / (111_320 * Math.cos((s.lat * Math.PI) / 180)), s.lat + (m * Math.cos(r)) / 110_574]
}

describe('the sector preview', () => {
  it('covers the field of view out to the range, facing the bearing, and nothing behind', () => {
    const s = spec()
    const sector = sectorPolygon(s)
    // A sixth of a 100 m circle (the polygon's chords fall a little short of the arc).
    expect(area(sector) / ((Math.PI * 100 ** 2) / 6)).toBeCloseTo(1, 2)
    expect(booleanPointInPolygon(offset(s, 90, 90), sector)).toBe(true)
    expect(booleanPointInPolygon(offset(s, 115, 60), sector)).toBe(true)
    expect(booleanPointInPolygon(offset(s, 130, 60), sector)).toBe(false)
    expect(booleanPointInPolygon(offset(s, 270, 20), sector)).toBe(false)
    expect(booleanPointInPolygon(offset(s, 90, 110), sector)).toBe(false)
  })

  it('wraps through north (bearing 350°, 40° wide) and is a full circle for a PTZ camera or a 360° lens', () => {
    const north = sectorPolygon(spec({ bearing: 350, fov: 40 }))
    expect(booleanPointInPolygon(offset(spec(), 5, 50), north)).toBe(true)
    expect(booleanPointInPolygon(offset(spec(), 335, 50), north)).toBe(true)
    expect(booleanPointInPolygon(offset(spec(), 20, 50), north)).toBe(false)
    for (const round of [spec({ kind: 'ptz', fov: 60 }), spec({ fov: 360 })]) expect(area(sectorPolygon(round)) / (Math.PI * 100 ** 2)).toBeCloseTo(1, 2)
  })

  it('puts the bearing handle at the end of the line of sight, and reads a bearing back from a point', () => {
    const s = spec({ bearing: 225, rangeM: 80 })
    const handle = handlePosition(s)
    expect(distance([s.lon, s.lat], handle, { units: 'meters' })).toBeCloseTo(80, 3)
    expect(bearingToward([s.lon, s.lat], handle)).toBe(225)
    expect(bearingToward([s.lon, s.lat], offset(s, 0, 50))).toBe(0)
    expect(bearingToward([s.lon, s.lat], offset(s, 359.8, 50))).toBe(0)
    expect(bearingToward([s.lon, s.lat], offset(s, 271, 50))).toBe(271)
  })

  it('shows the form’s camera with a handle (none for a PTZ camera), or a ring round a chosen camera', () => {
    expect(cameraPreviewOf(spec(), null).points.map((p) => p.kind)).toEqual(['camera', 'handle'])
    expect(cameraPreviewOf(spec({ kind: 'ptz' }), null).points.map((p) => p.kind)).toEqual(['camera'])
    expect(cameraPreviewOf(null, { lon: 120.3, lat: 29.8 })).toEqual({ sector: null, points: [{ kind: 'chosen', position: [120.3, 29.8] }] })
    expect(cameraPreviewOf(null, null)).toEqual({ sector: null, points: [] })
  })
})
