import type { IncidentRecord } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { stepTimings } from './response-timers'

const reported = Date.parse('2026-11-24T02:00:00Z')
const at = (seconds: number) => new Date(reported + seconds * 1000).toISOString()
const incident = (change: Partial<IncidentRecord>) => ({ reportedAt: at(0), acceptedAt: null, contactedAt: null, onSceneAt: null, closedAt: null, ...change }) as IncidentRecord

describe('stepTimings', () => {
  it('measures each step from the report against accept 1 min, contact 3 min, on scene 10 min', () => {
    const steps = stepTimings(incident({ acceptedAt: at(45), contactedAt: at(200) }), reported + 700_000)
    expect(steps.map((s) => [s.field, s.targetS, Math.round(s.seconds), s.status])).toEqual([
      ['acceptedAt', 60, 45, 'met'],
      ['contactedAt', 180, 200, 'late'],
      ['onSceneAt', 600, 700, 'overdue'],
    ])
  })

  it('runs a step that is not done yet, skips steps an incident was closed without in time, and counts a late closure as overdue', () => {
    expect(stepTimings(incident({}), reported + 30_000).map((s) => s.status)).toEqual(['running', 'running', 'running'])
    expect(stepTimings(incident({ acceptedAt: at(20), closedAt: at(90) }), reported + 5_000_000).map((s) => s.status)).toEqual(['met', 'skipped', 'skipped'])
    // Closed after 5 minutes without contact or arrival: the 3-minute contact was missed, arrival (10 min) was not due yet.
    expect(stepTimings(incident({ acceptedAt: at(20), closedAt: at(300) }), reported + 5_000_000).map((s) => s.status)).toEqual(['met', 'overdue', 'skipped'])
  })
})
