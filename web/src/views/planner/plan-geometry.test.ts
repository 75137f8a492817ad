import { describe, expect, it } from 'vitest'
import type { PlanGrid } from '../../api/plans'
import { areaM2, carveGrid, cutStrip, freshKeys, interiorPoint, mergeGrids, minus, moveFootprint, overlapOf, reshapeGrid, splitGrids, unionOf, type Outline } from './plan-geometry'

/** A square grid of `size` degrees with its south-west corner at (x, y). */
function createGrid(key: string, x: number, y: number, size = 0.01, extra: Partial<PlanGrid['properties']> = {}): PlanGrid {
  const ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { key, name: `网格${key}`, kind: 'base', communityId: 6, sourceGridId: 1, code: '330699001002001', responsibleOfficerId: 17, ...extra } }
}
const nameFor = (base: string, n: number) => `${base}-${n}`
const total = (grids: PlanGrid[]) => grids.reduce((s, g) => s + areaM2(g.geometry), 0)
/** Area where any two grids overlap, m². */
function overlaps(grids: PlanGrid[]) {
  let m2 = 0
  for (let i = 0; i < grids.length; i++) for (let j = i + 1; j < grids.length; j++) m2 += (o => (o ? areaM2(o) : 0))(overlapOf(grids[i]!.geometry, grids[j]!.geometry))
  return m2
}

describe('splitGrids', () => {
  const a = createGrid('a', 120, 29.7)
  const b = createGrid('b', 120.01, 29.7, 0.01, { sourceGridId: 2, code: '330699001002002' })

  it('cuts a grid in two along a line across it: the larger half keeps key and code, the other is new, nothing is lost', () => {
    const line = [[120.004, 29.699], [120.004, 29.711]]
    const result = splitGrids([a, b], line, nameFor)
    expect(result.cut).toEqual(['a'])
    expect(result.created).toEqual(['n1'])
    expect(result.grids).toHaveLength(3)
    const kept = result.grids.find((g) => g.properties.key === 'a')!
    const fresh = result.grids.find((g) => g.properties.key === 'n1')!
    expect(kept.properties.code).toBe('330699001002001')
    expect(fresh.properties).toMatchObject({ name: '网格a-2', code: null, sourceGridId: null, communityId: 6, responsibleOfficerId: 17 })
    expect(areaM2(kept.geometry)).toBeGreaterThan(areaM2(fresh.geometry))
    expect(areaM2(fresh.geometry) / areaM2(a.geometry)).toBeCloseTo(0.4, 2)
    // The halves tile the old grid: same total, no overlap beyond rounding, no gap.
    expect(total(result.grids)).toBeCloseTo(total([a, b]), -1)
    expect(overlaps(result.grids)).toBeLessThan(0.01)
    expect(minus(a.geometry, unionOf([kept.geometry, fresh.geometry])!)).toBeNull()
    expect(result.grids.find((g) => g.properties.key === 'b')).toBe(b)
  })

  it('cuts every grid the line crosses, and none it only enters', () => {
    expect(splitGrids([a, b], [[120.005, 29.699], [120.015, 29.711]], nameFor).cut).toEqual(['a', 'b'])
    const stub = splitGrids([a, b], [[120.005, 29.699], [120.005, 29.705]], nameFor)
    expect(stub.cut).toEqual([])
    expect(stub.grids).toEqual([a, b])
  })
})

describe('mergeGrids', () => {
  it('unions grids of one community into the largest, and refuses other communities', () => {
    const big = createGrid('big', 120, 29.7, 0.02)
    const small = createGrid('small', 120.02, 29.7, 0.01)
    const result = mergeGrids([big, small], ['small', 'big'])
    if ('error' in result) throw new Error(result.error)
    expect(result.kept).toBe('big')
    expect(result.grids).toHaveLength(1)
    expect(areaM2(result.grids[0]!.geometry)).toBeCloseTo(areaM2(big.geometry) + areaM2(small.geometry), -1)
    expect(mergeGrids([big, { ...small, properties: { ...small.properties, communityId: 7 } }], ['big', 'small'])).toEqual({ error: 'mergeCommunities' })
    expect(mergeGrids([big, small], ['big'])).toEqual({ error: 'mergeTooFew' })
  })
})

describe('carveGrid', () => {
  it('takes a drawn grid out of the grids under it, clipped to the area, with the main donor’s community and officer', () => {
    const a = createGrid('a', 120, 29.7)
    const b = createGrid('b', 120.01, 29.7, 0.01, { responsibleOfficerId: 18 })
    const area = unionOf([a.geometry, b.geometry])!
    const drawn = { type: 'Polygon' as const, coordinates: [[[120.008, 29.695], [120.02, 29.695], [120.02, 29.705], [120.008, 29.705], [120.008, 29.695]]] }
    const result = carveGrid([a, b], drawn, { key: 'n1', name: '新网格', clip: area, communityAt: () => null })
    if ('error' in result) throw new Error(result.error)
    const fresh = result.grids.find((g) => g.properties.key === 'n1')!
    expect(fresh.properties).toMatchObject({ communityId: 6, responsibleOfficerId: 18, code: null, sourceGridId: null })
    expect(total(result.grids)).toBeCloseTo(total([a, b]), -1)
    expect(overlaps(result.grids)).toBeLessThan(0.01)
    expect(carveGrid([a, b], { type: 'Polygon', coordinates: [[[121, 30], [121.01, 30], [121.01, 30.01], [121, 30]]] }, { key: 'n1', name: 'x', clip: area, communityAt: () => 6 })).toEqual({ error: 'drawOutside' })
  })
})

describe('reshapeGrid and moveFootprint', () => {
  it('a grid grown into its neighbour takes that land from it', () => {
    const a = createGrid('a', 120, 29.7)
    const b = createGrid('b', 120.01, 29.7)
    const grown: Outline = { type: 'Polygon', coordinates: [[[120, 29.7], [120.013, 29.7], [120.013, 29.71], [120, 29.71], [120, 29.7]]] }
    const result = reshapeGrid([a, b], 'a', grown)
    expect(overlaps(result)).toBeLessThan(0.01)
    expect(total(result)).toBeCloseTo(total([a, b]), -1)
  })

  it('moves a footprint lying across two grids into the target', () => {
    const a = createGrid('a', 120, 29.7)
    const b = createGrid('b', 120.01, 29.7)
    const house: Outline = { type: 'Polygon', coordinates: [[[120.0095, 29.705], [120.0105, 29.705], [120.0105, 29.7055], [120.0095, 29.7055], [120.0095, 29.705]]] }
    const result = moveFootprint([a, b], 'a', house)
    expect(result.from).toEqual(['b'])
    expect(result.movedM2).toBeGreaterThan(1)
    expect(overlapOf(result.grids[1]!.geometry, house)).toBeNull()
    expect(total(result.grids)).toBeCloseTo(total([a, b]), -1)
    expect(moveFootprint(result.grids, 'a', house).movedM2).toBe(0)
  })
})

describe('helpers', () => {
  it('hands out keys nobody uses, and finds a point inside a concave outline', () => {
    expect(freshKeys([createGrid('n2', 120, 29.7), createGrid('330699001002001', 120, 29.7)], 2)).toEqual(['n3', 'n4'])
    const u: Outline = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] }
    const [x, y] = interiorPoint(u) as [number, number]
    expect(x < 1 || x > 2 || y < 1).toBe(true)
    expect(areaM2(cutStrip([[120, 29.7], [120.01, 29.7]]))).toBeGreaterThan(15)
  })
})
