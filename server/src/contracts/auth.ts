import { z } from 'zod'

/** Roles, from the widest to the narrowest view. The web app reads the same matrix to show each role what it may use. */
export const roles = ['admin', 'commander', 'station_chief', 'officer', 'grid_worker', 'planner', 'viewer'] as const
export type Role = (typeof roles)[number]

export const permissions = [
  /** Individual incidents: list, details, map columns, live feed, CSV export. */
  'incidents:read',
  /** Report one incident (110 desk, walk-in, grid worker's report). */
  'incidents:report',
  /** Time-chain updates (accepted, contacted, on scene, closed). */
  'incidents:dispatch',
  /** Batches and file imports of incidents. */
  'incidents:import',
  /** Grid boundaries, police posts and the basemap. */
  'map:read',
  /** Camera positions, bearings and status; view areas and coverage. */
  'cameras:read',
  /** The camera registry: register, edit, remove and import cameras (a station: its own). Audited. */
  'cameras:manage',
  /** Per-grid aggregates: incident statistics, household colour counts (suppressed below 3). */
  'stats:read',
  /** Import grid boundaries as a new version. */
  'grids:import',
  /** Grid planner: draft, score, validate and publish grid plans (boundary versions). Audited. */
  'grids:plan',
  /** The directory of people (names, badges, stations, grid duties; no phones) for pickers: 网格长, mediators. */
  'people:read',
  /** Dispute cases without their parties. */
  'disputes:read',
  /** Open cases, move them through the mediation workflow, escalate, record outcomes and follow-ups. */
  'disputes:manage',
  /** Dispute parties (names, phones). Sensitive: every read is audited. */
  'disputes:parties',
  /** Individual households and their risk colour. Sensitive: every read is audited. */
  'households:read',
  /** 警网互融: exchange partners, routing rules and the outbox. Audited. */
  'exchange:manage',
  'users:manage',
  'audit:read',
] as const
export type Permission = (typeof permissions)[number]

/** How far a role's view reaches: the whole county, its station's jurisdiction, or its own grids. */
export type ScopeKind = 'county' | 'station' | 'grids'

const everyone: Permission[] = ['map:read', 'stats:read']
const police: Permission[] = [...everyone, 'people:read', 'incidents:read', 'incidents:report', 'incidents:dispatch', 'cameras:read', 'disputes:read', 'disputes:manage', 'disputes:parties', 'households:read']

/**
 * The permission matrix (README "Roles"). Least privilege: the admin runs the system (users, audit,
 * imports) but does not read household colours or dispute parties; planners and viewers see aggregates.
 */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: [...everyone, 'people:read', 'incidents:read', 'incidents:import', 'cameras:read', 'cameras:manage', 'grids:import', 'grids:plan', 'exchange:manage', 'users:manage', 'audit:read'],
  commander: [...police, 'incidents:import', 'cameras:manage', 'exchange:manage'],
  station_chief: [...police, 'cameras:manage'],
  officer: police,
  grid_worker: [...everyone, 'people:read', 'incidents:read', 'incidents:report', 'cameras:read', 'disputes:read', 'disputes:manage', 'disputes:parties', 'households:read'],
  planner: [...everyone, 'people:read', 'grids:import', 'grids:plan'],
  viewer: everyone,
}

export const roleScope: Record<Role, ScopeKind> = {
  admin: 'county',
  commander: 'county',
  station_chief: 'station',
  officer: 'station',
  grid_worker: 'grids',
  planner: 'county',
  viewer: 'county',
}

export const can = (role: Role, permission: Permission) => rolePermissions[role].includes(permission)

export const username = z.string().trim().regex(/^[A-Za-z0-9._-]{3,40}$/, 'username: 3–40 letters, digits, dot, dash or underscore')
/** Long passphrases rather than composition rules (NIST SP 800-63B). */
export const password = z.string().min(10, 'password: at least 10 characters').max(256)

export const loginInput = z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(256) })

export const sessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  scope: z.enum(['county', 'station', 'grids']),
  station: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  personId: z.number().int().nullable(),
  permissions: z.array(z.enum(permissions)),
})
export type SessionUser = z.infer<typeof sessionUser>

export const userInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(80),
  password,
  role: z.enum(roles),
  stationId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
  personId: z.number().int().positive().max(2_147_483_647).nullable().default(null),
})
export type UserInput = z.infer<typeof userInput>

export const userUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(80),
    password,
    role: z.enum(roles),
    stationId: z.number().int().positive().max(2_147_483_647).nullable(),
    personId: z.number().int().positive().max(2_147_483_647).nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { message: 'nothing to change' })
