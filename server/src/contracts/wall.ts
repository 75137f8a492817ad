import { z } from 'zod'

/**
 * The county's wall clock: China has one time zone and no daylight saving, so a "day" is a fixed
 * +08:00 calendar day whatever the server's own zone.
 */
export const COUNTY_UTC_OFFSET_MS = 8 * 3_600_000

/** `YYYY-MM-DD` in the county's time zone. */
export const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'day must be YYYY-MM-DD')
  .refine((s) => {
    // Date.parse rolls 30 February over to March: a real date survives the round trip.
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]
    const date = new Date(Date.UTC(y, m - 1, d))
    return y >= 1900 && y <= 2999 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  }, { message: 'day must be a real calendar date between 1900 and 2999' })

/** A share of something (0–1) with the counts behind it, so a screen can say "37 of 40". */
export const rate = z.object({
  /** null when nothing was counted (no denominator). */
  rate: z.number().min(0).max(1).nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
})
export type Rate = z.infer<typeof rate>

/** GET /api/wall/kpis — the KPI strip for one local day, within the caller's scope. */
export const wallKpis = z.object({
  day: localDay,
  /** Start and end of the day as instants; `to` is now while the day is still running. */
  from: z.string(),
  to: z.string(),
  /** The same span of the same calendar day one year earlier (to the same minute while the day runs). */
  lastYearFrom: z.string(),
  lastYearTo: z.string(),
  incidents: z.object({
    today: z.number().int(),
    sameDayLastYear: z.number().int(),
    /** (today − lastYear) / lastYear; null when last year had none. */
    change: z.number().nullable(),
    /** Still open (not closed) among today's incidents. */
    open: z.number().int(),
    byCategory: z.array(z.object({ code: z.string(), today: z.number().int(), sameDayLastYear: z.number().int() })),
  }),
  /** Among today's incidents that reached the step: share within the target. */
  acceptedWithin1Min: rate,
  contactedWithin3Min: rate,
  onSceneWithin10Min: rate,
  /** The "8-minute on-scene rate" (8分钟到场率). */
  onSceneWithin8Min: rate,
  /** Disputes opened this calendar year (not cancelled): share resolved (closed or evaluated with an agreement or judicial confirmation). */
  disputeResolution: rate,
  /** Open disputes now (not closed, evaluated or cancelled). */
  openDisputes: z.number().int(),
  camerasOnline: rate,
  /** Communities (in scope) without a single incident today. */
  zeroIncidentCommunities: z.object({ count: z.number().int(), of: z.number().int() }),
})
export type WallKpis = z.infer<typeof wallKpis>

const contact = z.object({ id: z.number().int(), name: z.string(), phone: z.string(), badgeNo: z.string().nullable() })

/** GET /api/grids/:id/card — what the wall shows when a grid is clicked. */
export const gridCard = z.object({
  grid: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['base', 'dedicated']),
    community: z.string(),
    township: z.string(),
    station: z.object({ id: z.number().int(), name: z.string(), dutyPhone: z.string() }).nullable(),
    population: z.number().int(),
    households: z.number().int(),
    areaKm2: z.number(),
  }),
  /** Who is responsible: null for roles without `incidents:read` (aggregates only). */
  people: z
    .object({
      responsibleOfficer: contact.nullable(),
      assistant: contact.nullable(),
      gridWorkers: z.array(contact),
    })
    .nullable(),
  /** The last 12 calendar months (oldest first), the current month up to now; `lastYear` = the same month a year earlier (for the current month: up to the same time last year). */
  trend: z.array(z.object({ month: z.string(), incidents: z.number().int(), lastYear: z.number().int() })),
  /** The last 365 days against the 365 before (rolling, unlike the calendar months of `trend`). */
  yearOverYear: z.object({ last365Days: z.number().int(), previous365Days: z.number().int(), change: z.number().nullable() }),
  openDisputes: z.number().int(),
  /** Cameras inside the grid. */
  cameras: rate,
})
export type GridCard = z.infer<typeof gridCard>

/** GET /api/incidents/:id/nearby — the nearest police posts and cameras of an incident. */
export const incidentNearby = z.object({
  posts: z.array(
    z.object({ id: z.number().int(), code: z.string(), name: z.string(), kind: z.string(), station: z.string(), lon: z.number(), lat: z.number(), distanceM: z.number() }),
  ),
  /** Cameras in the caller's scope, nearest first; `seesIncident` when the point lies in the camera's field of view and range. */
  cameras: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      status: z.enum(['online', 'offline', 'fault']),
      kind: z.string(),
      lon: z.number(),
      lat: z.number(),
      distanceM: z.number(),
      seesIncident: z.boolean(),
    }),
  ),
})
export type IncidentNearby = z.infer<typeof incidentNearby>
