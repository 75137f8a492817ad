import { responseTargets } from '@gridwatch/data'
import type { IncidentRecord } from '@gridwatch/server/contracts'

/** The steps of the time chain with a target, each measured from the report. */
export const timedSteps = [
  { field: 'acceptedAt', targetS: responseTargets.acceptS },
  { field: 'contactedAt', targetS: responseTargets.contactS },
  { field: 'onSceneAt', targetS: responseTargets.onSceneS },
] as const satisfies readonly { field: keyof IncidentRecord; targetS: number }[]
export type TimedField = (typeof timedSteps)[number]['field']

/**
 * met: done within target; late: done after it; overdue: not done and past it (also when closed
 * late without it); running: not done, still within it; skipped: closed without this step before its
 * target passed (settled by phone, say). The same rule as the KPI strip's rates (server wall-kpis.ts).
 */
export type StepStatus = 'met' | 'late' | 'overdue' | 'running' | 'skipped'

export interface StepTiming {
  field: TimedField
  targetS: number
  /** Seconds from the report to the step, or to now while it is not done. */
  seconds: number
  status: StepStatus
}

/** How each targeted step of an incident stands at `now` (epoch ms). */
export function stepTimings(incident: IncidentRecord, now: number): StepTiming[] {
  const reported = Date.parse(incident.reportedAt)
  const closed = incident.closedAt ? Date.parse(incident.closedAt) : null
  return timedSteps.map(({ field, targetS }) => {
    const at = incident[field]
    if (at) {
      const seconds = (Date.parse(at) - reported) / 1000
      return { field, targetS, seconds, status: seconds <= targetS ? 'met' : 'late' }
    }
    if (closed !== null) {
      const seconds = (closed - reported) / 1000
      return { field, targetS, seconds, status: seconds > targetS ? 'overdue' : 'skipped' }
    }
    const seconds = (now - reported) / 1000
    return { field, targetS, seconds, status: seconds > targetS ? 'overdue' : 'running' }
  })
}
