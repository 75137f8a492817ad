import { api, readOk, type OkBody } from './client'

/**
 * Per-grid household colour counts in scope; `suppressBelow`: cells (a grid's total or one colour of
 * it) below this count come as null.
 */
export type HouseholdSummary = OkBody<Awaited<ReturnType<typeof api.api.households.summary.$get>>>
export type RiskColour = keyof HouseholdSummary['grids'][number]['colours'] & string

/** The four colours from least to most concern; the type check keeps the list complete. */
export const riskColourCss = { green: '#3ddc84', yellow: '#ffd23f', orange: '#ff9a3c', red: '#ff5252' } as const satisfies Record<RiskColour, string>
export const riskColours = Object.keys(riskColourCss) as RiskColour[]

/** Per-grid household colour counts in the signed-in user's scope (aggregates only, small cells suppressed). */
export async function loadHouseholdSummary(): Promise<HouseholdSummary> {
  return readOk(await api.api.households.summary.$get())
}

export interface ScopeTotals {
  grids: number
  /** Households in grids whose total is shown. */
  households: number
  /** Per colour, the sum of the counts the server showed. */
  colours: Record<RiskColour, number>
  /** Per colour, whether some grid's count of that colour was suppressed (the sum is then a lower bound). */
  partial: Record<RiskColour, boolean>
  /** Grids with at least one suppressed cell. */
  suppressedGrids: number
}

/** Adds up the published per-grid counts; suppressed cells stay unknown (never derived from the others). */
export function scopeTotals(summary: HouseholdSummary): ScopeTotals {
  const totals: ScopeTotals = {
    grids: summary.grids.length,
    households: 0,
    colours: { green: 0, yellow: 0, orange: 0, red: 0 },
    partial: { green: false, yellow: false, orange: false, red: false },
    suppressedGrids: 0,
  }
  for (const grid of summary.grids) {
    totals.households += grid.households ?? 0
    if (grid.suppressed) totals.suppressedGrids++
    for (const colour of riskColours) {
      const n = grid.colours[colour]
      if (n === null) totals.partial[colour] = true
      else totals.colours[colour] += n
    }
  }
  return totals
}
