import { DEFAULT_SPEEDS_KMH } from './constants'
import type { Geometry, LineString, MultiPolygon, Point, Polygon } from 'geojson'
import { z } from 'zod'
import { cameraKinds, cameraStatuses, int4Id as id } from './cameras'

/** Which cameras count: every camera, or only those online (an offline or faulty camera sees nothing). */
export const cameraSet = z.enum(['online', 'all'])
export type CameraSet = z.infer<typeof cameraSet>

const seen = z.object({
  /** Share of the grid's area inside some view area, 0–1. */
  areaPct: z.number().min(0).max(1),
  areaSeenM2: z.number(),
  /** Share of the grid's road length inside some view area, 0–1; null for a grid without roads. */
  roadPct: z.number().min(0).max(1).nullable(),
  roadSeenM: z.number(),
  /** Road length not seen (the blind spots), m. */
  blindRoadM: z.number(),
})

/** GET /api/coverage/grids — one row per grid of the version in force, in the caller's scope. */
export const gridCoverage = z.object({
  gridId: z.number().int(),
  code: z.string(),
  name: z.string(),
  community: z.string(),
  areaM2: z.number(),
  roadM: z.number(),
  cameras: z.number().int(),
  camerasOnline: z.number().int(),
  online: seen,
  all: seen,
  computedAt: z.string(),
})
export type GridCoverage = z.infer<typeof gridCoverage>

/** A bounding box `west,south,east,north` in degrees. */
export const bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map(Number)
    const [w, so, e, n] = parts as [number, number, number, number]
    if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p)) || w >= e || so >= n || w < -180 || e > 180 || so < -90 || n > 90) {
      ctx.addIssue({ code: 'custom', message: 'bbox must be west,south,east,north in degrees' })
      return z.NEVER
    }
    return { west: w, south: so, east: e, north: n }
  })

export const viewAreasQuery = z.object({ bbox, cameras: cameraSet.default('all') })
/** GET /api/coverage/view-areas — at most this many per answer (`truncated` says when more were in the box). */
export const VIEW_AREA_LIMIT = 4000
export const viewAreaFeatures = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.custom<MultiPolygon>(),
      properties: z.object({ cameraId: z.number().int(), code: z.string(), status: z.enum(cameraStatuses), kind: z.enum(cameraKinds) }),
    }),
  ),
})
export type ViewAreaFeatures = z.infer<typeof viewAreaFeatures>

export const blindSpotsQuery = z
  .object({ bbox: bbox.optional(), grid: id.optional(), cameras: cameraSet.default('online'), minLengthM: z.coerce.number().min(0).max(1000).default(10) })
  .refine((q) => q.bbox || q.grid, { message: 'bbox or grid is required', path: ['bbox'] })
/** GET /api/coverage/blind-spots — road stretches no camera sees, longest first. */
export const blindSpotFeatures = z.object({
  type: z.literal('FeatureCollection'),
  totalM: z.number(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.custom<LineString>(),
      properties: z.object({ gridId: z.number().int(), gridCode: z.string(), road: z.string().nullable(), roadClass: z.string(), lengthM: z.number() }),
    }),
  ),
})
export type BlindSpotFeatures = z.infer<typeof blindSpotFeatures>

export const keySiteKinds = ['school', 'hospital', 'market', 'station', 'bank', 'government'] as const
/** GET /api/coverage/key-sites — is each key site covered, and by how many cameras. */
export const keySiteCoverage = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      /** The site's footprint, or its point where it has none. */
      geometry: z.custom<Polygon | MultiPolygon | Point>(),
      properties: z.object({
        id: z.number().int(),
        name: z.string(),
        kind: z.enum(keySiteKinds),
        community: z.string().nullable(),
        lon: z.number(),
        lat: z.number(),
        /** Cameras whose view area reaches the site (footprint or, without one, within 10 m of its point). */
        cameras: z.number().int(),
        camerasOnline: z.number().int(),
        /** Share of the footprint's outline (its gates and fences) seen by the chosen camera set, 0–1. */
        outlineSeenPct: z.number().min(0).max(1),
        /** covered: outline seen ≥ 90 %; partial: seen by at least one camera; none: by no camera. */
        status: z.enum(['covered', 'partial', 'none']),
      }),
    }),
  ),
})
export type KeySiteCoverage = z.infer<typeof keySiteCoverage>
export const FULLY_COVERED_SHARE = 0.9

export const atPointQuery = z.union([
  z.object({ lon: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }),
  z.object({ incident: id }),
])
const cameraAtPoint = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(cameraKinds),
  status: z.enum(cameraStatuses),
  lon: z.number(),
  lat: z.number(),
  bearing: z.number(),
  fov: z.number(),
  rangeM: z.number(),
  distanceM: z.number(),
})
/** GET /api/coverage/at-point — which cameras see a point (or an incident's point), nearest first. */
export const camerasAtPoint = z.object({
  point: z.object({ lon: z.number(), lat: z.number() }),
  /** Cameras whose view area contains the point (offline ones are listed with their status: they would see it). */
  seeing: z.array(cameraAtPoint),
  /** Cameras within 2× their range that do not see it, with the reason. */
  notSeeing: z.array(cameraAtPoint.extend({ reason: z.enum(['out_of_range', 'facing_away', 'blocked']) })),
})
export type CamerasAtPoint = z.infer<typeof camerasAtPoint>

export const suggestionsQuery = z
  .object({
    grid: id.optional(),
    township: id.optional(),
    k: z.coerce.number().int().min(1).max(20).default(5),
    /** The camera to place: defaults to a fixed bullet camera, 60°, 80 m. */
    kind: z.enum(cameraKinds).default('fixed'),
    fov: z.coerce.number().min(1).max(360).default(60),
    rangeM: z.coerce.number().min(1).max(500).default(80),
  })
  .refine((q) => (q.grid === undefined) !== (q.township === undefined), { message: 'give either grid or township', path: ['grid'] })
/** GET /api/coverage/suggestions — the next cameras to install, best first (greedy max coverage). */
export const cameraSuggestions = z.object({
  area: z.object({ kind: z.enum(['grid', 'township']), id: z.number().int(), name: z.string() }),
  /** Road length in the area no online camera sees now, m. */
  uncoveredBeforeM: z.number(),
  /** …and after installing every suggested camera. */
  uncoveredAfterM: z.number(),
  sites: z.array(
    z.object({
      rank: z.number().int(),
      lon: z.number(),
      lat: z.number(),
      bearing: z.number(),
      fov: z.number(),
      rangeM: z.number(),
      kind: z.enum(cameraKinds),
      road: z.string().nullable(),
      /** Unseen road length this camera adds on top of the ones ranked before it, m. */
      gainM: z.number(),
      /** The same, weighted by incident density (incidents of the last 12 months near the road). */
      weightedGain: z.number(),
      /** Incidents of the last 12 months within 30 m of the road it adds. */
      incidentsNear: z.number().int(),
      viewArea: z.custom<MultiPolygon>(),
    }),
  ),
})
export type CameraSuggestions = z.infer<typeof cameraSuggestions>

export { DEFAULT_SPEEDS_KMH }
export const reachQuery = z.object({
  minutes: z.coerce.number().min(1).max(60).default(8),
  expressway: z.coerce.number().min(5).max(130).default(DEFAULT_SPEEDS_KMH.expressway),
  primary: z.coerce.number().min(5).max(130).default(DEFAULT_SPEEDS_KMH.primary),
  secondary: z.coerce.number().min(5).max(130).default(DEFAULT_SPEEDS_KMH.secondary),
  street: z.coerce.number().min(5).max(130).default(DEFAULT_SPEEDS_KMH.street),
  village: z.coerce.number().min(5).max(130).default(DEFAULT_SPEEDS_KMH.village),
})
export type ReachOptions = z.infer<typeof reachQuery>

/** GET /api/coverage/reach — what the police posts reach by road within the time limit. */
export const postReach = z.object({
  minutes: z.number(),
  speedsKmh: z.object({ expressway: z.number(), primary: z.number(), secondary: z.number(), street: z.number(), village: z.number() }),
  /** Posts with their reach area (road within the limit, and 100 m either side of it). */
  posts: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.custom<MultiPolygon | Geometry>(),
        properties: z.object({ id: z.number().int(), code: z.string(), name: z.string(), kind: z.string(), lon: z.number(), lat: z.number(), reachKm2: z.number(), roadReachedKm: z.number() }),
      }),
    ),
  }),
  /** Grids (in scope) less than half inside any post's reach. */
  gridsOutside: z.array(z.object({ gridId: z.number().int(), code: z.string(), name: z.string(), reachedPct: z.number().min(0).max(1) })),
  /** Key sites outside every post's reach, with the travel time from the nearest post (null: not connected by road). */
  sitesOutside: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.enum(keySiteKinds), lon: z.number(), lat: z.number(), minutes: z.number().nullable() })),
  /** Communities (一村一警) where no grid of the version in force has a current responsible police officer. */
  communitiesWithoutOfficer: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), township: z.string() })),
})
export type PostReach = z.infer<typeof postReach>

/** Live event when a camera's status changes (server-sent event `camera.status`). */
export const cameraStatusEvent = z.object({
  id: z.number().int(),
  code: z.string(),
  status: z.enum(cameraStatuses),
  statusChangedAt: z.string(),
  stationId: z.number().int().nullable(),
  /** The grid of the version in force that contains the camera. */
  gridId: z.number().int().nullable(),
  lon: z.number(),
  lat: z.number(),
})
export type CameraStatusEvent = z.infer<typeof cameraStatusEvent>

