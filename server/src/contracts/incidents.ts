import { incidentSources } from '@gridwatch/data'
import { z } from 'zod'

/** ISO 8601 date-time with an offset (e.g. `2026-11-23T20:15:00+08:00`), parsed to a Date. */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 2999, { message: 'must be a date between the years 1900 and 2999' })

const coordinateSystems = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'] as const

/** One incident as the 110 system, 12345 or the grid platform sends it. */
export const incidentInput = z.object({
  source: z.enum(incidentSources),
  /** The sender's own id (110 case number …): ingest is idempotent on (source, externalId). */
  externalId: z.string().trim().min(1).max(64),
  /** A code of the category table (`GET /api/incidents/categories`). */
  category: z.string().trim().min(1).max(32),
  priority: z.number().int().min(1).max(4).optional(),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Coordinate system of lon/lat; web-map coordinates (GCJ-02, BD-09) are converted to WGS84. */
  crs: z.enum(coordinateSystems).default('wgs84'),
  address: z.string().trim().max(200).optional(),
  summary: z.string().trim().max(2000).optional(),
  reportedAt: instant,
  acceptedAt: instant.optional(),
  contactedAt: instant.optional(),
  onSceneAt: instant.optional(),
  closedAt: instant.optional(),
})
export type IncidentInput = z.infer<typeof incidentInput>

/** Largest batch accepted in one request; larger loads go through file import. */
export const MAX_BATCH = 10_000
export const incidentBatch = z.object({ items: z.array(incidentInput).min(1).max(MAX_BATCH) })

/** The time chain, in order. Each link may only be set once and never before the links before it. */
export const timeChain = ['reportedAt', 'acceptedAt', 'contactedAt', 'onSceneAt', 'closedAt'] as const
export type TimeChainField = (typeof timeChain)[number]
export const timeChainUpdate = z
  .object({ acceptedAt: instant, contactedAt: instant, onSceneAt: instant, closedAt: instant })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one of acceptedAt, contactedAt, onSceneAt, closedAt' })

export const assignmentRules = ['contains', 'edge', 'nearest', 'unassigned', 'pending'] as const
export const responsibilityRules = ['roster', 'grid_officer', 'station_duty', 'none'] as const

const storedInstant = z.string().meta({ format: 'date-time' })
/** An incident as stored, with where it landed and who is responsible. */
export const incidentRecord = z.object({
  id: z.number().int(),
  source: z.enum(incidentSources),
  externalId: z.string(),
  category: z.string(),
  priority: z.number().int(),
  lon: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  summary: z.string().nullable(),
  reportedAt: storedInstant,
  acceptedAt: storedInstant.nullable(),
  contactedAt: storedInstant.nullable(),
  onSceneAt: storedInstant.nullable(),
  closedAt: storedInstant.nullable(),
  assignment: z.enum(assignmentRules).meta({ description: 'contains | edge (on a boundary: lowest code wins) | nearest (within tolerance) | unassigned (review queue)' }),
  assignmentDistanceM: z.number().nullable().meta({ description: 'Distance to the grid for `nearest`, metres' }),
  grid: z.object({ id: z.number().int(), code: z.string(), name: z.string(), versionId: z.number().int() }).nullable(),
  stationId: z.number().int().nullable(),
  responsibility: z.enum(responsibilityRules).meta({ description: 'roster (officer on shift) | grid_officer (网格长) | station_duty (duty desk) | none' }),
  responsible: z.object({ id: z.number().int(), name: z.string(), role: z.string(), phone: z.string() }).nullable(),
})
export type IncidentRecord = z.infer<typeof incidentRecord>

export const apiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
})

/** Filters of the incident queries (list, map columns, export). */
export const incidentFilter = z.object({
  /** west,south,east,north in WGS84 degrees. */
  bbox: z
    .string()
    .transform((s, ctx) => {
      const v = s.split(',').map(Number)
      if (v.length !== 4 || v.some((n) => !Number.isFinite(n)) || v[0]! >= v[2]! || v[1]! >= v[3]!) {
        ctx.addIssue({ code: 'custom', message: 'bbox must be west,south,east,north with west < east and south < north' })
        return z.NEVER
      }
      return v as [number, number, number, number]
    })
    .optional(),
  from: instant.optional(),
  to: instant.optional(),
  /** Comma-separated category codes. */
  category: z
    .string()
    .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
    .optional(),
  /** A 15-digit grid code. */
  grid: z.string().regex(/^[0-9]{15}$/, 'grid must be a 15-digit grid code').optional(),
  status: z.enum(['open', 'closed']).optional(),
  assignment: z.enum(assignmentRules).optional(),
})
export type IncidentFilter = z.infer<typeof incidentFilter>
