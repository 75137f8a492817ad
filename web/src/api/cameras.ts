import type { CameraImportResult, CameraInput, CameraList, CameraRecord, CameraUpdate } from '@gridwatch/server/contracts'
import { api, readJson } from './client'

/** The camera registry (摄像头台账): cameras in the user's scope; writes need `cameras:manage`. */

export interface CameraFilter {
  q?: string
  status?: CameraRecord['status']
  kind?: CameraRecord['kind']
  grid?: number
}

/** One page of the cameras in scope matching the filter. */
export async function listCameras(filter: CameraFilter, page: { limit: number; offset: number }): Promise<CameraList> {
  const query: Record<string, string> = { limit: String(page.limit), offset: String(page.offset) }
  if (filter.q) query.q = filter.q
  if (filter.status) query.status = filter.status
  if (filter.kind) query.kind = filter.kind
  if (filter.grid !== undefined) query.grid = String(filter.grid)
  return readJson<CameraList>(await api.api.cameras.$get({ query }))
}

export async function loadCamera(id: number): Promise<CameraRecord> {
  return readJson<CameraRecord>(await api.api.cameras[':id'].$get({ param: { id: String(id) } }))
}

/** Registers a camera; throws the server's ApiError (its `field` names the input at fault). */
export async function createCamera(input: CameraInput): Promise<CameraRecord> {
  return readJson<CameraRecord>(await api.api.cameras.$post({ json: input }))
}

/** Changes some of a camera's fields (a status change is the common one). */
export async function updateCamera(id: number, change: CameraUpdate): Promise<CameraRecord> {
  return readJson<CameraRecord>(await api.api.cameras[':id'].$patch({ param: { id: String(id) }, json: change }))
}

export async function deleteCamera(id: number): Promise<void> {
  const response = await api.api.cameras[':id'].$delete({ param: { id: String(id) } })
  if (!response.ok) await readJson(response)
}

/**
 * Imports a CSV of cameras (header code,name,lon,lat,bearing,fov,rangeM,heightM,kind,status,owner,
 * stationId,installedOn): every row or none; an error's `field` names the line and column (`line 3: bearing`).
 */
export async function importCameras(file: File): Promise<CameraImportResult> {
  const form = new FormData()
  form.append('file', file)
  return readJson<CameraImportResult>(await api.api.import.cameras.$post(undefined, { init: { body: form } }))
}
