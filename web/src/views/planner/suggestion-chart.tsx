import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'
import type { WorkloadBar } from './suggestion-preview'

export interface SuggestionChartProps {
  bars: readonly WorkloadBar[]
  fmt: PlannerFormat
}

/**
 * Each grid's workload before (grey) and after (cyan) the suggested moves, busiest first, with the
 * mean (the same before and after: moves only shift incidents between grids) as a line.
 */
export function SuggestionChart({ bars, fmt }: SuggestionChartProps) {
  const { t } = useI18n()
  if (bars.length === 0) return null
  const max = Math.max(1, ...bars.flatMap((b) => [b.before, b.after]))
  const mean = bars.reduce((s, b) => s + b.before, 0) / bars.length
  const pct = (n: number) => `${(Math.max(0, n) / max) * 100}%`
  return (
    <figure className="workload-chart" data-testid="suggestion-chart" aria-label={t('suggestChart')}>
      <figcaption className="small muted">
        <span className="key before" /> {t('suggestBefore')}
        <span className="key after" /> {t('suggestAfter')}
        <span className="key mean" /> {t('suggestMean', { mean: fmt.count(mean) })}
      </figcaption>
      {bars.map((b) => (
        <div key={b.key} className={`chart-row${b.after !== b.before ? ' changed' : ''}`} data-key={b.key} data-before={b.before} data-after={b.after}>
          <span className="chart-name" title={b.name}>
            {b.name}
          </span>
          <span className="chart-track">
            <span className="bar before" style={{ width: pct(b.before) }} />
            <span className="bar after" style={{ width: pct(b.after) }} />
            <span className="mean-line" style={{ left: pct(mean) }} />
          </span>
          <span className="chart-value">{b.after === b.before ? fmt.count(b.after) : `${fmt.count(b.before)} → ${fmt.count(b.after)}`}</span>
        </div>
      ))}
    </figure>
  )
}
