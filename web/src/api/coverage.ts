import type { BlindSpotFeatures, CamerasAtPoint, CameraSet, CameraSuggestions, GridCoverage, KeySiteCoverage, PostReach, ReachOptions, ViewAreaFeatures } from '@gridwatch/server/contracts'
import type { Bounds } from '../map/camera-sectors'
import { api, readJson } from './client'

/** Camera coverage (视频覆盖): what the cameras in the user's scope see, and what they miss. */

/** A box as the API takes it: `west,south,east,north`, to the micro-degree. */
export const bboxParam = (b: Bounds) => b.map((v) => v.toFixed(6)).join(',')
/** Options of a cancellable call: the view aborts what it no longer needs (a new viewport, a closed panel). */
type Cancel = { signal?: AbortSignal }
const init = (c: Cancel) => (c.signal ? { init: { signal: c.signal } } : undefined)

/** Per-grid coverage of the version in force, for online and for all cameras. */
export async function loadGridCoverage(c: Cancel = {}): Promise<GridCoverage[]> {
  return readJson<GridCoverage[]>(await api.api.coverage.grids.$get(undefined, init(c)))
}

/** The view areas of the cameras in a box (at most VIEW_AREA_LIMIT; `truncated` says when there were more). */
export async function loadViewAreas(bounds: Bounds, cameras: CameraSet, c: Cancel = {}): Promise<ViewAreaFeatures> {
  return readJson<ViewAreaFeatures>(await api.api.coverage['view-areas'].$get({ query: { bbox: bboxParam(bounds), cameras } }, init(c)))
}

/** Road stretches nobody sees in a grid, longest first. */
export async function loadBlindSpots(grid: number, cameras: CameraSet, c: Cancel = {}): Promise<BlindSpotFeatures> {
  return readJson<BlindSpotFeatures>(await api.api.coverage['blind-spots'].$get({ query: { grid: String(grid), cameras, minLengthM: '10' } }, init(c)))
}

/** Every key site in scope with its coverage status. */
export async function loadKeySites(cameras: CameraSet, c: Cancel = {}): Promise<KeySiteCoverage> {
  return readJson<KeySiteCoverage>(await api.api.coverage['key-sites'].$get({ query: { cameras } }, init(c)))
}

/** Which cameras see a point (or an incident's point), nearest first, and which nearby ones do not, and why. */
export async function loadCamerasAtPoint(at: { lon: number; lat: number } | { incident: number }, c: Cancel = {}): Promise<CamerasAtPoint> {
  const query = 'incident' in at ? { incident: String(at.incident) } : { lon: at.lon.toFixed(7), lat: at.lat.toFixed(7) }
  return readJson<CamerasAtPoint>(await api.api.coverage['at-point'].$get({ query }, init(c)))
}

export interface SuggestionRequest {
  area: { kind: 'grid' | 'township'; id: number }
  k: number
  fov: number
  rangeM: number
}

/** The next k cameras to install in a grid or township, best first (takes seconds: pass a signal to cancel). */
export async function loadSuggestions(r: SuggestionRequest, c: Cancel = {}): Promise<CameraSuggestions> {
  const query = { [r.area.kind]: String(r.area.id), k: String(r.k), kind: 'fixed' as const, fov: String(r.fov), rangeM: String(r.rangeM) }
  return readJson<CameraSuggestions>(await api.api.coverage.suggestions.$get({ query }, init(c)))
}

/** What the police posts reach by road within `minutes` at the given speeds (km/h per road class). */
export async function loadPostReach(options: ReachOptions, c: Cancel = {}): Promise<PostReach> {
  const query = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)]))
  return readJson<PostReach>(await api.api.coverage.reach.$get({ query }, init(c)))
}
