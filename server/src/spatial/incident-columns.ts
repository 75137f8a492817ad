import { incidentCategories } from '@gridwatch/data'
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'

export const categoryCodes = incidentCategories.map((c) => c.code)

export interface IncidentColumns {
  id: Int32Array
  lon: Float64Array
  lat: Float64Array
  /** Report time, epoch milliseconds. */
  time: Float64Array
  /** Index into `categoryCodes`. */
  category: Uint8Array
  /** Grid id, -1 when unassigned. */
  grid: Int32Array
  /** 0 open, 1 closed. */
  closed: Uint8Array
  priority: Uint8Array
}

/** Incidents as columns for the map: PostgreSQL aggregates each column into one array, no per-row objects. */
export async function incidentColumns(db: Database, where: SQL): Promise<IncidentColumns> {
  const [r] = await queryRows<Record<'id' | 'lon' | 'lat' | 'time' | 'category' | 'grid' | 'closed' | 'priority', number[] | null>>(db, sql`
    select array_agg(i.id::int order by i.reported_at, i.id) as id,
           array_agg(ST_X(i.geom) order by i.reported_at, i.id) as lon,
           array_agg(ST_Y(i.geom) order by i.reported_at, i.id) as lat,
           array_agg(extract(epoch from i.reported_at)::float8 * 1000 order by i.reported_at, i.id) as time,
           array_agg(coalesce(array_position(${sql.raw(`array[${categoryCodes.map((c) => `'${c}'`).join(',')}]::text[]`)}, i.category_code), 256) - 1 order by i.reported_at, i.id) as category,
           array_agg(coalesce(i.grid_id, -1) order by i.reported_at, i.id) as grid,
           array_agg(case when i.closed_at is null then 0 else 1 end order by i.reported_at, i.id) as closed,
           array_agg(i.priority::int order by i.reported_at, i.id) as priority
    from incidents i where ${where}`)
  return {
    id: Int32Array.from(r?.id ?? []),
    lon: Float64Array.from(r?.lon ?? []),
    lat: Float64Array.from(r?.lat ?? []),
    time: Float64Array.from(r?.time ?? []),
    category: Uint8Array.from(r?.category ?? []),
    grid: Int32Array.from(r?.grid ?? []),
    closed: Uint8Array.from(r?.closed ?? []),
    priority: Uint8Array.from(r?.priority ?? []),
  }
}
