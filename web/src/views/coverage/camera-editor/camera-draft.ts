import type { CameraInput, CameraRecord, CameraUpdate } from '@gridwatch/server/contracts'
import type { SectorSpec } from './camera-sector'

/**
 * What the camera form holds: the numbers as typed (a half-typed "1." must survive a render), the
 * position as placed on the map. Turned into the API's bodies here, nowhere else.
 */
export interface CameraDraft {
  code: string
  name: string
  lon: number
  lat: number
  bearing: string
  fov: string
  rangeM: string
  heightM: string
  kind: CameraRecord['kind']
  status: CameraRecord['status']
  owner: CameraRecord['owner']
  stationId: number | null
  /** YYYY-MM-DD, or '' for not known. */
  installedOn: string
}
export type DraftField = keyof CameraDraft

export const numericFields = ['bearing', 'fov', 'rangeM', 'heightM'] as const
export type NumericField = (typeof numericFields)[number]

/** A new camera where the map was clicked: a fixed street camera looking north, the user's station. */
export function newDraft(at: { lon: number; lat: number }, stationId: number | null): CameraDraft {
  return { code: '', name: '', lon: at.lon, lat: at.lat, bearing: '0', fov: '60', rangeM: '80', heightM: '6', kind: 'fixed', status: 'online', owner: 'public', stationId, installedOn: '' }
}

export function draftOf(c: CameraRecord): CameraDraft {
  return {
    code: c.code,
    name: c.name,
    lon: c.lon,
    lat: c.lat,
    bearing: String(c.bearing),
    fov: String(c.fov),
    rangeM: String(c.rangeM),
    heightM: String(c.heightM),
    kind: c.kind,
    status: c.status,
    owner: c.owner,
    stationId: c.stationId,
    installedOn: c.installedOn ?? '',
  }
}

/** The number typed, or NaN (an empty box is not 0). */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()))

/** The first number field that does not read as a number: caught before sending (the server checks the ranges). */
export function notNumeric(d: CameraDraft): NumericField | null {
  return numericFields.find((f) => !Number.isFinite(numberOf(d[f]))) ?? null
}

/** POST /api/cameras body (numbers checked with `notNumeric` first). */
export function inputOf(d: CameraDraft): CameraInput {
  return {
    code: d.code.trim(),
    name: d.name.trim(),
    lon: d.lon,
    lat: d.lat,
    bearing: numberOf(d.bearing),
    fov: numberOf(d.fov),
    rangeM: numberOf(d.rangeM),
    heightM: numberOf(d.heightM),
    kind: d.kind,
    status: d.status,
    owner: d.owner,
    stationId: d.stationId,
    installedOn: d.installedOn === '' ? null : d.installedOn,
  }
}

/** PATCH body: only what differs from the stored camera (the code cannot change; "90.0" is still 90). */
export function changesOf(c: CameraRecord, d: CameraDraft): CameraUpdate {
  const next = inputOf(d)
  const change: CameraUpdate = {}
  if (next.name !== c.name) change.name = next.name
  if (next.lon !== c.lon || next.lat !== c.lat) Object.assign(change, { lon: next.lon, lat: next.lat })
  for (const f of numericFields) if (next[f] !== c[f]) change[f] = next[f]
  if (next.kind !== c.kind) change.kind = next.kind
  if (next.status !== c.status) change.status = next.status
  if (next.owner !== c.owner) change.owner = next.owner
  if (next.stationId !== c.stationId) change.stationId = next.stationId
  if (next.installedOn !== c.installedOn) change.installedOn = next.installedOn
  return change
}

/** What the map previews while the form is open, or null while a number is unreadable or not positive. */
export function sectorOf(d: CameraDraft): SectorSpec | null {
  const [bearing, fov, rangeM] = [numberOf(d.bearing), numberOf(d.fov), numberOf(d.rangeM)]
  if (![bearing, fov, rangeM].every(Number.isFinite) || fov <= 0 || rangeM <= 0) return null
  return { lon: d.lon, lat: d.lat, bearing, fov: Math.min(fov, 360), rangeM: Math.min(rangeM, 2000), kind: d.kind }
}
