import { COUNTY_UTC_OFFSET_MS } from '../contracts/wall'

const DAY = 86_400_000
const pad = (n: number) => String(n).padStart(2, '0')

/** The county's local calendar day (YYYY-MM-DD) of an instant. */
export function localDayOf(instant: Date): string {
  const local = new Date(instant.getTime() + COUNTY_UTC_OFFSET_MS)
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
}

/** Midnight of a local day (YYYY-MM-DD), as an instant. */
export function startOfLocalDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d) - COUNTY_UTC_OFFSET_MS)
}

/** The same local wall-clock time one calendar year earlier (29 February falls back to the 28th). */
export function sameTimeLastYear(instant: Date): Date {
  const local = new Date(instant.getTime() + COUNTY_UTC_OFFSET_MS)
  const y = local.getUTCFullYear() - 1
  const m = local.getUTCMonth()
  const lastDayOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const shifted = Date.UTC(y, m, Math.min(local.getUTCDate(), lastDayOfMonth), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds())
  return new Date(shifted - COUNTY_UTC_OFFSET_MS)
}

/** Starts of `count` consecutive local calendar months ending with the month of `instant`, oldest first. */
export function localMonthStarts(instant: Date, count: number): { month: string; start: Date }[] {
  const local = new Date(instant.getTime() + COUNTY_UTC_OFFSET_MS)
  return Array.from({ length: count }, (_, i) => {
    const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - (count - 1 - i), 1))
    return { month: `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}`, start: new Date(first.getTime() - COUNTY_UTC_OFFSET_MS) }
  })
}

/** [from, to) of a local day; `to` stops at `now` while the day is still running. */
export function localDayWindow(day: string, now: Date): { from: Date; to: Date } {
  const from = startOfLocalDay(day)
  const end = new Date(from.getTime() + DAY)
  return { from, to: now < end ? (now > from ? now : from) : end }
}
