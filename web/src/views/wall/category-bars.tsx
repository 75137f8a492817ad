import type { WallKpis } from '@gridwatch/server/contracts'
import type { CategoryLookup } from './category-lookup'
import { rgbCss } from './format'

/**
 * Today's incidents per category as horizontal bars, with last year's same day as a faint bar behind:
 * a glance tells which kind of call is up. Plain HTML bars, sized in em, so they grow with the wall.
 */
export function CategoryBars({ rows, categories, limit = 6 }: { rows: WallKpis['incidents']['byCategory']; categories: CategoryLookup; limit?: number }) {
  const shown = rows.slice(0, limit)
  const max = Math.max(1, ...shown.map((r) => Math.max(r.today, r.sameDayLastYear)))
  return (
    <ul className="category-bars">
      {shown.map((r) => (
        <li key={r.code} data-category={r.code}>
          <span className="category-name">{categories.name(r.code)}</span>
          <span className="category-track">
            <span className="category-last-year" style={{ width: `${(100 * r.sameDayLastYear) / max}%` }} />
            <span className="category-today" style={{ width: `${(100 * r.today) / max}%`, background: rgbCss(categories.color(r.code)) }} />
          </span>
          <span className="category-count">{r.today}</span>
        </li>
      ))}
    </ul>
  )
}
