import { coverageColor } from '../../map/coverage-scale'
import { formatShare, rgbCss } from '../wall/format'

/**
 * A half-circle gauge of a share (road seen), with a second, thin arc for the other camera set (all
 * cameras behind online ones). A viewBox SVG: it scales with its panel on a phone and a desktop.
 */
export function CoverageGauge({ share, other, label }: { share: number | null; other?: number | null; label: string }) {
  const arc = (v: number, r: number) => {
    const a = Math.PI * (1 - Math.max(0, Math.min(1, v)))
    return `M ${50 - r} 50 A ${r} ${r} 0 0 1 ${50 + r * Math.cos(a)} ${50 - r * Math.sin(a)}`
  }
  const color = rgbCss(coverageColor(share), 1)
  return (
    <figure className="gauge" data-testid="coverage-gauge" data-value={share ?? ''}>
      <svg viewBox="0 0 100 58" role="img" aria-label={`${label} ${formatShare(share, 0)}`}>
        <path d={arc(1, 40)} className="gauge-track" />
        {other !== undefined && other !== null && other > 0 && <path d={arc(other, 40)} className="gauge-other" />}
        {share !== null && share > 0 && <path d={arc(share, 40)} style={{ stroke: color }} className="gauge-value" />}
        <text x="50" y="48" className="gauge-text" style={{ fill: color }}>
          {formatShare(share, 0)}
        </text>
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  )
}

/** A horizontal bar of a share in the choropleth's colour (a row of the per-grid list). */
export function ShareBar({ share, other }: { share: number | null; other?: number | null }) {
  return (
    <span className="share-bar" aria-hidden="true">
      {other !== undefined && other !== null && <span className="share-other" style={{ width: `${other * 100}%` }} />}
      {share !== null && <span className="share-value" style={{ width: `${share * 100}%`, background: rgbCss(coverageColor(share), 1) }} />}
    </span>
  )
}

/** Parts of a whole as one stacked bar (key-site statuses), each part in its colour. */
export function StackedBar({ parts }: { parts: { key: string; n: number; color: readonly number[]; label: string }[] }) {
  const total = parts.reduce((s, p) => s + p.n, 0)
  return (
    <div className="stacked" role="img" aria-label={parts.map((p) => `${p.label} ${p.n}`).join(', ')}>
      {parts.map((p) => (p.n > 0 ? <span key={p.key} data-part={p.key} style={{ flexGrow: p.n / Math.max(1, total), background: rgbCss(p.color) }}>{p.n}</span> : null))}
    </div>
  )
}
