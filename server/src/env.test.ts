import { describe, expect, it } from 'vitest'
import { parseEnv } from './env'

describe('dispute deadlines from GRIDWATCH_DISPUTE_DEADLINE_DAYS', () => {
  const days = (value: string | undefined) => parseEnv(value === undefined ? {} : { GRIDWATCH_DISPUTE_DEADLINE_DAYS: value }).disputeDeadlineDays

  it('defaults to 7, 15 and 30 days, and takes the tiers in any order', () => {
    expect(days(undefined)).toEqual({ grid: 7, township: 15, county: 30 })
    expect(days('county=60, grid=3 ,township=10')).toEqual({ grid: 3, township: 10, county: 60 })
  })

  it('refuses a missing, repeated, zero or unreadable tier, naming the variable and the expected form', () => {
    for (const bad of ['grid=7,township=15', 'grid=7,township=15,county=0', 'grid=7,township=15,county=30,grid=8', 'grid=7,township=15,county=x', 'grid=7,town=15,county=30', 'grid=7,township=15,county=400']) {
      expect(() => days(bad), bad).toThrow(/Invalid environment variable GRIDWATCH_DISPUTE_DEADLINE_DAYS: .*grid=7,township=15,county=30/)
    }
  })
})
