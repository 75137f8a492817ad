import { parseCrs, toWgs84 } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { timeChain, type IncidentInput } from '../contracts'
import { queryRows, type Database } from '../db/client'
import { DEFAULT_NEAREST_TOLERANCE_M, incidentAssignment } from '../spatial/assign-incidents'
import { InputError } from './errors'

export interface IngestOutcome {
  /** Position in the request. */
  index: number
  id: number
  /** created = stored now; existing = (source, externalId) was already stored, nothing changed. */
  status: 'created' | 'existing'
  /** How the stored incident was assigned (contains, edge, nearest, unassigned). */
  assignment: string
}

/**
 * Stores incidents and assigns each to its grid and responsible person in the same statement (and so
 * the same transaction). Idempotent on (source, externalId): a re-sent incident changes nothing and
 * reports the stored id. Everything is checked before anything is written; a batch is all or nothing.
 * `fieldPrefix` names fields in errors (`items.3.category`).
 */
export async function ingestIncidents(
  db: Database,
  items: IncidentInput[],
  options: { toleranceM?: number; fieldPrefix?: (index: number) => string } = {},
): Promise<IngestOutcome[]> {
  const prefix = options.fieldPrefix ?? (() => '')
  const known = await knownCategories(db, items.map((i) => i.category))
  const rows = items.map((item, index) => {
    if (!known.has(item.category)) throw new InputError(`Unknown category "${item.category}"`, `${prefix(index)}category`)
    checkTimeChainOrder(item, prefix(index))
    const [lon, lat] = toWgs84(parseCrs(item.crs))(item.lon, item.lat)
    return {
      idx: index,
      source: item.source,
      external_id: item.externalId,
      category: item.category,
      priority: item.priority ?? null,
      lon,
      lat,
      address: item.address ?? null,
      summary: item.summary ?? null,
      reported_at: item.reportedAt.toISOString(),
      accepted_at: item.acceptedAt?.toISOString() ?? null,
      contacted_at: item.contactedAt?.toISOString() ?? null,
      on_scene_at: item.onSceneAt?.toISOString() ?? null,
      closed_at: item.closedAt?.toISOString() ?? null,
    }
  })
  // One statement: atomic on its own, so a batch is stored whole or not at all.
  const stored = await queryRows<{ idx: number; id: number; created: boolean; assignment: string }>(db, sql`
      with input as (
        select x.*, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) as geom
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(
          idx int, source incident_source, external_id text, category text, priority smallint, lon float8, lat float8,
          address text, summary text, reported_at timestamptz, accepted_at timestamptz, contacted_at timestamptz,
          on_scene_at timestamptz, closed_at timestamptz)
      ),
      inserted as (
        insert into incidents (source, external_id, category_code, priority, geom, address, summary, reported_at,
                               accepted_at, contacted_at, on_scene_at, closed_at, grid_id, version_id, assignment,
                               assignment_distance_m, station_id, responsible_person_id, responsibility)
        select x.source, x.external_id, x.category, coalesce(x.priority, c.default_priority), x.geom, x.address, x.summary,
               x.reported_at, x.accepted_at, x.contacted_at, x.on_scene_at, x.closed_at,
               a.grid_id, a.version_id, a.rule::assignment_rule, a.distance_m, a.station_id, a.person_id,
               a.responsibility::responsibility_rule
        from input x
        join incident_categories c on c.code = x.category
        cross join ${incidentAssignment(sql`x.geom`, sql`x.reported_at`, options.toleranceM ?? DEFAULT_NEAREST_TOLERANCE_M)} a
        order by x.idx
        on conflict (source, external_id) do nothing
        returning id, source, external_id, assignment
      )
      select x.idx, coalesce(n.id, e.id)::int as id, (n.id is not null and e.id is null) as created,
             coalesce(n.assignment, e.assignment)::text as assignment
      from input x
      left join inserted n on n.source = x.source and n.external_id = x.external_id
      left join incidents e on e.source = x.source and e.external_id = x.external_id
      order by x.idx`)
  // A concurrent request stored the same (source, externalId) after this statement's snapshot: the
  // insert did nothing and the join could not see that row yet. Look it up again, now committed.
  const missing = stored.filter((r) => r.id === null)
  if (missing.length > 0) {
    const keys = missing.map((r) => ({ source: rows[r.idx]!.source, external_id: rows[r.idx]!.external_id }))
    const found = await queryRows<{ source: string; external_id: string; id: number; assignment: string }>(db, sql`
      select i.source::text as source, i.external_id, i.id::int as id, i.assignment::text as assignment
      from incidents i join json_to_recordset(${JSON.stringify(keys)}::json) as k(source incident_source, external_id text)
        on i.source = k.source and i.external_id = k.external_id`)
    const byKey = new Map(found.map((f) => [`${f.source}|${f.external_id}`, f]))
    for (const r of missing) {
      const f = byKey.get(`${rows[r.idx]!.source}|${rows[r.idx]!.external_id}`)
      if (!f) throw new Error(`incident ${rows[r.idx]!.source}/${rows[r.idx]!.external_id} neither stored nor found`)
      Object.assign(r, { id: f.id, created: false, assignment: f.assignment })
    }
  }
  // The same (source, externalId) twice in one request: the first occurrence is the one created.
  const seen = new Set<number>()
  return stored.map((r) => {
    const first = r.created && !seen.has(r.id)
    seen.add(r.id)
    return { index: r.idx, id: r.id, status: first ? 'created' : 'existing', assignment: r.assignment }
  })
}

/**
 * Category codes, cached per database: the code table changes rarely, and a code not in the cache is
 * looked up again before it is refused.
 */
const categoryCache = new WeakMap<Database, Set<string>>()
async function knownCategories(db: Database, wanted: string[]) {
  const cached = categoryCache.get(db)
  if (cached && wanted.every((c) => cached.has(c))) return cached
  const fresh = new Set((await queryRows<{ code: string }>(db, sql`select code from incident_categories`)).map((r) => r.code))
  categoryCache.set(db, fresh)
  return fresh
}

/** The links of the time chain given in one request must not run backwards. */
export function checkTimeChainOrder(chain: Partial<Record<(typeof timeChain)[number], Date | undefined | null>>, prefix = '') {
  let previous: { field: string; at: Date } | undefined
  for (const field of timeChain) {
    const at = chain[field]
    if (!at) continue
    if (previous && at < previous.at) {
      throw new InputError(`${field} (${at.toISOString()}) is earlier than ${previous.field} (${previous.at.toISOString()})`, `${prefix}${field}`, 422, 'time_order')
    }
    previous = { field, at }
  }
}
