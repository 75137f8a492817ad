import { beforeAll, describe, expect, it } from 'vitest'
import { isGridCode } from '../codes'
import { createDemoConfig, demoSizes } from './config'
import { generateDemoCounty, type DemoCounty } from './generate'

const now = new Date('2026-11-23T04:00:00Z')

describe('demo county at the default (realistic) scale', () => {
  let county: DemoCounty
  beforeAll(() => {
    county = generateDemoCounty(createDemoConfig({ seed: 7, scale: 1, now }))
  })

  it('has the sizes of a real county', () => {
    const sizes = demoSizes(1)
    expect(county.stations).toHaveLength(sizes.stations)
    expect(county.townships).toHaveLength(sizes.townships)
    expect(county.communities).toHaveLength(sizes.communities)
    expect(county.grids).toHaveLength(sizes.grids)
    expect(county.posts).toHaveLength(sizes.posts)
    expect(county.cameras).toHaveLength(sizes.cameras)
    // 12 months plus the 12 before, the earlier year ~7% busier.
    expect(county.incidents.count).toBe(sizes.incidentsPerYear + Math.round(sizes.incidentsPerYear * 1.07))
    expect(county.buildings.length).toBeGreaterThan(20_000)
    expect(county.keySites.length).toBeGreaterThan(60)
  })

  it('places the county at real-world coordinates in Zhejiang', () => {
    for (const g of county.grids) {
      for (const [lon, lat] of g.ring) {
        expect(lon).toBeGreaterThan(119.5)
        expect(lon).toBeLessThan(121)
        expect(lat).toBeGreaterThan(29.3)
        expect(lat).toBeLessThan(30.1)
      }
    }
  })

  it('numbers every grid with a unique 15-digit code under its community', () => {
    const codes = new Set(county.grids.map((g) => g.code))
    expect(codes.size).toBe(county.grids.length)
    for (const g of county.grids) {
      expect(isGridCode(g.code)).toBe(true)
      expect(g.code.startsWith(county.communities[g.community]!.code)).toBe(true)
      expect(g.code.startsWith(county.county.code)).toBe(true)
    }
  })

  it('makes town grids smaller than village grids (balanced workload, not balanced area)', () => {
    const area = (ring: [number, number][]) => Math.abs(ring.reduce((s, [x, y], i) => { const [x2, y2] = ring[(i + 1) % ring.length]!; return s + x * y2 - x2 * y }, 0)) / 2
    const byKind = (kind: string) => county.grids.filter((g) => county.communities[g.community]!.kind === kind).map((g) => area(g.ring))
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!
    expect(median(byKind('community')) * 4).toBeLessThan(median(byKind('village')))
  })

  it('gives every grid exactly one responsible police officer and one assistant', () => {
    for (let g = 0; g < county.grids.length; g++) {
      const duties = county.gridDuties.filter((d) => d.grid === g)
      const officers = duties.filter((d) => d.duty === 'responsible_officer')
      expect(officers).toHaveLength(1)
      expect(county.people[officers[0]!.person]!.role).toBe('police_officer')
      expect(duties.filter((d) => d.duty === 'assistant')).toHaveLength(1)
      expect(duties.filter((d) => d.duty === 'grid_worker').length).toBeGreaterThanOrEqual(1)
    }
  })

  it('gives cameras valid bearings, fields of view and ranges, mostly online', () => {
    for (const c of county.cameras) {
      expect(c.bearing).toBeGreaterThanOrEqual(0)
      expect(c.bearing).toBeLessThan(360)
      expect(c.fov).toBeGreaterThanOrEqual(1)
      expect(c.fov).toBeLessThanOrEqual(360)
      expect(c.rangeM).toBeGreaterThanOrEqual(1)
      expect(c.rangeM).toBeLessThanOrEqual(500)
    }
    const online = county.cameras.filter((c) => c.status === 'online').length / county.cameras.length
    expect(online).toBeGreaterThan(0.85)
    expect(online).toBeLessThan(0.98)
  })

  it('has response chains that only move forward and mostly meet the 10-minute target', () => {
    const inc = county.incidents
    let onSceneWithin10 = 0
    let withOnScene = 0
    for (let i = 0; i < inc.count; i++) {
      const chain = [inc.reportedAt[i]!, inc.acceptedAt[i]!, inc.contactedAt[i]!, inc.onSceneAt[i]!, inc.closedAt[i]!].filter((t) => !Number.isNaN(t))
      for (let k = 1; k < chain.length; k++) expect(chain[k]!).toBeGreaterThanOrEqual(chain[k - 1]!)
      if (!Number.isNaN(inc.onSceneAt[i]!)) {
        withOnScene++
        if (inc.onSceneAt[i]! - inc.reportedAt[i]! <= 600_000) onSceneWithin10++
      }
      expect(inc.reportedAt[i]!).toBeLessThanOrEqual(now.getTime())
    }
    expect(onSceneWithin10 / withOnScene).toBeGreaterThan(0.7)
    expect(onSceneWithin10 / withOnScene).toBeLessThan(0.99)
  })

  it('has evening peaks and a falling year-over-year trend', () => {
    const inc = county.incidents
    const yearAgo = now.getTime() - 365 * 86_400_000
    let lastYear = 0
    const byHour = new Array(24).fill(0)
    for (let i = 0; i < inc.count; i++) {
      if (inc.reportedAt[i]! >= yearAgo) lastYear++
      byHour[new Date(inc.reportedAt[i]! + 8 * 3_600_000).getUTCHours()]++
    }
    expect(lastYear).toBeLessThan(inc.count - lastYear)
    expect(byHour[20]).toBeGreaterThan(byHour[4] * 2)
  })

  it('keeps external ids unique per source (ingest is idempotent on them)', () => {
    const keys = new Set<string>()
    for (let i = 0; i < county.incidents.count; i++) keys.add(`${county.incidents.source[i]}|${county.incidents.externalId[i]}`)
    expect(keys.size).toBe(county.incidents.count)
  })
})

describe('demo generator', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generateDemoCounty(createDemoConfig({ seed: 11, scale: 0.05, now }))
    const b = generateDemoCounty(createDemoConfig({ seed: 11, scale: 0.05, now }))
    const c = generateDemoCounty(createDemoConfig({ seed: 12, scale: 0.05, now }))
    expect(JSON.stringify(b.grids)).toBe(JSON.stringify(a.grids))
    expect(Array.from(b.incidents.lon)).toEqual(Array.from(a.incidents.lon))
    expect(JSON.stringify(c.grids)).not.toBe(JSON.stringify(a.grids))
  })

  it('keeps the structure at small scales (several townships, communities of several grids)', () => {
    const small = generateDemoCounty(createDemoConfig({ seed: 3, scale: 0.05, now }))
    const sizes = demoSizes(0.05)
    expect(small.townships).toHaveLength(sizes.townships)
    expect(small.communities).toHaveLength(sizes.communities)
    expect(small.grids).toHaveLength(sizes.grids)
    expect(new Set(small.grids.map((g) => g.community)).size).toBe(small.communities.length)
  })
})
