import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { currentVersionId, gridScope, pointScope, type Scope } from '../auth/scope'

export const riskColours = ['green', 'yellow', 'orange', 'red'] as const
export type RiskColour = (typeof riskColours)[number]

/** Counts of 1 or 2 could point at a household a neighbour can name: they are not shown. */
export const SUPPRESS_BELOW = 3

export interface GridColourCounts {
  gridId: number
  code: string
  name: string
  /** Null when the grid has fewer than 3 households. */
  households: number | null
  /** Per colour; null where suppressed. */
  colours: Record<RiskColour, number | null>
  suppressed: boolean
}

/**
 * Small-cell suppression of one grid's colour counts. A colour with 1–2 households is hidden; whenever
 * anything is hidden, the smallest visible non-zero colour is hidden too, so no hidden count can be worked
 * out from the total and the others; if that leaves no non-zero colour visible (or the grid has fewer than
 * 3 households), the whole grid is suppressed.
 */
export function suppressSmallCells(counts: Record<RiskColour, number>): Pick<GridColourCounts, 'households' | 'colours' | 'suppressed'> {
  const total = riskColours.reduce((sum, c) => sum + counts[c], 0)
  const hiddenGrid = { households: null, colours: Object.fromEntries(riskColours.map((c) => [c, null])) as Record<RiskColour, null>, suppressed: true }
  if (total > 0 && total < SUPPRESS_BELOW) return hiddenGrid
  const small = riskColours.filter((c) => counts[c] > 0 && counts[c] < SUPPRESS_BELOW)
  if (small.length === 0) return { households: total, colours: { ...counts }, suppressed: false }
  const visible = riskColours.filter((c) => counts[c] >= SUPPRESS_BELOW).sort((a, b) => counts[a] - counts[b])
  const alsoHidden = visible.shift()
  if (!alsoHidden || visible.length === 0) return hiddenGrid
  const colours = { ...counts } as Record<RiskColour, number | null>
  for (const c of [...small, alsoHidden]) colours[c] = null
  return { households: total, colours, suppressed: true }
}

/** Household colour counts per current grid in scope (a household belongs to the grid covering its point). */
export async function householdColoursByGrid(db: Database, scope: Scope): Promise<GridColourCounts[]> {
  const rows = await queryRows<{ gridId: number; code: string; name: string } & Record<RiskColour, number>>(db, sql`
    select g.id as "gridId", g.code, g.name,
           ${sql.join(riskColours.map((c) => sql`count(h.id) filter (where h.colour = ${c}::risk_colour)::int as ${sql.identifier(c)}`), sql`, `)}
    from grids g left join households h on ST_Covers(g.geom, h.geom)
    where g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')}
    group by g.id, g.code, g.name order by g.code`)
  return rows.map((r) => ({ gridId: r.gridId, code: r.code, name: r.name, ...suppressSmallCells({ green: r.green, yellow: r.yellow, orange: r.orange, red: r.red }) }))
}

export interface HouseholdRecord {
  id: number
  address: string
  headName: string
  members: number
  colour: RiskColour
  reason: string | null
  reviewedOn: string
  nextReviewOn: string
  lon: number
  lat: number
  gridCode: string | null
}

/** Individual households in scope matching `where` (on `households h`). Sensitive: callers audit the read. */
export const householdRecords = (db: Database, scope: Scope, where: SQL, limit: number) =>
  queryRows<HouseholdRecord>(db, sql`
    select h.id, h.address, h.head_name as "headName", h.members, h.colour, h.reason,
           to_char(h.reviewed_on, 'YYYY-MM-DD') as "reviewedOn", to_char(h.next_review_on, 'YYYY-MM-DD') as "nextReviewOn",
           ST_X(h.geom) as lon, ST_Y(h.geom) as lat,
           (select g.code from grids g where g.version_id = ${currentVersionId} and ST_Covers(g.geom, h.geom) order by g.code limit 1) as "gridCode"
    from households h
    where ${where} and ${pointScope(scope, sql`h.geom`)}
    order by h.id limit ${limit}`)
