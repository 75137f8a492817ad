import type { Locale } from '../../i18n/messages'

/** Numbers of the planner in the reader's language (grouping, decimals), with their units. */
export function plannerFormat(locale: Locale) {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })
  const two = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 })
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
  const signedPercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' })
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })
  /** Signed, typographic minus; a value that rounds to zero gets no sign ("0.00"): it reads as no change. */
  const signed = (options: Intl.NumberFormatOptions) => {
    const f = new Intl.NumberFormat(locale, { ...options, signDisplay: 'exceptZero' })
    return (n: number) => f.format(n).replace('-', '−')
  }
  const signedCount = signed({ maximumFractionDigits: 0 })
  const signedTwo = signed({ minimumFractionDigits: 2, maximumFractionDigits: 2 })
  const signedCompact = signed({ notation: 'compact', maximumFractionDigits: 1 })
  const signedPoints = signed({ style: 'percent', maximumFractionDigits: 1 })
  const none = (n: number | null | undefined): n is null | undefined => n === null || n === undefined
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
    /** km² without the unit (the column names it); three decimals below 0.1 km². */
    km2: (m2: number | null | undefined) => (none(m2) ? '—' : m2 < 100_000 ? three.format(m2 / 1e6) : two.format(m2 / 1e6)),
    /** From 10,000 on, compact: "1.2万" (zh), "12.3K" (en). */
    compact: (n: number | null | undefined) => (none(n) ? '—' : Math.abs(n) < 10_000 ? count.format(n) : compact.format(n)),
    /** Signed changes for the scores table; one that rounds to nothing has no sign. */
    signedCompact: (n: number) => (Math.abs(n) < 10_000 ? signedCount(n) : signedCompact(n)),
    signedKm2: (m2: number) => signedTwo(m2 / 1e6),
    signedM2: (m2: number) => `${signedCount(m2)} m²`,
    signedMetres: (m: number) => (Math.abs(m) < 1000 ? `${signedCount(m)} m` : `${signedTwo(m / 1000)} km`),
    signedRatio: signedTwo,
    /** A change of a share in percentage points: 0.121 → 0.153 is "+3.2%". */
    signedPoints,
    dateTime: (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—'),
  }
}
export type PlannerFormat = ReturnType<typeof plannerFormat>
