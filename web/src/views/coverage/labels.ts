import type { CamerasAtPoint, CameraRecord, KeySiteCoverage } from '@gridwatch/server/contracts'
import type { MessageKey } from '../../i18n/messages'

type SiteProps = KeySiteCoverage['features'][number]['properties']
export type KeySiteKind = SiteProps['kind']
export type Reason = CamerasAtPoint['notSeeing'][number]['reason']

/** Labels of the server's codes (the types make a new code fail the build until it has one). */
export const siteKindLabels: Record<KeySiteKind, MessageKey> = {
  school: 'kindSchool',
  hospital: 'kindHospital',
  market: 'kindMarket',
  station: 'kindStation',
  bank: 'kindBank',
  government: 'kindGovernment',
}
export const siteKinds = Object.keys(siteKindLabels) as KeySiteKind[]

export const siteStatusLabels: Record<SiteProps['status'], MessageKey> = { covered: 'siteCovered', partial: 'sitePartial', none: 'siteNone' }
export const siteStatuses = Object.keys(siteStatusLabels) as SiteProps['status'][]

export const reasonLabels: Record<Reason, MessageKey> = { out_of_range: 'reasonOutOfRange', facing_away: 'reasonFacingAway', blocked: 'reasonBlocked' }

export const cameraStatusLabels: Record<CameraRecord['status'], MessageKey> = { online: 'cameraOnline', offline: 'cameraOffline', fault: 'cameraFault' }
export const cameraStatusList = Object.keys(cameraStatusLabels) as CameraRecord['status'][]

export const cameraKindLabels: Record<CameraRecord['kind'], MessageKey> = { fixed: 'cameraKindFixed', ptz: 'cameraKindPtz', dome: 'cameraKindDome' }
export const cameraKindList = Object.keys(cameraKindLabels) as CameraRecord['kind'][]

export const cameraOwnerLabels: Record<CameraRecord['owner'], MessageKey> = { public: 'ownerPublic', community: 'ownerCommunity', private: 'ownerPrivate' }
export const cameraOwnerList = Object.keys(cameraOwnerLabels) as CameraRecord['owner'][]

/** Degrees as a compass reading: 90 → "90° E". */
export function compass(deg: number) {
  const names = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW']
  return `${Math.round(deg)}° ${names[Math.round((((deg % 360) + 360) % 360) / 45) % 8]}`
}
