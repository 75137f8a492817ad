import { z } from 'zod'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Whether `s` is a day that exists: 2024-02-29 is, 2025-02-30 is not. */
const isCalendarDay = (s: string) => {
  const at = new Date(`${s}T00:00:00Z`)
  return DAY.test(s) && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(s)
}

/** A calendar day `YYYY-MM-DD` that exists: a 400 naming the field, never a failed cast. */
export const calendarDay = (field: string) =>
  z
    .string()
    .regex(DAY, `${field} must be YYYY-MM-DD`)
    // zod runs a refinement even after the regex failed: it must not throw on "2025-3-1" (Invalid Date).
    .refine(isCalendarDay, `${field}: not a calendar date`)
