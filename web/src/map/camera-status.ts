import type { CameraStatusEvent } from '@gridwatch/server/contracts'
import type { CameraColumns } from './layers/cameras-layer'

export type CameraStatus = CameraStatusEvent['status']

/** The status column's codes (the server's `cameraStatuses` order; the type keeps the list complete). */
const codes: Record<CameraStatus, number> = { online: 0, offline: 1, fault: 2 }
const byCode = Object.keys(codes) as CameraStatus[]

/** The status column's code of a status: 0 online, 1 offline, 2 fault (-1 for an unknown one). */
export const cameraStatusCode = (status: CameraStatus) => codes[status] ?? -1

/** The status named by a status column's code. */
export const cameraStatusOf = (code: number): CameraStatus => byCode[code] ?? 'offline'

/**
 * The camera columns with the live status changes applied (`camera.status` events, by camera id).
 * Only the status column is copied; the same columns come back when no change concerns them, so the
 * layers built from them are not rebuilt for a camera outside the user's map.
 */
export function withCameraStatuses(cams: CameraColumns, changes: ReadonlyMap<number, { status: CameraStatus }>): CameraColumns {
  if (changes.size === 0) return cams
  let status: Uint8Array | null = null
  for (let i = 0; i < cams.length; i++) {
    const change = changes.get(cams.id[i]!)
    if (!change) continue
    const code = cameraStatusCode(change.status)
    if (code < 0 || cams.status[i] === code) continue
    status ??= Uint8Array.from(cams.status)
    status[i] = code
  }
  return status ? { ...cams, status } : cams
}
