import { createRandom, type RowOutcome } from '@gridwatch/data'
import { importIncidents, queryRows, type DatabaseHandle } from '@gridwatch/server/bench'
import { sql } from 'drizzle-orm'

/**
 * Bulk ingest: N generated incidents through GridWatch's import path (validation, category check,
 * assignment to grid and responsible person, idempotency key, indexes and foreign keys) against the
 * least a spatial join can do: INSERT … SELECT … ST_Intersects into a plain table, same points, same grids.
 */
export async function benchBulk(handle: DatabaseHandle, n: number) {
  const db = handle.db
  const [box] = await queryRows<{ w: number; s: number; e: number; n: number }>(db, sql`
    select ST_XMin(geom) as w, ST_YMin(geom) as s, ST_XMax(geom) as e, ST_YMax(geom) as n from admin_areas where level = 'county'`)
  const random = createRandom(99)
  const start = Date.parse('2026-01-01T00:00:00Z')
  const points = Array.from({ length: n }, () => [box!.w + random.next() * (box!.e - box!.w), box!.s + random.next() * (box!.n - box!.s), start + random.next() * 300 * 86_400_000] as const)

  // Baseline: stage the same points once (not timed), then one spatial join into a plain table.
  await db.execute(sql`create table bench_points (id int, geom geometry(Point, 4326), reported_at timestamptz)`)
  for (let i = 0; i < n; i += 20_000) {
    const batch = points.slice(i, i + 20_000).map(([x, y, t], k) => ({ id: i + k, x, y, t: new Date(t).toISOString() }))
    await db.execute(sql`insert into bench_points select id, ST_SetSRID(ST_MakePoint(x, y), 4326), t::timestamptz from json_to_recordset(${JSON.stringify(batch)}::json) as r(id int, x float8, y float8, t text)`)
  }
  await db.execute(sql`analyze bench_points`)
  await db.execute(sql`create table bench_raw (id int, grid_id int)`)
  let t0 = performance.now()
  await db.execute(sql`insert into bench_raw select p.id, g.id from bench_points p left join grids g on ST_Intersects(g.geom, p.geom)`)
  const baselineMs = performance.now() - t0
  await db.execute(sql`drop table bench_raw`)
  await db.execute(sql`drop table bench_points`)

  async function* rows(): AsyncGenerator<RowOutcome> {
    for (let i = 0; i < n; i++) {
      const [x, y, t] = points[i]!
      yield { line: i + 2, row: { source: 'import', externalId: `BENCH-${i}`, category: 'theft', lon: x, lat: y, reportedAt: new Date(t).toISOString() } }
    }
  }
  t0 = performance.now()
  const summary = await importIncidents(db, rows())
  const gridwatchMs = performance.now() - t0
  if (summary.stored !== n) throw new Error(`bulk: stored ${summary.stored} of ${n}`)
  return { n, baselineMs, gridwatchMs, summary }
}
