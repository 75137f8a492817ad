import type { GridStats } from '../api/map-data'

/** What the grid colours show. */
export const gridKpis = ['incidents', 'yearOverYear', 'onSceneWithin8Min', 'openDisputes'] as const
export type GridKpi = (typeof gridKpis)[number]

type Rgb = [number, number, number]
export type Rgba = [number, number, number, number]

/** One colour class of the legend: values in [from, to) (open ends are null). */
export interface ChoroplethClass {
  from: number | null
  to: number | null
  color: Rgb
}

export interface ChoroplethScale {
  kpi: GridKpi
  /** 'count' classes are integer ranges; 'share' values are fractions (0.25 = 25 %). */
  unit: 'count' | 'share'
  classes: ChoroplethClass[]
  colorOf(value: number | null): Rgba
}

const FILL_ALPHA = 150
export const noDataColor: Rgb = [70, 80, 96]

/** Low to high on a dark map: calm violet to bright yellow (counts: more is hotter). */
const sequential: Rgb[] = [
  [58, 52, 110],
  [122, 58, 143],
  [196, 72, 122],
  [240, 118, 80],
  [253, 200, 90],
]
/** Fewer (blue) through unchanged (grey) to more (red) than a year earlier. */
const diverging: Rgb[] = [
  [47, 127, 216],
  [127, 182, 232],
  [110, 118, 132],
  [242, 154, 107],
  [224, 67, 59],
]
/** A response rate: red below target, green when nearly every incident is reached in time. */
const goodHigh: Rgb[] = [
  [224, 67, 59],
  [238, 138, 60],
  [227, 199, 95],
  [143, 209, 106],
  [47, 191, 113],
]

/** The value a grid has for a KPI; null when there is nothing to measure (no incidents reached the step). */
export function kpiValue(stats: GridStats, kpi: GridKpi): number | null {
  if (kpi === 'incidents') return stats.incidents
  if (kpi === 'yearOverYear') return stats.yearOverYear
  if (kpi === 'onSceneWithin8Min') return stats.onSceneWithin8Min
  return stats.openDisputes
}

/** Colour classes for a KPI over the values of the grids in view. */
export function choroplethScale(kpi: GridKpi, values: readonly (number | null)[]): ChoroplethScale {
  if (kpi === 'yearOverYear') return fixedScale(kpi, [-0.3, -0.1, 0.1, 0.3], diverging)
  if (kpi === 'onSceneWithin8Min') return fixedScale(kpi, [0.5, 0.7, 0.85, 0.95], goodHigh)
  return countScale(kpi, values.filter((v): v is number => v !== null))
}

function fixedScale(kpi: GridKpi, breaks: number[], colors: Rgb[]): ChoroplethScale {
  const classes = colors.map((color, i) => ({ from: i === 0 ? null : breaks[i - 1]!, to: i === breaks.length ? null : breaks[i]!, color }))
  return { kpi, unit: 'share', classes, colorOf: (v) => withAlpha(v === null ? null : classes[classIndex(breaks, v)]!.color) }
}

/**
 * Counts: zero is a class of its own (a quiet grid), the rest split at rounded quantiles so each
 * colour holds a similar number of grids whatever the window (a day or a year).
 */
function countScale(kpi: GridKpi, values: number[]): ChoroplethScale {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b)
  const breaks = [1]
  for (const q of [0.25, 0.5, 0.75]) {
    if (positive.length === 0) break
    const b = niceCeil(positive[Math.min(positive.length - 1, Math.floor(q * positive.length))]! + 1)
    if (b > breaks[breaks.length - 1]!) breaks.push(b)
  }
  const colors = sequential.slice(sequential.length - breaks.length - 1)
  const classes = colors.map((color, i) => ({ from: i === 0 ? 0 : breaks[i - 1]!, to: i === breaks.length ? null : breaks[i]!, color }))
  return { kpi, unit: 'count', classes, colorOf: (v) => withAlpha(v === null ? null : classes[classIndex(breaks, v)]!.color) }
}

const classIndex = (breaks: number[], v: number) => {
  let i = 0
  while (i < breaks.length && v >= breaks[i]!) i++
  return i
}

const withAlpha = (c: Rgb | null): Rgba => (c ? [c[0], c[1], c[2], FILL_ALPHA] : [noDataColor[0], noDataColor[1], noDataColor[2], 90])

/** Rounds up to 1, 2, 2.5 or 5 times a power of ten, so legend numbers read easily. */
function niceCeil(n: number) {
  if (n <= 10) return Math.ceil(n)
  const p = 10 ** Math.floor(Math.log10(n))
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return Math.ceil(m * p)
  return Math.ceil(n)
}
