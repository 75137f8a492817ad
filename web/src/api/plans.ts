import type { BoundaryVersionSummary, PlanDetail, PlanDiff, PlanGridFeature, PlanScores, PlanSuggestion, PlanSummary, PlanValidation, PublishResult } from '@gridwatch/server/contracts'
import type { MultiPolygon, Polygon } from 'geojson'
import { api, readJson } from './client'

/** Grid planner (网格规划, `grids:plan`): drafts of one area's grids, scored and validated by the server. */

/** A grid as the editor holds it: the server's properties, a Polygon or MultiPolygon outline. */
export type PlanGridProperties = PlanGridFeature['properties']
export interface PlanGrid {
  type: 'Feature'
  geometry: Polygon | MultiPolygon
  properties: PlanGridProperties
}

type Cancel = { signal?: AbortSignal }
const init = (c: Cancel) => (c.signal ? { init: { signal: c.signal } } : undefined)
const param = (id: number) => ({ id: String(id) })

export async function listPlans(): Promise<PlanSummary[]> {
  return readJson<PlanSummary[]>(await api.api.plans.$get())
}

/** A new draft of a community or township holding its grids in force. */
export async function createPlan(input: { name: string; areaId: number; note?: string }): Promise<PlanDetail> {
  return readJson<PlanDetail>(await api.api.plans.$post({ json: input }))
}

export async function loadPlan(id: number): Promise<PlanDetail> {
  return readJson<PlanDetail>(await api.api.plans[':id'].$get({ param: param(id) }))
}

/**
 * Saves the whole set of grids over `revision`. A 409 with field `revision` means someone saved
 * meanwhile; a 422 names the feature at fault (`grids.features.3.properties.key`).
 */
export async function savePlanGrids(id: number, revision: number, grids: readonly PlanGrid[]): Promise<PlanDetail> {
  // Only the contract's properties travel: anything the editor keeps beside them stays in the browser.
  const features = grids.map((g) => {
    const { key, name, kind, communityId, sourceGridId, code, responsibleOfficerId } = g.properties
    return { type: 'Feature' as const, geometry: g.geometry, properties: { key, name, kind, communityId, sourceGridId, code, responsibleOfficerId } }
  })
  return readJson<PlanDetail>(await api.api.plans[':id'].grids.$put({ param: param(id), json: { revision, grids: { type: 'FeatureCollection', features } } }))
}

/** Sets a draft aside (kept for the record, never published). */
export async function discardPlan(id: number): Promise<void> {
  const response = await api.api.plans[':id'].$delete({ param: param(id) })
  if (!response.ok) await readJson(response)
}

export async function loadPlanScores(id: number, c: Cancel = {}): Promise<PlanScores> {
  return readJson<PlanScores>(await api.api.plans[':id'].scores.$get({ param: param(id) }, init(c)))
}

/** Gaps and overlaps of at most `toleranceM2` are digitising noise and not reported. */
export async function loadPlanValidation(id: number, toleranceM2 = 1, c: Cancel = {}): Promise<PlanValidation> {
  return readJson<PlanValidation>(await api.api.plans[':id'].validation.$get({ param: param(id), query: { toleranceM2: String(toleranceM2) } }, init(c)))
}

/** Land that changes hands if the plan is published, with the incidents, households and cameras on it. */
export async function loadPlanDiff(id: number, c: Cancel = {}): Promise<PlanDiff> {
  return readJson<PlanDiff>(await api.api.plans[':id'].diff.$get({ param: param(id) }, init(c)))
}

/**
 * A rebalancing proposal for the plan as saved (its `revision`): blocks moved between neighbouring
 * grids so workloads even out, and the grids as they would be. Nothing is saved; it can take seconds.
 */
export async function suggestRebalance(id: number, maxMoves?: number, c: Cancel = {}): Promise<PlanSuggestion> {
  return readJson<PlanSuggestion>(await api.api.plans[':id'].suggestion.$post({ param: param(id), json: maxMoves === undefined ? {} : { maxMoves } }, init(c)))
}

/** Puts the plan in force as a new boundary version (422 while errors remain, 409 when stale). */
export async function publishPlan(id: number, note?: string): Promise<PublishResult> {
  return readJson<PublishResult>(await api.api.plans[':id'].publish.$post({ param: param(id), json: note ? { note } : {} }))
}

export async function listVersions(): Promise<BoundaryVersionSummary[]> {
  return readJson<BoundaryVersionSummary[]>(await api.api.versions.$get())
}

/** Roll back: an earlier version's grids are published again as a new version. */
export async function republishVersion(id: number, note?: string): Promise<PublishResult> {
  return readJson<PublishResult>(await api.api.versions[':id'].republish.$post({ param: param(id), json: note ? { note } : {} }))
}

export type PlanExportFormat = 'geojson' | 'shapefile'

/** Where the browser downloads the plan as saved: GeoJSON, or a zipped Shapefile (WGS 84 .prj, UTF-8 .cpg). */
export function planExportUrl(id: number, format: PlanExportFormat): string {
  return api.api.plans[':id'].export.$path({ param: param(id), query: { format } })
}

/** The draft after an import, with what the server read: the file's format and the features it skipped (not areas). */
export type PlanImport = PlanDetail & { format: 'geojson' | 'kml' | 'shapefile'; skipped: { index: number; reason: string }[] }

/**
 * Replaces the draft's grids with a boundary file's polygons (GeoJSON, KML, zipped Shapefile), saved as
 * the revision after `revision`: 409 with field `revision` when someone saved meanwhile; a 4xx naming
 * `file`, `features` or `features.N.…` when the file cannot be read or a polygon is refused.
 */
export async function importPlanFile(id: number, revision: number, file: File): Promise<PlanImport> {
  const form = new FormData()
  form.append('file', file)
  return readJson<PlanImport>(await api.api.plans[':id'].import.$post({ param: param(id), query: { revision: String(revision) } }, { init: { body: form } }))
}
