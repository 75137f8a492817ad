import type { BlockMove, PlanSuggestion } from '@gridwatch/server/contracts'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { PlanGrid } from '../../api/plans'
import { arrowBetween, arrowHead, applySuggestion, figureChange, metresPerPixel, overlayBounds, suggestionOverlay, workloadBars } from './suggestion-preview'

/** A w×h box (degrees) with its south-west corner at [x, y]. */
const box = (x: number, y: number, w: number, h: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ],
  ],
})
const multi = (p: Polygon): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [p.coordinates] })

const createGrid = (key: string, geometry: Polygon | MultiPolygon): PlanGrid => ({
  type: 'Feature',
  geometry,
  properties: { key, name: `网格${key}`, kind: 'base', communityId: 1, sourceGridId: null, code: null, responsibleOfficerId: null },
})

const createMove = (from: string, to: string, incidents12m: number, geometry: Polygon): BlockMove => ({ from, to, incidents12m, households: 3, areaM2: 1000, geometry })

/** West grid a (0–0.02°) gives its eastern strip (0.015–0.02°) to its neighbour b (0.02–0.03°). */
function createSuggestion(grids: PlanGrid[]): PlanSuggestion {
  const strip = box(0.015, 30, 0.005, 0.01)
  return {
    planId: 1,
    revision: 4,
    moves: [createMove('a', 'b', 12, strip)],
    before: { workloadCv: 0.5, maxMinRatio: 3 },
    after: { workloadCv: 0.1, maxMinRatio: 1.2 },
    grids: {
      type: 'FeatureCollection',
      features: grids.map((g) => ({
        type: 'Feature',
        properties: g.properties,
        geometry: g.properties.key === 'a' ? multi(box(0, 30, 0.015, 0.01)) : g.properties.key === 'b' ? multi(box(0.015, 30, 0.015, 0.01)) : multi(g.geometry as Polygon),
      })),
    },
  }
}

const plan = () => [createGrid('a', box(0, 30, 0.02, 0.01)), createGrid('b', box(0.02, 30, 0.01, 0.01)), createGrid('c', box(0.03, 30, 0.01, 0.01))]

describe('figureChange', () => {
  it('gives the relative change and calls a lower figure better', () => {
    expect(figureChange(0.5, 0.4)).toMatchObject({ before: 0.5, after: 0.4, verdict: 'better' })
    expect(figureChange(0.5, 0.4).change).toBeCloseTo(-0.2)
    expect(figureChange(2, 3)).toMatchObject({ change: 0.5, verdict: 'worse' })
  })

  it('knows no change without both figures, and no relative change from zero', () => {
    expect(figureChange(null, 1.2)).toEqual({ before: null, after: 1.2, change: null, verdict: null })
    expect(figureChange(0, 0)).toEqual({ before: 0, after: 0, change: null, verdict: null })
    expect(figureChange(0.3, 0.3).verdict).toBeNull()
  })
})

describe('workloadBars', () => {
  it('moves each block’s incidents from its grid to the receiving one, busiest grid (before) first', () => {
    const scores = [
      { key: 'a', name: 'A', incidents12m: 10 },
      { key: 'b', name: 'B', incidents12m: 40 },
      { key: 'c', name: 'C', incidents12m: 25 },
    ]
    const bars = workloadBars(scores, [createMove('b', 'a', 12, box(0, 0, 1, 1)), createMove('b', 'c', 3, box(0, 0, 1, 1))])
    expect(bars).toEqual([
      { key: 'b', name: 'B', before: 40, after: 25 },
      { key: 'c', name: 'C', before: 25, after: 28 },
      { key: 'a', name: 'A', before: 10, after: 22 },
    ])
    expect(bars.reduce((s, b) => s + b.after, 0)).toBe(75)
  })
})

describe('applySuggestion', () => {
  it('gives the grids a move touches the server’s outline and keeps every other grid as it was', () => {
    const grids = plan()
    const suggestion = createSuggestion(grids)
    const next = applySuggestion(grids, suggestion)
    expect(next.map((g) => g.properties.key)).toEqual(['a', 'b', 'c'])
    expect(next[0]!.geometry).toEqual(multi(box(0, 30, 0.015, 0.01)))
    expect(next[1]!.geometry).toEqual(multi(box(0.015, 30, 0.015, 0.01)))
    expect(next[0]!.properties).toBe(grids[0]!.properties)
    expect(next[2]).toBe(grids[2])
    expect(next).not.toBe(grids)
  })

  it('changes nothing for an empty suggestion', () => {
    const grids = plan()
    const next = applySuggestion(grids, { ...createSuggestion(grids), moves: [] })
    next.forEach((g, i) => expect(g).toBe(grids[i]))
  })
})

describe('suggestionOverlay', () => {
  it('numbers the moved blocks and points an arrow from each into the grid it joins', () => {
    const grids = plan()
    const overlay = suggestionOverlay(createSuggestion(grids), grids)
    expect(overlay.blocks).toHaveLength(1)
    expect(overlay.blocks[0]!.properties).toMatchObject({ n: 1, from: 'a', to: 'b' })
    expect(overlay.arrows).toHaveLength(1)
    const [start, end] = overlay.arrows[0]!.path as [Position, Position]
    // From inside the block (0.015–0.02°) eastwards, towards b's middle (0.025°), stopping short of it.
    expect(start[0]).toBeGreaterThan(0.015)
    expect(start[0]).toBeLessThan(0.02)
    expect(end[0]).toBeGreaterThan(start[0]!)
    expect(end[0]).toBeLessThan(0.025)
  })

  it('draws no arrow to a grid missing from the plan', () => {
    const grids = plan()
    const overlay = suggestionOverlay({ ...createSuggestion(grids), moves: [createMove('a', 'gone', 1, box(0.015, 30, 0.005, 0.01))] }, grids)
    expect(overlay.blocks).toHaveLength(1)
    expect(overlay.arrows).toHaveLength(0)
  })

  it('bounds the blocks and the arrows together', () => {
    const grids = plan()
    const [w, s, e, n] = overlayBounds(suggestionOverlay(createSuggestion(grids), grids))!
    expect([w, s, n]).toEqual([0.015, 30, 30.01])
    expect(e).toBeGreaterThan(0.02)
    expect(overlayBounds({ blocks: [], arrows: [] })).toBeNull()
  })
})

describe('arrowBetween', () => {
  it('goes 80% of the way to the target', () => {
    const [start, tip] = arrowBetween([120, 30], [120.002, 30], 350)!
    expect(start).toEqual([120, 30])
    expect(tip[0]).toBeCloseTo(120.0016, 9)
    expect(tip[1]).toBeCloseTo(30, 9)
  })

  it('points towards a far target but stops at the longest length given, in metres', () => {
    const [, tip] = arrowBetween([120, 30], [120, 30.1], 350)!
    expect(tip[0]).toBeCloseTo(120, 12)
    expect((tip[1]! - 30) * 111_320).toBeCloseTo(350, 6)
  })

  it('gives no arrow between points closer than a metre', () => {
    expect(arrowBetween([120, 30], [120.000001, 30], 350)).toBeNull()
  })
})

describe('arrowHead', () => {
  it('puts a head of the length asked for at the tip, symmetric about the shaft, which ends at its base', () => {
    // 100 m due north.
    const tip: Position = [120, 30 + 100 / 111_320]
    const { shaft, head } = arrowHead([[120, 30], tip], 20)
    expect(head[0]).toEqual(tip)
    expect(head[3]).toEqual(tip)
    const [b1, b2] = [head[1]!, head[2]!]
    expect((b1[1]! - 30) * 111_320).toBeCloseTo(80, 6)
    expect(b1[1]).toBeCloseTo(b2[1]!, 12)
    expect(b1[0]! - 120).toBeCloseTo(120 - b2[0]!, 12)
    expect(shaft[1]![1]).toBeCloseTo(b1[1]!, 12)
  })

  it('keeps the head within 60% of a short arrow', () => {
    const { head } = arrowHead([[120, 30], [120, 30 + 10 / 111_320]], 50)
    expect((head[1]![1]! - 30) * 111_320).toBeCloseTo(4, 6)
  })
})

describe('metresPerPixel', () => {
  it('halves with every zoom level and shrinks away from the equator', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.5, 0)
    expect(metresPerPixel(15, 30) * 2).toBeCloseTo(metresPerPixel(14, 30), 9)
    expect(metresPerPixel(15, 60)).toBeCloseTo(metresPerPixel(15, 0) / 2, 9)
  })
})
