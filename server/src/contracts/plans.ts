import type { MultiPolygon, Point, Polygon } from 'geojson'
import { z } from 'zod'
import { int4Id as id } from './cameras'

/** Grid planner (网格规划): draft plans of one community or township, scored and validated on the server. */

/** [lon, lat] (a height, if any, is dropped): number[] as GeoJSON's Position, so editor output fits as is. */
const position = z
  .array(z.number())
  .min(2, 'a position is [lon, lat]')
  .max(3, 'a position is [lon, lat]')
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, 'coordinates must be WGS84 degrees (lon ±180, lat ±90)')
const ring = z.array(position).min(4, 'a ring needs at least 4 positions (closed)')
const polygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) })
const multiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) })

/** One grid of a plan, as GeoJSON. `key` names it within the plan across saves (the editor's handle). */
export const planGridFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.union([polygonGeometry, multiPolygonGeometry]),
  properties: z.object({
    key: z.string().trim().min(1).max(40),
    name: z.string().trim().min(1, 'name is required').max(100),
    kind: z.enum(['base', 'dedicated']).default('base'),
    communityId: id,
    /** The grid of the base version it was drawn from; its code is kept while its outline is unchanged. */
    sourceGridId: id.nullable().default(null),
    /** The 15-digit code it carries (inherited or from an imported file); new and changed grids are numbered at publishing. */
    code: z
      .string()
      .regex(/^[0-9]{15}$/, 'code must be 15 digits')
      .nullable()
      .default(null),
    /** 网格长: the community police officer responsible for the grid. */
    responsibleOfficerId: id.nullable().default(null),
  }),
})
export type PlanGridFeature = z.infer<typeof planGridFeature>

/** POST /api/plans — a new draft holding the area's grids as they are in force. */
export const planCreate = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  note: z.string().trim().max(2000).optional(),
  areaId: id,
})

/** PUT /api/plans/:id/grids — the whole set of the plan's grids (the editor saves after each edit, debounced). */
export const planSave = z.object({
  /** The revision the editor started from: a save over a newer one is refused (409). */
  revision: z.number().int().positive(),
  grids: z.object({ type: z.literal('FeatureCollection'), features: z.array(planGridFeature).max(500) }),
})

export const planStatuses = ['draft', 'published', 'discarded'] as const

export const planSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  note: z.string().nullable(),
  status: z.enum(planStatuses),
  area: z.object({ id: z.number().int(), name: z.string(), level: z.enum(['township', 'community']) }),
  baseVersionId: z.number().int(),
  /** The base version is no longer in force: publishing it would undo someone else's publication. */
  stale: z.boolean(),
  author: z.object({ id: z.number().int(), name: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  revision: z.number().int(),
  grids: z.number().int(),
  publishedVersionId: z.number().int().nullable(),
})
export type PlanSummary = z.infer<typeof planSummary>

export interface PlanDetail extends PlanSummary {
  features: { type: 'FeatureCollection'; features: { type: 'Feature'; geometry: MultiPolygon; properties: PlanGridFeature['properties'] }[] }
}

/** Workload and shape of one grid, in the plan and (when it keeps a source grid) in the version in force. */
export interface GridScore {
  key: string
  name: string
  code: string | null
  areaM2: number
  population: number
  households: number
  /** Incidents of the last 12 months whose point lies in the grid: the workload. */
  incidents12m: number
  openDisputes: number
  /** Share of the grid's area some camera (any status) sees, 0–1. */
  cameraAreaPct: number
  /** From the grid's centre (a point on its surface) to the nearest police post, m; null without posts. */
  nearestPostM: number | null
  /** Polsby–Popper compactness 4πA/P², 1 for a circle. */
  compactness: number
  /** Separate pieces (1 = contiguous). */
  parts: number
}

export interface PlanBalance {
  grids: number
  /** Largest over smallest workload; null when a grid has none. */
  maxMinRatio: number | null
  /** Coefficient of variation of the workload (standard deviation / mean). */
  workloadCv: number | null
  meanCompactness: number | null
  /** Grids in more than one piece. */
  fragmented: number
}

/** GET /api/plans/:id/scores — the plan against the version in force, for the same area. */
export interface PlanScores {
  planId: number
  revision: number
  grids: (GridScore & { published: GridScore | null })[]
  plan: PlanBalance
  published: PlanBalance
  /** The version in force's grids of the area, scored the same way (for the change column and the choropleth). */
  publishedGrids: GridScore[]
  computedMs: number
}

export const planProblemKinds = ['invalid_geometry', 'overlap', 'gap', 'outside_community', 'no_officer', 'duplicate_code', 'foreign_officer'] as const
export type PlanProblemKind = (typeof planProblemKinds)[number]

export interface PlanProblemDetails {
  /** invalid_geometry: GEOS's reason. */
  reason?: string
  /** outside_community: the grid's community; with `planArea` when that community is not in the plan's area. */
  community?: string
  planArea?: string
  /** foreign_officer: the 网格长, their person role and station, and the grid's station. */
  officer?: string
  role?: string
  officerStation?: string | null
  station?: string | null
  /** duplicate_code: the code; `other` (and `community`) when a grid in force elsewhere holds it. */
  code?: string
  other?: string
}

/** One validation finding, located on the map. Errors block publishing; warnings do not. */
export interface PlanProblem {
  kind: PlanProblemKind
  severity: 'error' | 'warning'
  /** The plan grids concerned (their keys). */
  grids: string[]
  /** The server's sentence, in English; the web writes its own from `kind`, the grids and `details`. */
  message: string
  /** The names a message needs, by kind: community/planArea, officer/role/officerStation/station, code/other, reason. */
  details: PlanProblemDetails
  /** Where to look: the self-intersection point, or a point inside the overlap, gap or outside part. */
  location: Point
  /** The area concerned (overlap, gap, part outside), when there is one. */
  area: Polygon | MultiPolygon | null
  areaM2: number | null
}

/** GET /api/plans/:id/validation */
export interface PlanValidation {
  planId: number
  revision: number
  /** Gaps and overlaps below this many m² are ignored (digitising noise). */
  toleranceM2: number
  publishable: boolean
  problems: PlanProblem[]
}

export const validationQuery = z.object({ toleranceM2: z.coerce.number().min(0).max(10_000).default(1) })

/** GET /api/plans/:id/diff — land changing hands if the plan is published, and what moves with it. */
export interface PlanDiff {
  planId: number
  pieces: {
    type: 'FeatureCollection'
    features: {
      type: 'Feature'
      geometry: MultiPolygon
      properties: {
        /** The grid in force the piece leaves, and the plan grid it joins. */
        from: { id: number; code: string; name: string }
        to: { key: string; name: string }
        areaM2: number
        incidents12m: number
        openIncidents: number
        households: number
        population: number
        cameras: number
      }
    }[]
  }
  totals: { pieces: number; areaM2: number; incidents12m: number; openIncidents: number; households: number; population: number; cameras: number }
}

/** POST /api/plans/:id/publish and POST /api/versions/:id/republish */
export const publishBody = z.object({ note: z.string().trim().max(2000).optional() })

export interface PublishResult {
  versionId: number
  previousVersionId: number
  grids: number
  /** Grids that kept their code (outline unchanged) and grids numbered anew. */
  keptCodes: number
  renumbered: number
  /** Open incidents linked to the new version, and those among them whose grid (by code) changed. */
  reassignedIncidents: number
  movedIncidents: number
}

/** GET /api/versions — boundary versions, newest first. */
export interface BoundaryVersionSummary {
  id: number
  name: string
  status: 'draft' | 'published' | 'retired'
  author: string
  note: string | null
  createdAt: string
  effectiveFrom: string | null
  effectiveTo: string | null
  inForce: boolean
  grids: number
  /** The plan published as this version, if any. */
  planId: number | null
}

/** Live event `grids.published`: a new boundary version is in force (the wall redraws its grids). */
export interface GridsPublishedEvent {
  versionId: number
  name: string
  effectiveFrom: string
}

/** One block the suggestion moves from a grid to its neighbour. */
export interface BlockMove {
  from: string
  to: string
  areaM2: number
  incidents12m: number
  households: number
  geometry: Polygon
}

/**
 * POST /api/plans/:id/suggestion — building blocks to move between neighbouring grids of one community
 * so that workloads even out, every grid staying in one piece. Accepting it = saving `grids`.
 */
export interface PlanSuggestion {
  planId: number
  revision: number
  moves: BlockMove[]
  before: { workloadCv: number | null; maxMinRatio: number | null }
  after: { workloadCv: number | null; maxMinRatio: number | null }
  grids: PlanDetail['features']
}

export const suggestionBody = z.object({ maxMoves: z.number().int().min(1).max(50).default(12) })
