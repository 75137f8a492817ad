import { arch, cpus, totalmem } from 'node:os'
import { benchBulk } from './bulk'
import { benchPayload } from './payload'
import { createBenchDatabase, ratio } from './setup'
import { benchSingle } from './single'

/**
 * `pnpm bench`: each measurement next to a baseline measured in the same run, printed as a ratio.
 * BENCH_BULK_N, BENCH_SINGLE_N and BENCH_PAYLOAD_N override the sizes.
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
  } finally {
    await bench.dispose()
  }

  const payload = benchPayload(env('BENCH_PAYLOAD_N', 1_000_000))
  console.log(`\nmap payload for ${payload.n.toLocaleString('en')} incidents (targets ≤ 0.25× bytes, ≤ 0.1× decode time)`)
  console.log(`  GeoJSON   ${(payload.geojsonBytes / 1e6).toFixed(1)} MB   decode ${ms(payload.geojsonDecodeMs)}`)
  console.log(`  Arrow     ${(payload.arrowBytes / 1e6).toFixed(1)} MB   decode ${ms(payload.arrowDecodeMs)}   bytes ${ratio(payload.arrowBytes, payload.geojsonBytes)}, decode ${ratio(payload.arrowDecodeMs, payload.geojsonDecodeMs)}`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
