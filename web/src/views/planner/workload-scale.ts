import type { PlanScores } from '@gridwatch/server/contracts'
import type { Rgba } from '../../map/choropleth'

type Rgb = [number, number, number]

/** Deviation of a grid's workload from the plan's mean: light (blue) through balanced (grey) to heavy (red). */
export const deviationBreaks = [-0.5, -0.2, 0.2, 0.5] as const
export const deviationColors: Rgb[] = [
  [47, 127, 216],
  [127, 182, 232],
  [110, 118, 132],
  [242, 154, 107],
  [224, 67, 59],
]
const FILL_ALPHA = 160
export const noScoreColor: Rgba = [70, 80, 96, 70]

export interface WorkloadScale {
  /** Mean workload (incidents in 12 months) of the plan's grids; null without grids. */
  mean: number | null
  fills: ReadonlyMap<string, Rgba>
  /** (workload − mean) / mean per grid key. */
  deviation: ReadonlyMap<string, number>
}

/** The choropleth of the plan's grids by workload, as the deviation from the plan's mean. */
export function workloadScale(scores: PlanScores | null): WorkloadScale {
  const grids = scores?.grids ?? []
  if (grids.length === 0) return { mean: null, fills: new Map(), deviation: new Map() }
  const mean = grids.reduce((s, g) => s + g.incidents12m, 0) / grids.length
  const fills = new Map<string, Rgba>()
  const deviation = new Map<string, number>()
  for (const g of grids) {
    const d = mean > 0 ? (g.incidents12m - mean) / mean : 0
    deviation.set(g.key, d)
    let i = 0
    while (i < deviationBreaks.length && d >= deviationBreaks[i]!) i++
    const c = deviationColors[i]!
    fills.set(g.key, [c[0], c[1], c[2], FILL_ALPHA])
  }
  return { mean, fills, deviation }
}
