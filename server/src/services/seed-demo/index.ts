import { createDemoConfig, generateDemoCounty, type DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { createProgress } from '../../cli/progress'
import { queryRows, type Database } from '../../db/client'
import { withBulkLoad } from '../../db/bulk-load'
import { insertAssets } from './assets'
import { insertBasemap } from './basemap'
import { insertBoundaries } from './boundaries'
import { insertCases } from './cases'
import { insertExchangePartners } from './exchange'
import { insertIncidents } from './incidents'
import { insertPeople } from './people'
import { refreshGridCoverage } from '../../spatial/coverage/grid-coverage'

export interface SeedOptions {
  seed: number
  scale: number
  now?: Date
  log?: (line: string) => void
  /** Show progress bars (the CLI and `pnpm start` do; tests do not). */
  progress?: boolean
  /** false: the county without its incident history (benchmarks bring their own). */
  incidents?: boolean
}

export type SeedResult = { seeded: true; county: DemoCounty } | { seeded: false; reason: string }

const DEMO_KEY = 'demo_county'

/**
 * Seeds the demo county into an empty database, in one transaction: a crash half-way leaves nothing.
 * Idempotent: a database that already has the demo county (or any grids of its own) is left alone.
 */
export async function seedDemoCounty(db: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {})
  const [state] = await queryRows<{ seeded: boolean; grids: number }>(
    db,
    sql`select exists(select 1 from app_meta where key = ${DEMO_KEY}) as seeded, (select count(*)::int from grids) as grids`,
  )
  if (state?.seeded) return { seeded: false, reason: 'the demo county is already in this database' }
  if (state && state.grids > 0) return { seeded: false, reason: 'the database already holds grids of its own' }

  const config = createDemoConfig({ seed: options.seed, scale: options.scale, now: options.now ?? new Date() })
  log(`Generating the demo county ${config.countyName} (seed ${config.seed}, scale ${options.scale})…`)
  const county = generateDemoCounty(config)
  const bar = (label: string, total: number) => (options.progress ? createProgress(label, total) : { update: () => {}, done: () => {} })

  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    // Large one-off statements: JIT compilation costs more than it saves here.
    await tx.execute(sql`set local jit = off`)
    const steps = bar('Demo county', 5)
    await insertBoundaries(tx, county)
    steps.update(1)
    await insertBasemap(tx, county)
    steps.update(2)
    await insertAssets(tx, county)
    steps.update(3)
    await insertPeople(tx, county)
    await insertExchangePartners(tx)
    steps.update(4)
    // Fresh tables have no statistics inside this transaction: without them the planner picks poor plans.
    await tx.execute(sql`analyze boundary_versions, grids, admin_areas, duty_shifts, grid_duties, people`)
    steps.update(5)
    steps.done()
    if (options.incidents !== false) {
      const incidents = bar('Incidents', county.incidents.count)
      await withBulkLoad(tx, 'incidents', () => insertIncidents(tx, county, incidents.update))
      incidents.done()
    }
    log('Disputes, households and patrols…')
    // Without the incident history, disputes cannot point at the incidents they came from.
    await insertCases(tx, options.incidents === false ? { ...county, disputes: county.disputes.map((d) => ({ ...d, incident: null })) } : county)
    await finish(tx, county)
  })
  // Camera view areas were computed with the cameras (trigger); the per-grid coverage is computed once
  // now, so the coverage view opens at once. A crash here only leaves rows to compute on first read.
  const coverage = bar('Camera coverage', county.grids.length)
  await refreshGridCoverage(db, { onProgress: (done) => coverage.update(done) })
  coverage.done()
  return { seeded: true, county }
}

async function finish(db: Database, c: DemoCounty) {
  // Population and households of each grid come from the buildings inside it.
  await db.execute(sql`
    update grids g set population = s.population, households = s.households
    from (select g2.id, sum(b.population)::int as population, sum(b.households)::int as households
          from grids g2 join buildings b on ST_Intersects(g2.geom, ST_PointOnSurface(b.geom))
          group by g2.id) s
    where g.id = s.id`)
  // Rows were inserted with explicit ids: move every sequence past them.
  for (const table of ['stations', 'admin_areas', 'boundary_versions', 'grids', 'buildings', 'people', 'incidents', 'disputes', 'patrol_teams']) {
    await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`))
  }
  await db.execute(sql`
    insert into app_meta (key, value)
    values (${DEMO_KEY}, ${JSON.stringify({ seed: c.config.seed, sizes: c.config.sizes, generatedFor: c.config.now.toISOString(), county: c.county })}::jsonb)`)
  // Statistics for every table just filled (PGlite runs no autovacuum): camera, building and road
  // lookups otherwise fall back to sequential scans.
  await db.execute(sql`analyze`)
}
