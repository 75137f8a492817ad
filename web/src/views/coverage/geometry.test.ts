import { describe, expect, it } from 'vitest'
import { centerOf } from './geometry'

describe('centerOf', () => {
  it('centres polygons on their bounding box and lines on their middle vertex', () => {
    expect(centerOf({ type: 'MultiPolygon', coordinates: [[[[120, 29], [120.2, 29], [120.2, 29.4], [120, 29]]]] })).toEqual([120.1, 29.2])
    expect(centerOf({ type: 'LineString', coordinates: [[120, 29], [120.5, 29.1], [121, 29]] })).toEqual([120.5, 29.1])
    expect(centerOf({ type: 'Point', coordinates: [120.3, 29.3] })).toEqual([120.3, 29.3])
  })
})
