import { describe, expect, it } from 'vitest'
import { inboundUrls } from '../../api/exchange'
import { ago, canRetry, dueIn, mergeOrder, roundMinutes } from './exchange-format'

const now = Date.parse('2026-11-24T08:00:00Z')
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString()

describe('exchange formatting', () => {
  it('says how long ago in seconds, minutes, hours, and gives up after a day', () => {
    expect([ago(at(-12), now), ago(at(-125), now), ago(at(-7300), now), ago(at(-90_000), now)]).toEqual([
      { key: 'exSecondsAgo', n: 12 },
      { key: 'exMinutesAgo', n: 2 },
      { key: 'exHoursAgo', n: 2 },
      null,
    ])
    // A server clock slightly ahead never reads as "in the future".
    expect(ago(at(3), now)).toEqual({ key: 'exSecondsAgo', n: 0 })
  })

  it('says when the next attempt is due: now once due, then seconds, then minutes', () => {
    expect([dueIn(at(-5), now), dueIn(at(0), now), dueIn(at(7.2), now), dueIn(at(900), now)]).toEqual([
      { key: 'exDueNow', n: 0 },
      { key: 'exDueNow', n: 0 },
      { key: 'exInSeconds', n: 8 },
      { key: 'exInMinutes', n: 15 },
    ])
  })

  it('offers "send again" only for given-up events', () => {
    expect((['pending', 'delivered', 'dead'] as const).filter((status) => canRetry({ status }))).toEqual(['dead'])
  })

  it('names the later report as the one a merge closes, by report time then id', () => {
    const side = (reportedAt: string) => ({ source: '12345' as const, externalId: 'x', address: null, reportedAt })
    expect(mergeOrder({ incidentId: 9, duplicateOf: 4, incident: side(at(60)), original: side(at(0)) })).toEqual({ later: 9, earlier: 4 })
    // The partner's report can be the earlier one (it reached us late).
    expect(mergeOrder({ incidentId: 9, duplicateOf: 4, incident: side(at(0)), original: side(at(60)) })).toEqual({ later: 4, earlier: 9 })
    expect(mergeOrder({ incidentId: 9, duplicateOf: 4, incident: side(at(0)), original: side(at(0)) })).toEqual({ later: 9, earlier: 4 })
  })

  it('rounds minutes apart to a tenth below ten minutes', () => {
    expect([roundMinutes(4.26), roundMinutes(12.6)]).toEqual([4.3, 13])
  })

  it('gives a partner its two inbound addresses on this server', () => {
    expect(inboundUrls('https://gw.example:8443', 'cg')).toEqual({
      events: 'https://gw.example:8443/api/exchange/inbound/cg/events',
      status: 'https://gw.example:8443/api/exchange/inbound/cg/status',
    })
  })
})
