import type { GridScore } from '@gridwatch/server/contracts'
import type { MessageKey } from '../../i18n/messages'
import type { PlannerFormat } from './format'

/**
 * The numeric columns of the scores table: how a grid's figure reads, and how its change against the
 * grid in force it came from reads (compact, signed; none when it rounds to nothing).
 */
export type ScoreKey = 'incidents12m' | 'areaM2' | 'population' | 'households' | 'openDisputes' | 'cameraAreaPct' | 'nearestPostM' | 'compactness' | 'parts'

export interface ScoreColumn {
  key: ScoreKey
  label: MessageKey
  hint: MessageKey
  /** The figure as shown in the cell. */
  show: (fmt: PlannerFormat, value: number | null) => string
  /** A change as shown under it ("+12", "−0.03"); unsigned ("±0", "0.00") when it rounds to nothing. */
  change: (fmt: PlannerFormat, delta: number) => string
}

/** Below this many m² an area change reads in m², not as "0.00" km². */
const SMALL_AREA_M2 = 5_000

export const scoreColumns: readonly ScoreColumn[] = [
  { key: 'incidents12m', label: 'colWorkload', hint: 'colWorkloadHint', show: (f, v) => f.count(v), change: (f, d) => f.change(d) },
  { key: 'areaM2', label: 'colArea', hint: 'colAreaHint', show: (f, v) => f.km2(v), change: (f, d) => (Math.abs(d) < SMALL_AREA_M2 ? f.signedM2(d) : f.signedKm2(d)) },
  { key: 'population', label: 'colPopulation', hint: 'colChangeHint', show: (f, v) => f.compact(v), change: (f, d) => f.signedCompact(d) },
  { key: 'households', label: 'colHouseholds', hint: 'colChangeHint', show: (f, v) => f.compact(v), change: (f, d) => f.signedCompact(d) },
  { key: 'openDisputes', label: 'colDisputes', hint: 'colChangeHint', show: (f, v) => f.count(v), change: (f, d) => f.change(d) },
  { key: 'cameraAreaPct', label: 'colCamera', hint: 'colCameraHint', show: (f, v) => f.percent(v), change: (f, d) => f.signedPoints(d) },
  { key: 'nearestPostM', label: 'colPost', hint: 'colChangeHint', show: (f, v) => f.metres(v), change: (f, d) => f.signedMetres(d) },
  { key: 'compactness', label: 'colCompactness', hint: 'colChangeHint', show: (f, v) => f.ratio(v), change: (f, d) => f.signedRatio(d) },
  { key: 'parts', label: 'colParts', hint: 'colChangeHint', show: (f, v) => f.count(v), change: (f, d) => f.change(d) },
]

/** Signed formats leave a change that rounds to nothing unsigned ("0.00", "±0"): it is no change. */
const signedText = /^[+−]/

/**
 * The change of a figure against the grid in force it came from, as shown, with its direction; null
 * for a grid without one (new) or when it shows as no change.
 */
export function scoreChange(column: ScoreColumn, fmt: PlannerFormat, grid: GridScore, published: GridScore | null): { text: string; direction: 'up' | 'down' } | null {
  const now = grid[column.key]
  const before = published?.[column.key]
  if (now === null || before === null || before === undefined) return null
  const delta = now - before
  const text = column.change(fmt, delta)
  if (!signedText.test(text)) return null
  return { text, direction: delta > 0 ? 'up' : 'down' }
}
