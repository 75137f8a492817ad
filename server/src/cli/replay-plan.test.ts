import { createDemoConfig, generateDemoCounty, incidentCategories, type IncidentColumns } from '@gridwatch/data'
import { describe, expect, it } from 'vitest'
import { incidentInput } from '../contracts/incidents'
import { chainLinks, chooseWindow, historyTimeAt, incidentBody, planReplay } from './replay-plan'

const HOUR = 3_600_000
const T0 = Date.parse('2026-11-20T00:00:00Z')

type Row = { at: number; accepted?: number; contacted?: number; onScene?: number; closed?: number }

/** Incident columns as the generator makes them (sorted by report time), from a few hand-made rows. */
function createColumns(rows: Row[]): IncidentColumns {
  const n = rows.length
  const col = (f: (r: Row) => number | undefined) => Float64Array.from(rows, (r) => f(r) ?? NaN)
  return {
    count: n,
    lon: new Float64Array(n).fill(120.24),
    lat: new Float64Array(n).fill(29.7),
    reportedAt: col((r) => r.at),
    acceptedAt: col((r) => r.accepted),
    contactedAt: col((r) => r.contacted),
    onSceneAt: col((r) => r.onScene),
    closedAt: col((r) => r.closed),
    category: new Uint8Array(n),
    source: rows.map(() => '110' as const),
    priority: new Uint8Array(n).fill(3),
    externalId: rows.map((_, i) => `J33069920261120${String(i + 1).padStart(5, '0')}`),
    address: rows.map(() => '测试社区1号附近'),
  }
}

describe('choosing the span of history to replay', () => {
  const times = Float64Array.from([0, 1, 2, 10, 10.5, 11, 11.2, 30].map((h) => T0 + h * HOUR))

  it('takes the last hours by default, up to and including the last report', () => {
    expect(chooseWindow(times, times.length, 24, { kind: 'latest' })).toEqual({ from: T0 + 6 * HOUR + 1, to: T0 + 30 * HOUR + 1 })
  })

  it('finds the busiest span of that length', () => {
    expect(chooseWindow(times, times.length, 2, { kind: 'busiest' })).toEqual({ from: T0 + 10 * HOUR, to: T0 + 12 * HOUR })
  })

  it('starts at a given time inside the history, and names the range when it is outside', () => {
    expect(chooseWindow(times, times.length, 1, { kind: 'at', at: T0 + HOUR })).toEqual({ from: T0 + HOUR, to: T0 + 2 * HOUR })
    expect(() => chooseWindow(times, times.length, 1, { kind: 'at', at: T0 - HOUR })).toThrow(/--from must lie within the generated history, 2026-11-20T00:00:00.000Z to 2026-11-21T06:00:00.000Z/)
  })
})

describe('planning a replay', () => {
  const columns = createColumns([
    { at: T0 - HOUR },
    { at: T0, accepted: T0 + 30_000, contacted: T0 + 120_000, onScene: T0 + 600_000, closed: T0 + HOUR },
    { at: T0 + 60_000, accepted: T0 + 90_000, contacted: T0 + 200_000, closed: T0 + 3 * HOUR },
    { at: T0 + 2 * HOUR },
    { at: T0 + 5 * HOUR },
  ])
  const window = { from: T0, to: T0 + 3 * HOUR }

  it('compresses the history by the speed, the first report at offset 0, and skips links never reached', () => {
    const plan = planReplay(columns, { window, speed: 60 })
    expect(plan.available).toBe(3)
    expect(plan.incidents.map((p) => p.reportAt)).toEqual([0, 1000, 120_000])
    expect(plan.incidents[0]!.links).toEqual({ acceptedAt: 500, contactedAt: 2000, onSceneAt: 10_000, closedAt: 60_000 })
    // A non-police matter: never on scene, but closed.
    expect(plan.incidents[1]!.links).toEqual({ acceptedAt: 1500, contactedAt: 3333, closedAt: 180_000 })
    expect(plan.incidents[2]!.links).toEqual({})
    expect(plan.durationMs).toBe(180_000)
    expect(historyTimeAt(plan, 60_000)).toBe(T0 + HOUR)
    expect(historyTimeAt(plan, 10 * 60_000)).toBe(T0 + 3 * HOUR)
  })

  it('runs each incident\'s chain at its own speed: in real time, the targets keep their meaning', () => {
    const plan = planReplay(columns, { window, speed: 60, chainSpeed: 1 })
    expect(plan.incidents.map((p) => p.reportAt)).toEqual([0, 1000, 120_000])
    // The first incident's links lie 30 s, 2 min, 10 min and 1 h after its report in the history.
    expect(plan.incidents[0]!.links).toEqual({ acceptedAt: 30_000, contactedAt: 120_000, onSceneAt: 600_000, closedAt: HOUR })
    expect(plan.durationMs).toBe(1000 + 3 * HOUR - 60_000)
  })

  it('orders events by offset, an incident reported before its links, and stops at the limit', () => {
    const plan = planReplay(columns, { window, speed: 1_000_000, limit: 2 })
    expect(plan.incidents).toHaveLength(2)
    expect(plan.events.map((e) => e.at)).toEqual([...plan.events.map((e) => e.at)].sort((a, b) => a - b))
    expect(plan.events.slice(0, 3)).toEqual([
      { at: 0, incident: 0, link: 'reportedAt' },
      { at: 0, incident: 0, link: 'acceptedAt' },
      { at: 0, incident: 0, link: 'contactedAt' },
    ])
  })

  it('keeps every chain monotonic on the generated county, and every body valid for the ingest API', () => {
    const { incidents } = generateDemoCounty(createDemoConfig({ seed: 7, scale: 0.02, now: new Date('2026-11-23T12:00:00+08:00') }))
    for (const speed of [1, 60, 3600, 1e6]) {
      const plan = planReplay(incidents, { window: chooseWindow(incidents.reportedAt, incidents.count, 48, { kind: 'busiest' }), speed })
      expect(plan.incidents.length).toBeGreaterThan(0)
      for (const p of plan.incidents) {
        const times = [p.reportAt, ...chainLinks.flatMap((l) => (p.links[l] === undefined ? [] : [p.links[l]!]))]
        expect(times).toEqual([...times].sort((a, b) => a - b))
      }
    }
    const plan = planReplay(incidents, { window: chooseWindow(incidents.reportedAt, incidents.count, 24, { kind: 'latest' }), speed: 60 })
    const start = Date.parse('2026-12-01T08:00:00Z')
    const body = incidentBody(plan.incidents[1]!, 'run1', start)
    const parsed = incidentInput.parse(body)
    expect(parsed.externalId).toBe(`replay-run1-${plan.incidents[1]!.originalId}`)
    expect(parsed.reportedAt.getTime()).toBe(start + plan.incidents[1]!.reportAt)
    expect(incidentCategories.map((c) => c.code)).toContain(parsed.category)
  })
})
