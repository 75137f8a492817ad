import type { PlanProblem, PlanValidation } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'
import { problemMessage } from './problem-message'

export interface ValidationPanelProps {
  validation: PlanValidation | null
  updating: boolean
  error: string | null
  /** Grid names by key (the plan as drawn). */
  nameOf: (key: string) => string
  chosen: PlanProblem | null
  onChoose: (problem: PlanProblem) => void
  fmt: PlannerFormat
}

/**
 * The server's findings against the drawing rules, errors first. In Chinese each is written from its
 * kind, the grids' names and the details (community, officer, station, code) the server names; in
 * English it is the server's own sentence.
 */
export function ValidationPanel({ validation, updating, error, nameOf, chosen, onChoose, fmt }: ValidationPanelProps) {
  const { t, locale } = useI18n()
  const problems = validation?.problems ?? []
  const errors = problems.filter((p) => p.severity === 'error').length
  const message = (p: PlanProblem) => (locale === 'en' ? p.message : problemMessage(p, nameOf, t))
  return (
    <section className="planner-section" data-testid="validation" data-errors={validation ? errors : ''} aria-busy={updating}>
      <div className="section-head">
        <h2>{t('validation')}</h2>
        <span className="small muted">{updating ? t('scoresUpdating') : validation ? t('problemCount', { errors, warnings: problems.length - errors }) : ''}</span>
      </div>
      {error && <p className="form-error">{error}</p>}
      {validation && problems.length === 0 && <p className="success small">{t('noProblems')}</p>}
      <ul className="problem-list">
        {problems.map((p, i) => (
          <li key={`${p.kind}:${p.grids.join()}:${i}`}>
            <button className={chosen === p ? 'selected' : undefined} data-kind={p.kind} data-severity={p.severity} onClick={() => onChoose(p)}>
              <span className={`severity ${p.severity}`} aria-label={t(p.severity === 'error' ? 'severityError' : 'severityWarning')}>
                {p.severity === 'error' ? '✖' : '!'}
              </span>
              <span className="problem-text">{message(p)}</span>
              {p.areaM2 !== null && <span className="problem-area">{fmt.area(p.areaM2)}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
