import type { DuplicateOffer, OutboxEntry, RemoteStatus } from '@gridwatch/server/contracts'
import type { IncidentSource } from '@gridwatch/data'
import type { MessageKey } from '../../i18n/messages'

/** A message key and the number to fill in: how far `iso` is from `now`, in the largest unit that fits. */
export type Relative = { key: MessageKey; n: number }

/** "12 s ago", "3 min ago", "2 h ago" — older than a day: null (show the date). */
export function ago(iso: string, now: number): Relative | null {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (s < 60) return { key: 'exSecondsAgo', n: s }
  if (s < 3600) return { key: 'exMinutesAgo', n: Math.floor(s / 60) }
  if (s < 86_400) return { key: 'exHoursAgo', n: Math.floor(s / 3600) }
  return null
}

/** When a pending event is tried next: "now" once due (or being sent), else "in 8 s" / "in 4 min". */
export function dueIn(iso: string, now: number): Relative {
  const s = Math.ceil((Date.parse(iso) - now) / 1000)
  if (s <= 0) return { key: 'exDueNow', n: 0 }
  if (s < 120) return { key: 'exInSeconds', n: s }
  return { key: 'exInMinutes', n: Math.round(s / 60) }
}

/** The partner's progress on a forwarded matter, in the user's language. */
export const remoteStatusKey: Record<RemoteStatus, MessageKey> = {
  queued: 'exRemoteQueued',
  sent: 'exRemoteSent',
  received: 'exRemoteReceived',
  accepted: 'exRemoteAccepted',
  handling: 'exRemoteHandling',
  resolved: 'exRemoteResolved',
  rejected: 'exRemoteRejected',
}

/** Only given-up events can be sent again by a person; pending ones are still being tried. */
export const canRetry = (entry: Pick<OutboxEntry, 'status'>) => entry.status === 'dead'

/**
 * Which report a merge closes: the later one (by report time, then id) goes into the earlier, as the
 * server does it — the confirmation names them in that order.
 */
export function mergeOrder(offer: Pick<DuplicateOffer, 'incidentId' | 'duplicateOf' | 'incident' | 'original'>) {
  const a = { id: offer.incidentId, at: Date.parse(offer.incident.reportedAt) }
  const b = { id: offer.duplicateOf, at: Date.parse(offer.original.reportedAt) }
  const aLater = a.at > b.at || (a.at === b.at && a.id > b.id)
  return aLater ? { later: a.id, earlier: b.id } : { later: b.id, earlier: a.id }
}

/** Metres and minutes as people read them: whole metres, minutes to one decimal below ten. */
export const roundMetres = (m: number) => Math.round(m)
export const roundMinutes = (min: number) => (min < 10 ? Math.round(min * 10) / 10 : Math.round(min))

/** Incident sources in the user's language (a partner's events arrive as one of them). */
export const sourceKey: Record<IncidentSource, MessageKey> = {
  '110': 'exSrc110',
  '12345': 'exSrc12345',
  grid_report: 'exSrcGridReport',
  camera_alert: 'exSrcCameraAlert',
  walk_in: 'exSrcWalkIn',
  import: 'exSrcImport',
}
