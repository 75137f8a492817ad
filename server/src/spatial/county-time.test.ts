import { describe, expect, it } from 'vitest'
import { localDayOf, localDayWindow, localMonthStarts, sameTimeLastYear, startOfLocalDay } from './county-time'

describe('county time (UTC+8, no daylight saving)', () => {
  it('puts 23:30 UTC on the next local day', () => {
    expect(localDayOf(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24')
    expect(localDayOf(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23')
  })

  it('starts a local day at 16:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z')
  })

  it('compares with the same wall-clock time a year earlier, 29 February falling back to the 28th', () => {
    expect(sameTimeLastYear(new Date('2026-11-24T01:02:03+08:00')).toISOString()).toBe(new Date('2025-11-24T01:02:03+08:00').toISOString())
    expect(sameTimeLastYear(new Date('2028-02-29T10:00:00+08:00')).toISOString()).toBe(new Date('2027-02-28T10:00:00+08:00').toISOString())
  })

  it('ends a running day at now and a past day at midnight', () => {
    const now = new Date('2026-11-24T09:00:00+08:00')
    expect(localDayWindow('2026-11-24', now).to).toEqual(now)
    expect(localDayWindow('2026-11-23', now).to.toISOString()).toBe('2026-11-23T16:00:00.000Z')
    expect(localDayWindow('2026-11-25', now).to.toISOString()).toBe(localDayWindow('2026-11-25', now).from.toISOString())
  })

  it('lists 12 local months oldest first, across a year boundary', () => {
    const months = localMonthStarts(new Date('2026-01-01T02:00:00+08:00'), 12)
    expect(months[0]!.month).toBe('2025-02')
    expect(months[11]).toEqual({ month: '2026-01', start: new Date('2026-01-01T00:00:00+08:00') })
  })
})
