import { incidentCategories, type IncidentColumns, type IncidentSource } from '@gridwatch/data'
import type { z } from 'zod'
import type { incidentInput } from '../contracts/incidents'
import { InputError } from '../services/errors'

/**
 * What a replay sends and when: pure, no clock and no network. Times are "offsets", wall-clock
 * milliseconds after the replay started. An offset is also the time the event carries: an incident due
 * at offset 1500 is sent 1.5 s after the start and stamped start + 1.5 s, so what is sent is never in
 * the future, and the compressed history keeps its order.
 */

const HOUR = 3_600_000

/** The later links of the time chain, in order. Each is PATCHed when it comes due. */
export const chainLinks = ['acceptedAt', 'contactedAt', 'onSceneAt', 'closedAt'] as const
export type ChainLink = (typeof chainLinks)[number]

/** A span of the generated history, epoch ms, `from` included, `to` excluded. */
export interface HistoryWindow {
  from: number
  to: number
}

/** Which span: the last hours of the history, the busiest span of that length, or one starting at a time. */
export type WindowChoice = { kind: 'latest' } | { kind: 'busiest' } | { kind: 'at'; at: number }

export interface PlannedIncident {
  /** The generator's external id (110 case number …), kept inside the replay's own id. */
  originalId: string
  source: IncidentSource
  category: string
  priority: number
  lon: number
  lat: number
  address: string
  /** When it happened in the history, epoch ms (for progress and summaries). */
  historyAt: number
  /** Offset at which it is reported. */
  reportAt: number
  /** Offsets of the later links it reached; a link it never reached (NaN in the history) is absent. */
  links: Partial<Record<ChainLink, number>>
}

/** One thing to send: an incident's report, or one later link of its chain. */
export interface ReplayEvent {
  at: number
  /** Position in `ReplayPlan.incidents`. */
  incident: number
  link: 'reportedAt' | ChainLink
}

export interface ReplayPlan {
  window: HistoryWindow
  speed: number
  /** How much faster than in the history an incident's own chain (report → accepted → … → closed) runs. */
  chainSpeed: number
  /** Incidents in the window, before `limit`. */
  available: number
  /** In order of report time. */
  incidents: PlannedIncident[]
  /** In order of `at`; for equal `at`, an incident's report comes before its links. */
  events: ReplayEvent[]
  /** History time of offset 0: the first incident's report time. */
  historyStart: number
  /** Offset of the last event. */
  durationMs: number
}

/** Index of the first report time ≥ t (the columns are sorted by report time). */
function firstAtOrAfter(times: Float64Array, count: number, t: number) {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (times[mid]! < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The span of `hours` to replay. A start outside the history is an error naming the available range. */
export function chooseWindow(reportedAt: Float64Array, count: number, hours: number, choice: WindowChoice): HistoryWindow {
  if (count === 0) throw new InputError('The demo county has no incidents to replay', 'scale')
  const span = hours * HOUR
  const first = reportedAt[0]!
  const last = reportedAt[count - 1]!
  switch (choice.kind) {
    case 'latest':
      return { from: last + 1 - span, to: last + 1 }
    case 'at':
      if (choice.at < first || choice.at > last) {
        throw new InputError(`--from must lie within the generated history, ${new Date(first).toISOString()} to ${new Date(last).toISOString()}`, 'from')
      }
      return { from: choice.at, to: choice.at + span }
    case 'busiest': {
      // Two pointers over the sorted times: the span starting at an incident that holds the most.
      let best = { from: first, n: 0 }
      for (let i = 0, j = 0; i < count; i++) {
        while (j < count && reportedAt[j]! < reportedAt[i]! + span) j++
        if (j - i > best.n) best = { from: reportedAt[i]!, n: j - i }
      }
      return { from: best.from, to: best.from + span }
    }
  }
}

/**
 * The replay of the incidents reported in `window` (the first `limit` of them), compressed by `speed`
 * (60: one hour of history in one minute) and shifted so that the first report happens at offset 0.
 * Each incident's chain runs `chainSpeed` times faster than in the history (default: as fast as the
 * reports); at 1 an 8-minute arrival takes 8 real minutes, so the wall's timers meet the real targets.
 */
export function planReplay(columns: IncidentColumns, options: { window: HistoryWindow; speed: number; chainSpeed?: number; limit?: number }): ReplayPlan {
  const { window, speed } = options
  const chainSpeed = options.chainSpeed ?? speed
  const begin = firstAtOrAfter(columns.reportedAt, columns.count, window.from)
  const end = firstAtOrAfter(columns.reportedAt, columns.count, window.to)
  const stop = options.limit === undefined ? end : Math.min(end, begin + options.limit)
  const historyStart = begin < end ? columns.reportedAt[begin]! : window.from
  // Whole milliseconds, rounded down: never later than the history says, and monotonic.
  const offset = (t: number) => Math.floor((t - historyStart) / speed)

  const incidents: PlannedIncident[] = []
  const events: ReplayEvent[] = []
  for (let i = begin; i < stop; i++) {
    const historyAt = columns.reportedAt[i]!
    const reportAt = offset(historyAt)
    const k = incidents.length
    events.push({ at: reportAt, incident: k, link: 'reportedAt' })
    const links: PlannedIncident['links'] = {}
    let previous = reportAt
    for (const link of chainLinks) {
      const t = columns[link][i]!
      if (Number.isNaN(t)) continue
      // The server refuses a chain that runs backwards; the generator's never does, but rounding must not either.
      previous = Math.max(previous, reportAt + Math.floor((t - historyAt) / chainSpeed))
      links[link] = previous
      events.push({ at: previous, incident: k, link })
    }
    incidents.push({
      originalId: columns.externalId[i]!,
      source: columns.source[i]!,
      category: incidentCategories[columns.category[i]!]!.code,
      priority: columns.priority[i]!,
      lon: columns.lon[i]!,
      lat: columns.lat[i]!,
      address: columns.address[i]!,
      historyAt,
      reportAt,
      links,
    })
  }
  // Stable sort: for equal offsets, events keep the order they were pushed in (report before links).
  events.sort((a, b) => a.at - b.at)
  return { window, speed, chainSpeed, available: end - begin, incidents, events, historyStart, durationMs: events.at(-1)?.at ?? 0 }
}

/** History time shown while replaying: where in the original day the replay is now. */
export const historyTimeAt = (plan: ReplayPlan, elapsedMs: number) => plan.historyStart + Math.min(elapsedMs, plan.durationMs) * plan.speed

/** A fresh id per run, so a replay never collides with the seeded history or an earlier replay. */
export const replayExternalId = (run: string, originalId: string) => `replay-${run}-${originalId}`

/** The body of `POST /api/incidents` for a planned incident; `start` is the epoch ms of offset 0. */
export function incidentBody(p: PlannedIncident, run: string, start: number): z.input<typeof incidentInput> {
  return {
    source: p.source,
    externalId: replayExternalId(run, p.originalId),
    category: p.category,
    priority: p.priority,
    lon: p.lon,
    lat: p.lat,
    crs: 'wgs84',
    address: p.address,
    reportedAt: new Date(start + p.reportAt).toISOString(),
  }
}
