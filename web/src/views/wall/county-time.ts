/**
 * The county's clock. China keeps one time zone without daylight saving; the browser's time-zone
 * database gives the county's calendar day wherever the wall screen's computer is set.
 */
const COUNTY_TIME_ZONE = 'Asia/Shanghai'
const DAY_MS = 86_400_000

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: COUNTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: COUNTY_TIME_ZONE, timeZoneName: 'longOffset' })

/** YYYY-MM-DD of an instant in the county. */
export const countyDay = (at: Date) => dayFormat.format(at)

/** Midnight of the county day that contains `at`. */
export function countyMidnight(at: Date): Date {
  const offset = offsetFormat.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value.replace('GMT', '') || '+00:00'
  return new Date(`${countyDay(at)}T00:00:00${offset}`)
}

/** The windows the wall offers: what is loaded on the map and what the grid colours count. */
export const timeWindows = ['today', '7d', '30d', '12m'] as const
export type TimeWindow = (typeof timeWindows)[number]

export function windowStart(window: TimeWindow, now: Date): Date {
  if (window === 'today') return countyMidnight(now)
  const days = window === '7d' ? 7 : window === '30d' ? 30 : 365
  return new Date(now.getTime() - days * DAY_MS)
}

/** Clock time in the county, HH:MM(:SS). */
export function countyTime(at: Date | number, seconds = false) {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: COUNTY_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined, hourCycle: 'h23' }).format(at)
}

/** Date and time in the county, e.g. 11-24 09:30. */
export function countyDateTime(at: Date | number) {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: COUNTY_TIME_ZONE, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}
