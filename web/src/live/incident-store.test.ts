import type { CameraStatusEvent, IncidentRecord } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { FEED_SIZE, IncidentStore } from './incident-store'

function createIncident(id: number, change: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    id,
    source: '110',
    externalId: `T-${id}`,
    category: 'theft',
    priority: 3,
    lon: 120.2,
    lat: 29.7,
    address: null,
    summary: null,
    reportedAt: '2026-11-24T01:00:00.000Z',
    acceptedAt: null,
    contactedAt: null,
    onSceneAt: null,
    closedAt: null,
    assignment: 'contains',
    assignmentDistanceM: null,
    grid: null,
    stationId: null,
    responsibility: 'none',
    responsible: null,
    ...change,
  }
}

describe('IncidentStore', () => {
  it('lists the feed newest first and replaces an incident on update', () => {
    const store = new IncidentStore()
    store.apply({ id: 1, topic: 'incident.created', incident: createIncident(10) })
    store.apply({ id: 2, topic: 'incident.created', incident: createIncident(11) })
    store.apply({ id: 3, topic: 'incident.updated', incident: createIncident(10, { acceptedAt: '2026-11-24T01:00:30.000Z' }) })
    const { feed } = store.getSnapshot()
    expect(feed.map((r) => r.id)).toEqual([11, 10])
    expect(feed[1]!.acceptedAt).toBe('2026-11-24T01:00:30.000Z')
  })

  it('ignores an event it has seen (a replay after a reconnect)', () => {
    const store = new IncidentStore()
    const heard: number[] = []
    store.onIncident((incident) => heard.push(incident.id))
    expect(store.apply({ id: 5, topic: 'incident.created', incident: createIncident(20) })).toBe(true)
    expect(store.apply({ id: 5, topic: 'incident.created', incident: createIncident(20) })).toBe(false)
    expect(store.apply({ id: 4, topic: 'incident.updated', incident: createIncident(20, { closedAt: '2026-11-24T02:00:00.000Z' }) })).toBe(false)
    expect(heard).toEqual([20])
    expect(store.get(20)!.closedAt).toBeNull()
  })

  it('keeps live records over the first page and never holds more than the feed shows', () => {
    const store = new IncidentStore()
    store.apply({ id: 1, topic: 'incident.updated', incident: createIncident(3, { acceptedAt: '2026-11-24T01:00:10.000Z' }) })
    store.seed([createIncident(3), createIncident(2), createIncident(1)])
    expect(store.get(3)!.acceptedAt).toBe('2026-11-24T01:00:10.000Z')
    store.seed(Array.from({ length: FEED_SIZE + 20 }, (_, i) => createIncident(1000 + i)))
    expect(store.getSnapshot().feed).toHaveLength(FEED_SIZE)
    expect(store.get(1)).toBeUndefined()
  })

  it('tells subscribers about the connection state once per change', () => {
    const store = new IncidentStore()
    let calls = 0
    store.subscribe(() => calls++)
    store.setConnection('live')
    store.setConnection('live')
    store.setConnection('reconnecting')
    expect(calls).toBe(2)
    expect(store.getSnapshot().connection).toBe('reconnecting')
  })

  it('keeps the newest status of each camera from camera.status events, whatever their order or id', () => {
    const store = new IncidentStore()
    const heard: string[] = []
    store.onCameraStatus((c) => heard.push(`${c.id}:${c.status}`))
    const camera = (id: number, status: CameraStatusEvent['status'], at: string): CameraStatusEvent => ({ id, code: `CAM-${id}`, status, statusChangedAt: at, stationId: null, gridId: null, lon: 120.2, lat: 29.7 })
    store.apply({ id: 10, topic: 'incident.created', incident: createIncident(1) })
    // A camera event may repeat the previous event's id (no id field of its own): it still counts.
    expect(store.apply({ id: 10, topic: 'camera.status', camera: camera(7, 'offline', '2026-11-24T01:00:00.000Z') })).toBe(true)
    expect(store.apply({ id: null, topic: 'camera.status', camera: camera(8, 'fault', '2026-11-24T01:00:00.000Z') })).toBe(true)
    // An older status arriving late, or the same one again, changes nothing.
    expect(store.apply({ id: 12, topic: 'camera.status', camera: camera(7, 'fault', '2026-11-24T00:59:00.000Z') })).toBe(false)
    expect(store.apply({ id: 13, topic: 'camera.status', camera: camera(7, 'offline', '2026-11-24T01:00:00.000Z') })).toBe(false)
    expect(store.apply({ id: 14, topic: 'camera.status', camera: camera(7, 'online', '2026-11-24T01:05:00.000Z') })).toBe(true)
    const { cameras, feed } = store.getSnapshot()
    expect([...cameras.values()].map((c) => [c.id, c.status])).toEqual([
      [7, 'online'],
      [8, 'fault'],
    ])
    expect(heard).toEqual(['7:offline', '8:fault', '7:online'])
    // Camera events share the incidents' id sequence: an incident event they passed is a replay.
    expect(store.apply({ id: 11, topic: 'incident.created', incident: createIncident(2) })).toBe(false)
    expect(feed.map((r) => r.id)).toEqual([1])
  })
})
