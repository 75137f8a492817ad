import type { PlanSuggestion } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import type { PlannerFormat } from './format'
import { SuggestionChart } from './suggestion-chart'
import { figureChange, type FigureChange, type WorkloadBar } from './suggestion-preview'
import type { SuggestionState } from './use-suggestion'

export interface SuggestionPanelProps {
  state: SuggestionState
  /** A suggestion may be asked for: an editable draft whose edits are all saved. */
  canAsk: boolean
  /** The plan was saved (elsewhere) since the suggestion was made: accepting it would undo that. */
  stale: boolean
  /** Per-grid workloads before and after, when the scores of the suggestion's revision are at hand. */
  bars: readonly WorkloadBar[] | null
  nameOf: (key: string) => string
  onAsk: () => void
  onAccept: (suggestion: PlanSuggestion) => void
  onReject: () => void
  fmt: PlannerFormat
}

/**
 * 建议方案: asks the server for block moves that even out the workload, and previews them (the map
 * shows the blocks) as the balance before → after, a chart per grid and the list of moves; accepting
 * saves the moved grids as the draft's next revision, rejecting leaves the plan as it is.
 */
export function SuggestionPanel(p: SuggestionPanelProps) {
  const { t } = useI18n()
  const { state } = p
  const suggestion = state.status === 'shown' ? state.suggestion : null
  return (
    <section className="planner-section suggestion" data-testid="suggestion" data-state={state.status} data-moves={suggestion ? suggestion.moves.length : ''}>
      <div className="section-head">
        <h2>{t('suggestTitle')}</h2>
        {!suggestion && (
          <button className="primary" disabled={!p.canAsk || state.status === 'busy'} onClick={p.onAsk} data-action="suggest" aria-busy={state.status === 'busy'}>
            {state.status === 'busy' ? t('suggestBusy') : t('suggestAsk')}
          </button>
        )}
      </div>
      {!suggestion && <p className="small muted">{t('suggestHint')}</p>}
      {state.status === 'failed' && <p className="form-error">{t('suggestFailed', { message: state.message })}</p>}
      {suggestion && <SuggestionPreview {...p} suggestion={suggestion} />}
    </section>
  )
}

function SuggestionPreview({ suggestion, stale, bars, nameOf, onAccept, onReject, fmt }: SuggestionPanelProps & { suggestion: PlanSuggestion }) {
  const { t } = useI18n()
  const cv = figureChange(suggestion.before.workloadCv, suggestion.after.workloadCv)
  const ratio = figureChange(suggestion.before.maxMinRatio, suggestion.after.maxMinRatio)
  if (suggestion.moves.length === 0) {
    return (
      <>
        <p className="success" data-testid="suggestion-empty">
          {t('suggestNone', { cv: fmt.precise(cv.before) })}
        </p>
        <div className="row-buttons">
          <button onClick={onReject} data-action="reject-suggestion">
            {t('suggestClose')}
          </button>
        </div>
      </>
    )
  }
  const moved = suggestion.moves.reduce((s, m) => s + m.incidents12m, 0)
  return (
    <>
      <p className="suggest-lead">{t('suggestLead', { n: suggestion.moves.length, incidents: fmt.count(moved) })}</p>
      <table className="compare suggestion-balance" data-testid="suggestion-balance">
        <thead>
          <tr>
            <th />
            <th>{t('suggestBefore')}</th>
            <th />
            <th className="current">{t('suggestAfter')}</th>
            <th>{t('suggestChange')}</th>
          </tr>
        </thead>
        <tbody>
          <FigureRow figure="workloadCv" label="workloadCv" change={cv} show={fmt.precise} fmt={fmt} />
          <FigureRow figure="maxMinRatio" label="maxMinRatio" change={ratio} show={fmt.ratio} fmt={fmt} />
        </tbody>
      </table>
      {bars && <SuggestionChart bars={bars} fmt={fmt} />}
      <h3>{t('suggestMoves')}</h3>
      <ol className="move-list" data-testid="suggestion-moves">
        {suggestion.moves.map((m, i) => (
          <li key={i} data-from={m.from} data-to={m.to} data-incidents={m.incidents12m}>
            <span className="move-no">{i + 1}</span>
            <span className="move-grids">
              {nameOf(m.from)} <span className="arrow">→</span> {nameOf(m.to)}
            </span>
            <span className="move-figures small">{t('suggestMoveFigures', { incidents: fmt.count(m.incidents12m), households: fmt.count(m.households), area: fmt.area(m.areaM2) })}</span>
          </li>
        ))}
      </ol>
      {stale && <p className="small warn-text">{t('suggestStale')}</p>}
      <div className="row-buttons">
        <button className="primary" disabled={stale} onClick={() => onAccept(suggestion)} data-action="accept-suggestion">
          {t('suggestAccept')}
        </button>
        <button onClick={onReject} data-action="reject-suggestion">
          {t('suggestReject')}
        </button>
      </div>
    </>
  )
}

interface FigureRowProps {
  figure: string
  label: MessageKey
  change: FigureChange
  show: (n: number | null) => string
  fmt: PlannerFormat
}

/** One balance figure: before → after and the relative change, green when it went down. */
function FigureRow({ figure, label, change, show, fmt }: FigureRowProps) {
  const { t } = useI18n()
  return (
    <tr data-figure={figure} data-before={change.before ?? ''} data-after={change.after ?? ''} data-verdict={change.verdict ?? 'same'}>
      <th>{t(label)}</th>
      <td className="muted">{show(change.before)}</td>
      <td className="muted">→</td>
      <td className={change.verdict ?? undefined}>{show(change.after)}</td>
      <td className={change.verdict ?? 'muted'}>{fmt.signedPercent(change.change)}</td>
    </tr>
  )
}
