import type { GridCard } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'

const W = 240
const H = 80
const PAD_BOTTOM = 14

/**
 * Twelve months of incidents as bars (this year) with a line for the same months a year earlier.
 * A viewBox SVG: it scales with its panel, so the same chart reads on a phone and on a 4K wall.
 */
export function TrendChart({ trend }: { trend: GridCard['trend'] }) {
  const { t } = useI18n()
  const max = Math.max(1, ...trend.flatMap((m) => [m.incidents, m.lastYear]))
  const step = W / Math.max(1, trend.length)
  const y = (v: number) => H - PAD_BOTTOM - (v / max) * (H - PAD_BOTTOM - 4)
  const line = trend.map((m, i) => `${(i + 0.5) * step},${y(m.lastYear)}`).join(' ')
  return (
    <figure className="trend" data-testid="grid-trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('trend12')}>
        {trend.map((m, i) => (
          <rect key={m.month} className="trend-bar" x={i * step + step * 0.18} width={step * 0.64} y={y(m.incidents)} height={H - PAD_BOTTOM - y(m.incidents)}>
            <title>{`${m.month}: ${m.incidents} (${m.lastYear})`}</title>
          </rect>
        ))}
        <polyline className="trend-line" points={line} />
        {trend.map((m, i) => (
          <text key={m.month} className="trend-month" x={(i + 0.5) * step} y={H - 3}>
            {Number(m.month.slice(5))}
          </text>
        ))}
      </svg>
      <figcaption>
        <span className="legend-bar" />
        {t('thisYear')}
        <span className="legend-line" />
        {t('yearBefore')}
      </figcaption>
    </figure>
  )
}
