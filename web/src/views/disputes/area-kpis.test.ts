import type { DisputeKpiRow } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { defaultAreaSort, gridShareTone, nextAreaSort, resolutionTone, sortAreaRows, zeroGoalTone } from './area-kpis'

const row = (id: number, name: string, counts: Partial<DisputeKpiRow> = {}): DisputeKpiRow => ({
  id,
  code: `33010200100${String(id).padStart(4, '0')}`,
  name,
  cases: 0,
  resolved: 0,
  resolvedAtGrid: 0,
  overdue: 0,
  repeats: 0,
  turnedCriminal: 0,
  resolutionRate: null,
  gridLevelShare: null,
  ...counts,
})

const rows = [
  row(1, '东湖社区', { cases: 12, overdue: 1, resolutionRate: 0.8, repeats: 2 }),
  row(2, '西山村', { cases: 30, overdue: 0, resolutionRate: 0.95 }),
  row(3, '南塘社区', { cases: 5, overdue: 3, resolutionRate: 0.4, turnedCriminal: 1 }),
  row(4, '北岭村', { cases: 0 }),
  row(5, '中心社区', { cases: 20, overdue: 1, resolutionRate: 0.9 }),
]
const names = (sorted: DisputeKpiRow[]) => sorted.map((r) => r.name)

describe('the per-area table’s order', () => {
  it('puts the most overdue areas first by default, the busier one first on a tie', () => {
    expect(names(sortAreaRows(rows, defaultAreaSort))).toEqual(['南塘社区', '中心社区', '东湖社区', '西山村', '北岭村'])
  })

  it('starts a column worst first: counts high to low, rates low to high, names in order', () => {
    expect(nextAreaSort(defaultAreaSort, 'cases')).toEqual({ column: 'cases', descending: true })
    expect(nextAreaSort(defaultAreaSort, 'resolutionRate')).toEqual({ column: 'resolutionRate', descending: false })
    expect(nextAreaSort(defaultAreaSort, 'name')).toEqual({ column: 'name', descending: false })
    expect(nextAreaSort(defaultAreaSort, 'overdue')).toEqual({ column: 'overdue', descending: false })
  })

  it('keeps an area without cases (no rate) last in either direction', () => {
    expect(names(sortAreaRows(rows, { column: 'resolutionRate', descending: false }))).toEqual(['南塘社区', '东湖社区', '中心社区', '西山村', '北岭村'])
    expect(names(sortAreaRows(rows, { column: 'resolutionRate', descending: true }))).toEqual(['西山村', '中心社区', '东湖社区', '南塘社区', '北岭村'])
  })

  it('sorts by counts and by name, and leaves the rows it was given alone', () => {
    const given = [...rows]
    expect(names(sortAreaRows(rows, { column: 'cases', descending: true }))).toEqual(['西山村', '中心社区', '东湖社区', '南塘社区', '北岭村'])
    expect(sortAreaRows(rows, { column: 'turnedCriminal', descending: true })[0]!.name).toBe('南塘社区')
    expect(names(sortAreaRows(rows, { column: 'name', descending: false }))).toEqual([...names(rows)].sort((a, b) => a.localeCompare(b, 'zh-CN')))
    expect(rows).toEqual(given)
  })
})

describe('the table’s colours', () => {
  it('rates against their targets, nothing without cases; overdue and 民转刑 red from one', () => {
    expect([0.95, 0.9, 0.8, 0.5, null].map(resolutionTone)).toEqual(['good', 'good', 'warn', 'bad', undefined])
    expect([0.7, 0.6, 0.2].map(gridShareTone)).toEqual(['good', 'warn', 'bad'])
    expect([0, 1, 7].map(zeroGoalTone)).toEqual([undefined, 'bad', 'bad'])
  })
})
