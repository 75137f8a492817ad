import { describe, expect, it } from 'vitest'
import { gridCode, isGridCode, readingOrder } from './codes'

describe('grid codes', () => {
  it('numbers north→south in bands, west→east within a band', () => {
    // A 3×3 block of grids given in random order (x east, y north, metres).
    const points: [number, number][] = [[200, 0], [0, 200], [100, 100], [0, 0], [200, 200], [100, 0], [0, 100], [100, 200], [200, 100]]
    const order = readingOrder(points).map((i) => points[i])
    expect(order).toEqual([[0, 200], [100, 200], [200, 200], [0, 100], [100, 100], [200, 100], [0, 0], [100, 0], [200, 0]])
  })

  it('builds 15-digit codes from a 12-digit community code', () => {
    expect(gridCode('330699001002', 7)).toBe('330699001002007')
    expect(isGridCode('330699001002007')).toBe(true)
    expect(isGridCode('33069900100200')).toBe(false)
    expect(isGridCode('33069900100200a')).toBe(false)
  })
})
