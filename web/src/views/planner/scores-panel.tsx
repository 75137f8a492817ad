import type { PlanBalance, PlanScores } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { rgbCss } from '../wall/format'
import type { PlannerFormat } from './format'
import { scoreChange, scoreColumns } from './score-columns'
import { deviationColors, type WorkloadScale } from './workload-scale'

export interface ScoresPanelProps {
  scores: PlanScores | null
  /** The scores answer an older revision than the plan's (a save or a recount is under way). */
  updating: boolean
  error: string | null
  scale: WorkloadScale
  selected: readonly string[]
  onSelect: (key: string) => void
  fmt: PlannerFormat
}

/** Which way is better for each balance figure (null: neither). */
const balanceRows: { key: keyof PlanBalance; label: MessageKey; better: 'lower' | 'higher' | null; kind: 'count' | 'ratio' }[] = [
  { key: 'grids', label: 'balanceGrids', better: null, kind: 'count' },
  { key: 'maxMinRatio', label: 'maxMinRatio', better: 'lower', kind: 'ratio' },
  { key: 'workloadCv', label: 'workloadCv', better: 'lower', kind: 'ratio' },
  { key: 'meanCompactness', label: 'meanCompactness', better: 'higher', kind: 'ratio' },
  { key: 'fragmented', label: 'fragmented', better: 'lower', kind: 'count' },
]

/** A column head written on two lines, as one: "最近警务室", "Nearest post". */
const oneLine = (label: string) => label.replace(/(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])/g, '').replace(/\n/g, ' ')

/** Tolerance below which a change of a balance figure is "the same". */
const SAME = 1e-6

/** The plan's balance next to the version in force, and every grid's workload and shape. */
export function ScoresPanel({ scores, updating, error, scale, selected, onSelect, fmt }: ScoresPanelProps) {
  const { t } = useI18n()
  return (
    <section className="planner-section" data-testid="scores" data-revision={scores?.revision ?? ''} aria-busy={updating}>
      <div className="section-head">
        <h2>{t('balance')}</h2>
        <span className="small muted">{updating ? t('scoresUpdating') : scores ? t('scoresComputed', { revision: scores.revision, ms: scores.computedMs }) : ''}</span>
      </div>
      {error && <p className="form-error">{error}</p>}
      {scores && (
        <table className="compare balance" data-testid="balance">
          <thead>
            <tr>
              <th />
              <th className="current">{t('planCol')}</th>
              <th>{t('inForceCol')}</th>
            </tr>
          </thead>
          <tbody>
            {balanceRows.map((row) => {
              const plan = scores.plan[row.key]
              const now = scores.published[row.key]
              const show = (v: number | null) => (row.kind === 'count' ? fmt.count(v) : fmt.ratio(v))
              const verdict = row.better === null || plan === null || now === null || Math.abs(plan - now) < SAME ? null : (plan < now) === (row.better === 'lower') ? 'better' : 'worse'
              return (
                <tr key={row.key} data-figure={row.key} data-verdict={verdict ?? 'same'}>
                  <th>{t(row.label)}</th>
                  <td className={verdict ?? undefined}>
                    {show(plan)}
                    {verdict && (
                      <span className="verdict" title={t(verdict)}>
                        {(plan ?? 0) > (now ?? 0) ? ' ▲' : ' ▼'}
                      </span>
                    )}
                  </td>
                  <td className="muted">{show(now)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <div className="workload-legend">
        <span className="small muted">{t('legendWorkload', { mean: scale.mean === null ? '—' : fmt.count(scale.mean) })}</span>
        <div className="workload-bar">
          {deviationColors.map((c, i) => (
            <span key={i} style={{ background: rgbCss(c) }} />
          ))}
        </div>
        <div className="legend-ends small muted">
          <span>{t('legendLight')}</span>
          <span>{t('legendBalanced')}</span>
          <span>{t('legendHeavy')}</span>
        </div>
      </div>
      <h2>{t('scores')}</h2>
      <div className="table-scroll">
        <table className="scores-table" data-testid="scores-table">
          <thead>
            <tr>
              <th>{t('colName')}</th>
              {scoreColumns.map((c) => (
                <th key={c.key} className="num" title={`${oneLine(t(c.label))}: ${t(c.hint)}`} data-col={c.key}>
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(scores?.grids ?? []).map((g) => {
              const fill = scale.fills.get(g.key)
              return (
                <tr key={g.key} data-key={g.key} data-workload={g.incidents12m} className={selected.includes(g.key) ? 'selected' : undefined} onClick={() => onSelect(g.key)}>
                  <td className="grid-cell">
                    <span className="swatch" style={{ background: fill ? rgbCss(fill) : 'transparent' }} />
                    <span className="grid-name">
                      {g.name}
                      <span className="code mono">{g.code ?? <span className="badge new">{t('newBadge')}</span>}</span>
                    </span>
                  </td>
                  {scoreColumns.map((c) => {
                    const change = scoreChange(c, fmt, g, g.published)
                    const bad = c.key === 'parts' && g.parts > 1
                    return (
                      <td key={c.key} className={`num${bad ? ' bad' : ''}`} data-col={c.key}>
                        {c.key === 'incidents12m' ? <strong>{c.show(fmt, g[c.key])}</strong> : c.show(fmt, g[c.key])}
                        {change && <span className={`delta ${change.direction}`}>{change.text}</span>}
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
