import type { Locale } from '../../i18n/messages'

/** Numbers of the planner in the reader's language (grouping, decimals), with their units. */
export function plannerFormat(locale: Locale) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const signedPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })
  return {
    count: (n: number | null | undefined) => (n === null || n === undefined ? '—' : count.format(n)),
    ratio: (n: number | null | undefined) => (n === null || n === undefined ? '—' : two.format(n)),
    /** Three decimals, where two would hide a small change (a suggestion's coefficient of variation). */
    precise: (n: number | null | undefined) => (n === null || n === undefined ? '—' : three.format(n)),
    percent: (n: number | null | undefined) => (n === null || n === undefined ? '—' : percent.format(n)),
    /** A relative change: "+5%", "-26.1%". */
    signedPercent: (n: number | null | undefined) => (n === null || n === undefined ? '—' : signedPercent.format(n)),
    /** Below a hectare in m², above it in km². */
    area: (m2: number | null | undefined) => (m2 === null || m2 === undefined ? '—' : m2 < 10_000 ? `${count.format(m2)} m²` : `${two.format(m2 / 1e6)} km²`),
    metres: (m: number | null | undefined) => (m === null || m === undefined ? '—' : m < 1000 ? `${count.format(m)} m` : `${two.format(m / 1000)} km`),
    /** A signed change: "+12", "−3", "±0". */
    change: (n: number) => (n > 0 ? `+${count.format(n)}` : n < 0 ? `−${count.format(-n)}` : '±0'),
    dateTime: (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
  }
}
export type PlannerFormat = ReturnType<typeof plannerFormat>
