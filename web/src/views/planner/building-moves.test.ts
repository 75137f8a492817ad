import type { Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { PlanGrid } from '../../api/plans'
import { collectFootprints, footprintKey, gridsTouch, mergePieces, moveFootprints, pathSamples } from './building-moves'
import { areaM2, overlapOf, type Outline } from './plan-geometry'

const square = (x: number, y: number, size: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] })
const grid = (key: string, x: number, y: number, size = 0.01): PlanGrid => ({
  type: 'Feature',
  geometry: square(x, y, size),
  properties: { key, name: `网格${key}`, kind: 'base', communityId: 6, sourceGridId: 1, code: null, responsibleOfficerId: null },
})
/** A 20 m × 20 m building with its south-west corner at (x, y). */
const building = (x: number, y: number) => square(x, y, 0.0002)
const inGrid = (grids: PlanGrid[], key: string, b: Outline) => areaM2(overlapOf(grids.find((g) => g.properties.key === key)!.geometry, b) ?? b) / areaM2(b)

describe('pathSamples', () => {
  it('looks every few pixels along a pointer move, ending where the pointer is', () => {
    expect(pathSamples([0, 0], [10, 0], 4)).toEqual([[10 / 3, 0], [20 / 3, 0], [10, 0]])
    expect(pathSamples([5, 5], [5, 5])).toEqual([[5, 5]])
  })
})

describe('collectFootprints', () => {
  it('counts a footprint once however often the path crosses it, by id or else by outline', () => {
    const collected = new Map<string, Outline>()
    const a = { geometry: building(120.001, 29.701) }
    const b = { geometry: building(120.002, 29.701) }
    expect(collectFootprints(collected, [a, { ...a }, b])).toBe(true)
    expect(collectFootprints(collected, [{ geometry: building(120.001, 29.701) }])).toBe(false)
    expect(collected.size).toBe(2)
    // Ids win over outlines; lines and points are not footprints.
    expect(collectFootprints(collected, [{ id: 7, geometry: building(120.001, 29.701) }, { geometry: { type: 'LineString', coordinates: [] } }])).toBe(true)
    expect(collected.size).toBe(3)
    expect(footprintKey({ id: 7, geometry: a.geometry })).toBe('id:7')
  })
})

describe('gridsTouch', () => {
  it('holds for grids sharing an edge or a corner, or a gap below half a metre, not for grids further apart', () => {
    const a = square(120, 29.7, 0.01)
    expect(gridsTouch(a, square(120.01, 29.7, 0.01))).toBe(true)
    expect(gridsTouch(a, square(120.01, 29.71, 0.01))).toBe(true)
    // 0.000003° ≈ 0.29 m east of a's edge; 0.0001° ≈ 9.7 m.
    expect(gridsTouch(a, square(120.010003, 29.7, 0.01))).toBe(true)
    expect(gridsTouch(a, square(120.0101, 29.7, 0.01))).toBe(false)
    expect(gridsTouch(a, square(120.03, 29.7, 0.01))).toBe(false)
  })
})

describe('moveFootprints', () => {
  // a | b | c side by side; the buildings stand in a, near its edge with b, and one in c.
  const grids = [grid('a', 120, 29.7), grid('b', 120.01, 29.7), grid('c', 120.02, 29.7)]
  const inA = [building(120.009, 29.705), building(120.009, 29.7055), building(120.0085, 29.706)]

  it('moves a whole painted block from a neighbour into the target as one edit', () => {
    const result = moveFootprints(grids, 'b', inA)
    if (!result.ok) throw new Error(result.reason)
    expect(result.buildings).toBe(3)
    expect(result.from).toEqual(['a'])
    expect(result.movedM2).toBeCloseTo(inA.reduce((s, f) => s + areaM2(f), 0), 0)
    for (const f of inA) {
      expect(inGrid(result.grids, 'b', f)).toBeCloseTo(1, 6)
      expect(overlapOf(result.grids.find((g) => g.properties.key === 'a')!.geometry, f)).toBeNull()
    }
    expect(result.grids.find((g) => g.properties.key === 'c')).toBe(grids[2])
  })

  it('refuses, moving nothing, when a building lies in a grid that does not touch the target', () => {
    expect(moveFootprints(grids, 'c', [inA[0]!, building(120.021, 29.701)])).toEqual({ ok: false, reason: 'buildingNotNeighbour', far: ['a'] })
  })

  it('says so when every painted building is in the target already, or no target is chosen', () => {
    expect(moveFootprints(grids, 'a', inA)).toEqual({ ok: false, reason: 'buildingSame' })
    expect(moveFootprints(grids, 'a', [])).toEqual({ ok: false, reason: 'buildingSame' })
    expect(moveFootprints(grids, 'zz', inA)).toEqual({ ok: false, reason: 'buildingNoTarget' })
  })

  it('counts only the buildings whose centre changes grid, though it takes every part outside the target', () => {
    // Straddling a|b, centre in b: its strip in a moves, but no household does.
    const straddling = square(120.0099, 29.702, 0.0002)
    const result = moveFootprints(grids, 'b', [straddling, inA[0]!])
    if (!result.ok) throw new Error(result.reason)
    expect(result.buildings).toBe(1)
    expect(inGrid(result.grids, 'b', straddling)).toBeCloseTo(1, 6)
  })

  it('counts a building cut at a tile edge (two overlapping pieces) once, and neighbours sharing a wall twice', () => {
    const west = square(120.009, 29.705, 0.00015)
    const east = { type: 'Polygon' as const, coordinates: [[[120.00912, 29.705], [120.0092, 29.705], [120.0092, 29.70515], [120.00912, 29.70515], [120.00912, 29.705]]] }
    expect(mergePieces([west, east])).toHaveLength(1)
    expect(mergePieces([building(120.009, 29.705), building(120.0092, 29.705)])).toHaveLength(2)
    const result = moveFootprints(grids, 'b', [west, east])
    expect(result.ok && result.buildings).toBe(1)
  })
})
