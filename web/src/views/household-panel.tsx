import { useEffect, useState } from 'react'
import { loadHouseholdSummary, riskColourCss, riskColours, scopeTotals, type RiskColour, type ScopeTotals } from '../api/households'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'

const colourLabels: Record<RiskColour, MessageKey> = { green: 'colourGreen', yellow: 'colourYellow', orange: 'colourOrange', red: 'colourRed' }

/**
 * 家庭评估分色 of the user's scope as four big totals: aggregates only (the server suppresses cells
 * under 3 households, and nothing here is derived from what it hid).
 */
export function HouseholdPanel({ gridsVersion = null }: { gridsVersion?: number | null } = {}) {
  const { t } = useI18n()
  const [state, setState] = useState<{ totals: ScopeTotals; suppressBelow: number } | { error: string } | null>(null)
  useEffect(() => {
    let cancelled = false
    loadHouseholdSummary()
      .then((summary) => !cancelled && setState({ totals: scopeTotals(summary), suppressBelow: summary.suppressBelow }))
      .catch((e: unknown) => !cancelled && setState({ error: e instanceof Error ? e.message : String(e) }))
    return () => {
      cancelled = true
    }
    // Counted per grid: a new boundary version changes the grids counted.
  }, [gridsVersion])
  return (
    <aside className="panel households" data-testid="household-summary" aria-labelledby="households-title">
      <h2 id="households-title">{t('householdRisk')}</h2>
      {state === null && <p className="muted">{t('working')}</p>}
      {state && 'error' in state && <p className="form-error">{`${t('loadFailed')}: ${state.error}`}</p>}
      {state && 'totals' in state && (
        <>
          <p className="muted" data-testid="household-scope">
            {t('householdScope', { grids: state.totals.grids, households: state.totals.households.toLocaleString() })}
          </p>
          <ul className="risk-totals">
            {riskColours.map((colour) => (
              <li key={colour} data-colour={colour} style={{ borderColor: riskColourCss[colour] }}>
                <span className="risk-value" style={{ color: riskColourCss[colour] }}>
                  {state.totals.partial[colour] ? '≥' : ''}
                  {state.totals.colours[colour].toLocaleString()}
                </span>
                <span className="risk-label">{t(colourLabels[colour])}</span>
              </li>
            ))}
          </ul>
          <p className="note">{t('householdSuppressed', { n: state.suppressBelow, grids: state.totals.suppressedGrids })}</p>
        </>
      )}
    </aside>
  )
}
