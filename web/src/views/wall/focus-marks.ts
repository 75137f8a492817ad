import type { IncidentNearby, IncidentRecord } from '@gridwatch/server/contracts'
import type { FocusMark } from '../../map/layers/incident-focus-layer'

/** The rings of a selected incident: the incident, its nearest posts, its nearest cameras (green if they see it). */
export function focusMarks(record: IncidentRecord | null, nearby: IncidentNearby | null): FocusMark[] {
  if (!record) return []
  return [
    { kind: 'incident', position: [record.lon, record.lat] },
    ...(nearby?.posts ?? []).map((p): FocusMark => ({ kind: 'post', position: [p.lon, p.lat] })),
    ...(nearby?.cameras ?? []).map((c): FocusMark => ({ kind: c.seesIncident ? 'camera-sees' : 'camera', position: [c.lon, c.lat] })),
  ]
}
