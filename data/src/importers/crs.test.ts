import { describe, expect, it } from 'vitest'
import { fromWgs84, parseCrs, toWgs84, UnknownCrsError } from './crs'

/** Geodesic distance in metres (haversine), enough to compare conversions. */
const metres = ([a, b]: [number, number], [c, d]: [number, number]) => {
  const r = Math.PI / 180
  const h = Math.sin(((d - b) * r) / 2) ** 2 + Math.cos(b * r) * Math.cos(d * r) * Math.sin(((c - a) * r) / 2) ** 2
  return 2 * 6_371_008 * Math.asin(Math.sqrt(h))
}
// A point in the demo county (Zhuji area, Zhejiang).
const wgs84: [number, number] = [120.2412, 29.7135]

describe('coordinate systems', () => {
  it('shifts GCJ-02 and BD-09 by hundreds of metres and converts them back to within a metre', () => {
    for (const crs of ['gcj02', 'bd09'] as const) {
      const shifted = fromWgs84(crs)(...wgs84)
      expect(metres(shifted, wgs84)).toBeGreaterThan(100)
      expect(metres(toWgs84(crs)(...shifted), wgs84)).toBeLessThan(1)
    }
  })

  it('reads CGCS2000 Gauss-Krüger coordinates of the right zone (EPSG:4549, CM 120E; EPSG:4528, zone 40)', () => {
    const cm120 = fromWgs84('EPSG:4549')(...wgs84)
    // Near the central meridian: easting close to 500 km, northing about 3,290 km.
    expect(cm120[0]).toBeGreaterThan(480_000)
    expect(cm120[0]).toBeLessThan(530_000)
    expect(cm120[1]).toBeGreaterThan(3_280_000)
    expect(cm120[1]).toBeLessThan(3_300_000)
    expect(metres(toWgs84('EPSG:4549')(...cm120), wgs84)).toBeLessThan(0.01)
    const zone40 = fromWgs84('EPSG:4528')(...wgs84)
    expect(Math.floor(zone40[0] / 1_000_000)).toBe(40)
    expect(metres(toWgs84('EPSG:4528')(...zone40), wgs84)).toBeLessThan(0.01)
  })

  it('accepts the usual spellings and refuses unknown systems with a clear message', () => {
    expect(parseCrs('WGS84')).toBe('wgs84')
    expect(parseCrs('EPSG:4326')).toBe('wgs84')
    expect(parseCrs('GCJ-02')).toBe('gcj02')
    expect(parseCrs('epsg:4490')).toBe('cgcs2000')
    expect(parseCrs('EPSG:4549')).toBe('EPSG:4549')
    expect(() => parseCrs('EPSG:2000')).toThrow(UnknownCrsError)
    expect(() => parseCrs('mars')).toThrow(/Unknown coordinate system "mars"/)
  })
})
