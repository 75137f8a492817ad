import type { GridCoverage } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { noDataColor } from './choropleth'
import { coverageClasses, coverageColor, coverageFills, coverageTotals, worstFirst } from './coverage-scale'

function createGrid(id: number, road: { m: number; online: number; all: number }): GridCoverage {
  const seen = (seenM: number) => ({ areaPct: 0.5, areaSeenM2: 500, roadPct: road.m > 0 ? seenM / road.m : null, roadSeenM: seenM, blindRoadM: road.m - seenM })
  return { gridId: id, code: `33060201000100${id}`, name: `网格${id}`, community: '城东社区', areaM2: 1000, roadM: road.m, cameras: 4, camerasOnline: 3, online: seen(road.online), all: seen(road.all), computedAt: '2026-11-24T00:00:00.000Z' }
}

describe('coverage scale', () => {
  it('colours road shares by fixed classes, 100 % in the top class and no roads as no data', () => {
    expect(coverageColor(0).slice(0, 3)).toEqual(coverageClasses[0]!.color)
    expect(coverageColor(0.2).slice(0, 3)).toEqual(coverageClasses[1]!.color)
    expect(coverageColor(0.79).slice(0, 3)).toEqual(coverageClasses[3]!.color)
    expect(coverageColor(1).slice(0, 3)).toEqual(coverageClasses[4]!.color)
    expect(coverageColor(null).slice(0, 3)).toEqual(noDataColor)
  })

  it('fills each grid by the share of the chosen camera set', () => {
    const grids = [createGrid(1, { m: 100, online: 10, all: 90 })]
    expect(coverageFills(grids, 'online').get(1)!.slice(0, 3)).toEqual(coverageClasses[0]!.color)
    expect(coverageFills(grids, 'all').get(1)!.slice(0, 3)).toEqual(coverageClasses[4]!.color)
  })

  it('sums grids into shares of the sums, and lists the worst covered first', () => {
    const grids = [createGrid(1, { m: 100, online: 50, all: 100 }), createGrid(2, { m: 300, online: 30, all: 150 }), createGrid(3, { m: 0, online: 0, all: 0 })]
    const online = coverageTotals(grids, 'online')
    expect(online.roadPct).toBeCloseTo(80 / 400)
    expect(online.blindRoadM).toBe(320)
    expect(coverageTotals(grids, 'all').roadPct).toBeCloseTo(250 / 400)
    expect(coverageTotals([], 'all').roadPct).toBeNull()
    expect(worstFirst(grids, 'online').map((g) => g.gridId)).toEqual([2, 1, 3])
  })
})
