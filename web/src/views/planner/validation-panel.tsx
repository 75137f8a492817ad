import type { PlanProblem, PlanValidation } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import type { PlannerFormat } from './format'

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

const kindMessages: Record<PlanProblem['kind'], MessageKey> = {
  invalid_geometry: 'probInvalid',
  overlap: 'probOverlap',
  gap: 'probGap',
  outside_community: 'probOutside',
  no_officer: 'probNoOfficer',
  duplicate_code: 'probDuplicate',
  foreign_officer: 'probForeign',
}

/**
 * The server's findings against the drawing rules, errors first. In Chinese each reads from its kind
 * and the grids' names; in English the server's own sentence (it names the community or officer too).
 */
export function ValidationPanel({ validation, updating, error, nameOf, chosen, onChoose, fmt }: ValidationPanelProps) {
  const { t, locale } = useI18n()
  const problems = validation?.problems ?? []
  const errors = problems.filter((p) => p.severity === 'error').length
  const message = (p: PlanProblem) => {
    if (locale === 'en') return p.message
    const names = p.grids.map(nameOf)
    const key = p.kind === 'gap' && names.length > 0 ? 'probGapNear' : kindMessages[p.kind]
    return t(key, { a: names[0] ?? '?', b: names[1] ?? '?', names: names.map((n) => `“${n}”`).join('、') })
  }
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
