import { arch, cpus, totalmem } from 'node:os'
import { benchBulk } from './bulk'
import { benchCoverage } from './coverage'
import { benchPayload } from './payload'
import { benchPlanner } from './planner'
import { createBenchDatabase, ratio } from './setup'
import { benchSingle } from './single'
import { benchWall } from './wall'
import { CHROMIUM_PATH, hasChromium } from '../helpers/chromium'

/**
 * `pnpm bench`: each measurement next to a baseline measured in the same run, printed as a ratio.
 * BENCH_BULK_N, BENCH_SINGLE_N, BENCH_PAYLOAD_N, BENCH_WALL_SIZES (comma-separated), BENCH_RATE (events/s) and
 * BENCH_LATENCY_S override the sizes.
 */
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback)
const ms = (v: number) => `${v.toFixed(1)} ms`

async function main() {
  console.log(`GridWatch benchmarks — ${cpus().length} × ${cpus()[0]?.model.trim()} (${arch()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`)
  const bench = await createBenchDatabase()
  console.log(`database: ${bench.driver}\n`)
  try {
    const bulkN = env('BENCH_BULK_N', bench.driver === 'postgres' ? 1_000_000 : 100_000)
    const bulk = await benchBulk(bench.handle, bulkN)
    console.log(`bulk import of ${bulkN.toLocaleString('en')} incidents (target ≤ 1.2× the raw spatial join)`)
    console.log(`  raw INSERT … SELECT … ST_Intersects   ${ms(bulk.baselineMs)}   ${Math.round(bulkN / (bulk.baselineMs / 1000)).toLocaleString('en')} points/s`)
    console.log(`  GridWatch import (assign + officer)   ${ms(bulk.gridwatchMs)}   ${Math.round(bulkN / (bulk.gridwatchMs / 1000)).toLocaleString('en')} points/s   ratio ${ratio(bulk.gridwatchMs, bulk.baselineMs)}`)

    const single = await benchSingle(bench.handle, env('BENCH_SINGLE_N', 500))
    console.log(`\none POST /api/incidents over HTTP, ${single.requests} requests (target p99 ≤ 1.5× an indexed lookup)`)
    console.log(`  GET /api/incidents/:id (baseline)      p50 ${ms(single.lookup.p50)}   p99 ${ms(single.lookup.p99)}`)
    console.log(`  POST /api/incidents                    p50 ${ms(single.post.p50)}   p99 ${ms(single.post.p99)}   ratio p50 ${ratio(single.post.p50, single.lookup.p50)}, p99 ${ratio(single.post.p99, single.lookup.p99)}`)

    const cov = await benchCoverage(bench.handle)
    console.log(`\ncamera coverage of the county, ${cov.cameras.toLocaleString('en')} cameras (target ≤ 1.2× the naive single ST_Union + ST_Intersection query)`)
    console.log(`  naive: one union of all view areas ∩ each grid   ${ms(cov.naiveMs)}   seen ${(cov.naive.m2 / 1e6).toFixed(3)} km², roads ${(cov.naive.roadM / 1000).toFixed(1)} km`)
    console.log(`  GridWatch: every view area (with building shadows) ${ms(cov.viewAreasMs)} + per-grid coverage, all and online, blind roads   ${ms(cov.gridwatchMs)}   seen ${(cov.ours.m2 / 1e6).toFixed(3)} km², roads ${(cov.ours.roadM / 1000).toFixed(1)} km   ratio ${ratio(cov.gridwatchMs, cov.naiveMs)}`)

    const plan = await benchPlanner(bench.handle)
    console.log(`\ngrid planner, a community of ${plan.grids} grids (target: scores + validation < 1 s after each save)`)
    console.log(`  incidents per grid, one indexed count (baseline)   p50 ${ms(plan.baselineMs)}`)
    console.log(`  scores (plan and version in force) + validation   p50 ${ms(plan.liveMs)}   ratio ${ratio(plan.liveMs, plan.baselineMs)}`)
    console.log(`  rebalancing suggestion (blocks, greedy moves)     p50 ${ms(plan.suggestionMs)}   ratio ${ratio(plan.suggestionMs, plan.baselineMs)}`)
  } finally {
    await bench.dispose()
  }

  const payload = benchPayload(env('BENCH_PAYLOAD_N', 1_000_000))
  console.log(`\nmap payload for ${payload.n.toLocaleString('en')} incidents (targets ≤ 0.25× bytes, ≤ 0.1× decode time)`)
  console.log(`  GeoJSON   ${(payload.geojsonBytes / 1e6).toFixed(1)} MB   decode ${ms(payload.geojsonDecodeMs)}`)
  console.log(`  Arrow     ${(payload.arrowBytes / 1e6).toFixed(1)} MB   decode ${ms(payload.arrowDecodeMs)}   bytes ${ratio(payload.arrowBytes, payload.geojsonBytes)}, decode ${ratio(payload.arrowDecodeMs, payload.geojsonDecodeMs)}`)

  if (!hasChromium) {
    console.log(`\nwall benchmarks not run: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`)
    return
  }
  const sizes = (process.env.BENCH_WALL_SIZES ?? '200000,1000000').split(',').map(Number)
  const wall = await benchWall({ latencySeconds: env('BENCH_LATENCY_S', 10), sizes, panMs: 3000 })
  const l = wall.latency
  console.log(`\nwall map in headless Chromium (software WebGL), server on ${wall.driver}`)
  console.log(`event to screen, ${l.events} incidents POSTed at ${l.rate}/s (target: on screen within 1 s)`)
  console.log(`  POST /api/incidents answered (baseline)   p50 ${ms(l.commit.p50)}   p99 ${ms(l.commit.p99)}`)
  console.log(`  drawn on the wall                         p50 ${ms(l.screen.p50)}   p99 ${ms(l.screen.p99)}   ratio p50 ${ratio(l.screen.p50, l.commit.p50)}, p99 ${ratio(l.screen.p99, l.commit.p99)}${l.lost ? `   NOT DRAWN: ${l.lost}` : ''}`)
  console.log('frame time while panning: the wall (every layer) vs a bare deck.gl ScatterplotLayer with the same incidents')
  for (const f of wall.frames) {
    console.log(`  ${f.incidents.toLocaleString('en').padStart(9)} incidents, zoom ${f.zoom}   wall p50 ${ms(f.wall.p50)} p95 ${ms(f.wall.p95)}   bare p50 ${ms(f.bare.p50)} p95 ${ms(f.bare.p95)}   ratio p50 ${ratio(f.wall.p50, f.bare.p50)}, p95 ${ratio(f.wall.p95, f.bare.p95)}`)
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
