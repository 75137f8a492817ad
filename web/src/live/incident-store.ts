import type { CameraStatusEvent, IncidentRecord } from '@gridwatch/server/contracts'
import type { ConnectionState, IncidentTopic, LiveEvent } from './live-connection'

/** How many incidents the feed keeps (the newest; older ones stay on the map). */
export const FEED_SIZE = 100

export interface IncidentStoreSnapshot {
  /** Newest first (by arrival: id descending, as the server lists them). */
  feed: readonly IncidentRecord[]
  connection: ConnectionState
  /** The newest status of every camera that changed since the page opened, by camera id. */
  cameras: ReadonlyMap<number, CameraStatusEvent>
}

/**
 * The live incidents of the wall: the records of the feed by id (an update replaces its incident, it
 * never adds a second row), de-duplicated by event id (a replay after a reconnect can resend what
 * arrived already), with listeners for the map and the KPI strip. Camera status changes are kept as
 * the newest status per camera (by its status time, so a replayed or reordered event never turns a
 * camera back). Snapshots are immutable, for React's useSyncExternalStore.
 */
export class IncidentStore {
  private readonly records = new Map<number, IncidentRecord>()
  private lastEventId = 0
  private snapshot: IncidentStoreSnapshot = { feed: [], connection: 'connecting', cameras: new Map() }
  private readonly listeners = new Set<() => void>()
  private readonly incidentListeners = new Set<(incident: IncidentRecord, topic: IncidentTopic) => void>()
  private readonly cameraListeners = new Set<(camera: CameraStatusEvent) => void>()

  getSnapshot = () => this.snapshot
  get = (id: number) => this.records.get(id)

  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  /** Called for every incident that is new or changed (after de-duplication). */
  onIncident(listener: (incident: IncidentRecord, topic: IncidentTopic) => void) {
    this.incidentListeners.add(listener)
    return () => void this.incidentListeners.delete(listener)
  }

  /** Called for every camera whose status changed (newer than what the store held). */
  onCameraStatus(listener: (camera: CameraStatusEvent) => void) {
    this.cameraListeners.add(listener)
    return () => void this.cameraListeners.delete(listener)
  }

  /** The first page (`GET /api/incidents`); live events that arrived meanwhile win. */
  seed(records: readonly IncidentRecord[]) {
    for (const r of records) if (!this.records.has(r.id)) this.records.set(r.id, r)
    this.publish()
  }

  /** A live event; returns false when it was seen already (or, for a camera, is older than its status). */
  apply(event: LiveEvent): boolean {
    if (event.topic === 'camera.status') {
      if (event.id !== null) this.lastEventId = Math.max(this.lastEventId, event.id)
      return this.applyCamera(event.camera)
    }
    if (event.id <= this.lastEventId) return false
    this.lastEventId = event.id
    this.records.set(event.incident.id, event.incident)
    this.publish()
    for (const listener of this.incidentListeners) listener(event.incident, event.topic)
    return true
  }

  private applyCamera(camera: CameraStatusEvent): boolean {
    const held = this.snapshot.cameras.get(camera.id)
    if (held && (Date.parse(held.statusChangedAt) > Date.parse(camera.statusChangedAt) || (held.statusChangedAt === camera.statusChangedAt && held.status === camera.status))) return false
    const cameras = new Map(this.snapshot.cameras)
    cameras.set(camera.id, camera)
    this.snapshot = { ...this.snapshot, cameras }
    for (const listener of this.listeners) listener()
    for (const listener of this.cameraListeners) listener(camera)
    return true
  }

  setConnection(connection: ConnectionState) {
    if (connection === this.snapshot.connection) return
    this.snapshot = { ...this.snapshot, connection }
    for (const listener of this.listeners) listener()
  }

  private publish() {
    const feed = [...this.records.values()].sort((a, b) => b.id - a.id)
    // Keep the map of records as small as the feed: older incidents leave both.
    for (const old of feed.splice(FEED_SIZE)) this.records.delete(old.id)
    this.snapshot = { ...this.snapshot, feed }
    for (const listener of this.listeners) listener()
  }
}
