import type { DisputeKpiRow } from '@gridwatch/server/contracts'
import type { KpiLevel } from '../../api/disputes'
import type { MessageKey } from '../../i18n/messages'

/** The levels the per-area table offers (the county is the strip itself), widest first. */
export const areaLevels = ['township', 'community', 'grid'] as const satisfies readonly KpiLevel[]
export type AreaLevel = (typeof areaLevels)[number]
export const areaLevelLabels: Record<AreaLevel, MessageKey> = { township: 'dspAreaTownship', community: 'dspAreaCommunity', grid: 'dspAreaGrid' }

export const areaColumns = ['name', 'cases', 'resolutionRate', 'gridLevelShare', 'overdue', 'repeats', 'turnedCriminal'] as const
export type AreaColumn = (typeof areaColumns)[number]
export type AreaSort = { column: AreaColumn; descending: boolean }

/** A chief wants the areas in trouble on top: most cases past their deadline, then the busiest. */
export const defaultAreaSort: AreaSort = { column: 'overdue', descending: true }

/**
 * The direction a column sorts in on its first click, worst first: counts of trouble high to low, rates
 * low to high (the weakest 化解率 on top), names in order.
 */
const worstFirst: Record<AreaColumn, boolean> = { name: false, cases: true, resolutionRate: false, gridLevelShare: false, overdue: true, repeats: true, turnedCriminal: true }

/** Clicking a column head: the same column flips its direction, another starts worst first. */
export const nextAreaSort = (current: AreaSort, column: AreaColumn): AreaSort =>
  current.column === column ? { column, descending: !current.descending } : { column, descending: worstFirst[column] }

const byName = (a: DisputeKpiRow, b: DisputeKpiRow) => a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code)

/**
 * The rows in the chosen order. Ties fall back to the most cases, then the name, so the order is stable
 * between reloads. A rate without cases (null) says nothing about the area: always last, either way.
 */
export function sortAreaRows(rows: readonly DisputeKpiRow[], sort: AreaSort): DisputeKpiRow[] {
  const sign = sort.descending ? -1 : 1
  const compare = (a: DisputeKpiRow, b: DisputeKpiRow): number => {
    if (sort.column === 'name') return sign * byName(a, b)
    const x = a[sort.column]
    const y = b[sort.column]
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1
    return sign * (x - y)
  }
  return [...rows].sort((a, b) => compare(a, b) || b.cases - a.cases || byName(a, b))
}

export type Tone = 'good' | 'warn' | 'bad' | undefined

/** A rate's colour against its targets (at or above `good`, at or above `warn`, below); none without cases. */
export const rateTone = (rate: number | null, good: number, warn: number): Tone => (rate === null ? undefined : rate >= good ? 'good' : rate >= warn ? 'warn' : 'bad')

/** The targets the strip and the table colour their rates by: 化解率 and the share settled at grid level. */
export const resolutionTone = (rate: number | null) => rateTone(rate, 0.9, 0.75)
export const gridShareTone = (share: number | null) => rateTone(share, 0.7, 0.5)

/** Overdue cases and 民转刑 have a goal of zero: any is red. */
export const zeroGoalTone = (n: number): Tone => (n > 0 ? 'bad' : undefined)
