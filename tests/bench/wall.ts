import { createRandom } from '@gridwatch/data'
import { encodeArrow } from '@gridwatch/server/bench'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../helpers/chromium'
import { ensureWebBuild, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { signInThroughForm } from '../e2e/browser-session'
import { percentile } from './setup'

/** What the wall's inspection hook (web/src/map/debug-hook.ts) offers a benchmark. */
interface WallHook {
  isReady(): boolean
  layers(): { id: string; visible: boolean; count: number }[]
  firstDrawnAt(id: number): number | null
  incidentWindow(): { from: string } | null
  jumpTo(view: { center: [number, number]; zoom: number }): void
  live: { state(): string }
}
/** In the page (a function: the wall's CSP refuses evaluating strings): ready, with an incident layer holding at least `n` incidents. */
const incidentsDrawn = (n: number) => {
  const map = (window as unknown as { gridwatchMap?: WallHook }).gridwatchMap
  return map?.isReady() === true && map.layers().some((l) => l.id.startsWith('incident') && l.count >= n)
}

export interface LatencyResult {
  events: number
  rate: number
  /** POST /api/incidents round trip: stored, assigned and answered (the baseline). */
  commit: { p50: number; p99: number }
  /** From just before the POST to the first frame that drew the incident on the wall. */
  screen: { p50: number; p99: number }
  lost: number
}

export interface FrameResult {
  incidents: number
  zoom: number
  wall: { p50: number; p95: number }
  bare: { p50: number; p95: number }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b)
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) }
}

/**
 * A 1920×1080 page. tsx (esbuild keepNames) wraps the benchmark's in-page functions in `__name(…)`;
 * the page gets a no-op of it.
 */
async function newWallPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  await context.addInitScript({ content: 'globalThis.__name = (f) => f' })
  return context.newPage()
}

async function openWall(browser: Browser, url: string, query = '') {
  const page = await newWallPage(browser)
  await signInThroughForm(page, `${url}/${query}`, 'commander')
  await page.waitForFunction(incidentsDrawn, 1, { timeout: 180_000 })
  return page
}

/**
 * Event to screen: incidents POSTed at `rate` per second for `seconds` (open loop: each leaves on
 * schedule whatever the previous one is doing), each timed from just before its POST to the first
 * frame the wall drew with it (the hook's firstDrawnAt, on the same machine's clock).
 */
async function eventToScreen(page: Page, url: string, rate: number, seconds: number): Promise<LatencyResult> {
  await page.waitForFunction(() => (window as unknown as { gridwatchMap?: WallHook }).gridwatchMap?.live.state() === 'live', null, { timeout: 60_000 })
  const me = (await (await page.request.get(`${url}/api/auth/me`)).json()) as { csrfToken: string }
  const total = rate * seconds
  const sent: { id: number; sentAt: number; commitMs: number }[] = []
  const started = Date.now()
  const posts: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    if (due > Date.now()) await sleep(due - Date.now())
    posts.push(
      (async () => {
        const sentAt = Date.now()
        const t0 = performance.now()
        const res = await page.request.post(`${url}/api/incidents`, {
          headers: { 'x-csrf-token': me.csrfToken },
          data: { source: '110', externalId: `BENCH-LIVE-${started}-${i}`, category: 'theft', lon: 120.24 + ((i % 40) - 20) * 0.003, lat: 29.7 + ((i % 31) - 15) * 0.003, reportedAt: new Date().toISOString() },
        })
        if (res.status() !== 201) throw new Error(`POST /api/incidents → ${res.status()}`)
        sent.push({ id: ((await res.json()) as { id: number }).id, sentAt, commitMs: performance.now() - t0 })
      })(),
    )
  }
  await Promise.all(posts)
  // Give the last ones time to reach the screen, then read every first-draw time at once.
  const ids = sent.map((s) => s.id)
  const drawnAt = (list: number[]) => list.map((id) => (window as unknown as { gridwatchMap: WallHook }).gridwatchMap.firstDrawnAt(id))
  await page.waitForFunction((list) => list.every((id) => (window as unknown as { gridwatchMap: WallHook }).gridwatchMap.firstDrawnAt(id) !== null), ids, { timeout: 30_000 }).catch(() => {})
  const drawn = await page.evaluate(drawnAt, ids)
  const screen = sent.flatMap((s, i) => (drawn[i] == null ? [] : [drawn[i]! - s.sentAt]))
  if (process.env.BENCH_DEBUG) {
    const missing = sent.filter((_, i) => drawn[i] == null).map((s) => s.id)
    const seen = await page.evaluate((list) => list.map((id) => { const m = (window as unknown as { gridwatchMap: WallHook & { incidentCountOnMap(id: number): number; feedIds(): number[] } }).gridwatchMap; return { id, onMap: m.incidentCountOnMap(id), inFeed: m.feedIds().includes(id) } }), missing)
    console.log('not drawn:', JSON.stringify(seen))
  }
  const commit = stats(sent.map((s) => s.commitMs))
  const shown = stats(screen)
  return { events: total, rate, commit: { p50: commit.p50, p99: commit.p99 }, screen: { p50: shown.p50, p99: shown.p99 }, lost: total - screen.length }
}

/**
 * The incident columns the wall asks for, answered with `n` synthetic incidents spread over the
 * county in the wall's window, encoded by the server's own Arrow encoder: the browser side (transport,
 * decode, GPU upload, drawing) is exactly the wall's, without a million rows in the database.
 */
async function serveSyntheticIncidents(page: Page, n: number, bounds: [number, number, number, number]) {
  const random = createRandom(11)
  const now = Date.now()
  const [w, s, e, nth] = bounds
  const body = Buffer.from(
    encodeArrow(
      {
        id: Int32Array.from({ length: n }, (_, i) => 10_000_000 + i),
        lon: Float64Array.from({ length: n }, () => w + random.next() * (e - w)),
        lat: Float64Array.from({ length: n }, () => s + random.next() * (nth - s)),
        time: Float64Array.from({ length: n }, () => now - Math.floor(random.next() * 29 * 86_400_000)),
        category: Uint8Array.from({ length: n }, () => random.int(0, 11)),
        grid: Int32Array.from({ length: n }, () => random.int(1, 800)),
        closed: Uint8Array.from({ length: n }, () => (random.chance(0.9) ? 1 : 0)),
        priority: Uint8Array.from({ length: n }, () => random.int(1, 4)),
      },
      { categories: 'dispute,domestic,theft,fraud,fight,traffic,fire,assistance,noise,municipal,consumer,other' },
    ),
  )
  await page.route('**/api/incidents/columns**', (route) => route.fulfill({ status: 200, body, headers: { 'content-type': 'application/vnd.apache.arrow.stream' } }))
}

/**
 * Frame intervals while the view pans in a loop, one jump per animation frame (the same path for both
 * variants: 24 jumps a loop), for at least `ms` and at least `minFrames` frames (software GL can take
 * seconds per frame), at most a minute.
 */
async function panFrames(page: Page, center: [number, number], zoom: number, ms: number, minFrames: number) {
  return page.evaluate(
    ({ center, zoom, ms, minFrames }) =>
      new Promise<number[]>((done) => {
        const map = (window as unknown as { gridwatchMap: WallHook }).gridwatchMap
        const frames: number[] = []
        const t0 = performance.now()
        let last = t0
        const span = 0.08 / 2 ** (zoom - 11)
        const step = (now: number) => {
          frames.push(now - last)
          last = now
          const k = frames.length / 24
          map.jumpTo({ center: [center[0] + span * Math.sin(k * 2 * Math.PI), center[1] + (span / 2) * Math.cos(k * 2 * Math.PI)], zoom })
          const elapsed = now - t0
          if ((elapsed < ms || frames.length < minFrames + 1) && elapsed < 60_000) requestAnimationFrame(step)
          else done(frames.slice(1))
        }
        requestAnimationFrame(step)
      }),
    { center, zoom, ms, minFrames },
  )
}

export async function benchWall(options: { latencySeconds: number; sizes: number[]; panMs: number }) {
  ensureWebBuild()
  let app: RunningGridwatch | undefined
  let browser: Browser | undefined
  try {
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    const info = (await (await fetch(`${app.url}/api/health`)).json()) as { database: { driver: string } }

    const live = await openWall(browser, app.url)
    const latency = await eventToScreen(live, app.url, Number(process.env.BENCH_RATE ?? 100), options.latencySeconds)
    await live.context().close()

    const bounds = await (async () => {
      const page = await (await browser!.newContext()).newPage()
      await signInThroughForm(page, app!.url, 'viewer')
      const b = ((await (await page.request.get(`${app!.url}/api/basemap/info`)).json()) as { bounds: [number, number, number, number] }).bounds
      await page.context().close()
      return b
    })()
    const center: [number, number] = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2]
    const frames: FrameResult[] = []
    for (const n of options.sizes) {
      const measure = async (query: string) => {
        const page = await newWallPage(browser!)
        await serveSyntheticIncidents(page, n, bounds)
        await signInThroughForm(page, `${app!.url}/${query}`, 'commander')
        await page.waitForFunction(incidentsDrawn, n, { timeout: 300_000 })
        const byZoom = new Map<number, { p50: number; p95: number }>()
        for (const zoom of [11, 15]) {
          await panFrames(page, center, zoom, 500, 3) // warm-up: tiles, shaders, aggregation
          const samples = await panFrames(page, center, zoom, options.panMs, 12)
          if (process.env.BENCH_DEBUG) console.log(query || 'wall', n, zoom, samples.map(Math.round).join(' '))
          const s = stats(samples)
          byZoom.set(zoom, { p50: s.p50, p95: s.p95 })
        }
        await page.context().close()
        return byZoom
      }
      const wall = await measure('')
      const bare = await measure('?bench=bare-scatterplot')
      for (const zoom of [11, 15]) frames.push({ incidents: n, zoom, wall: wall.get(zoom)!, bare: bare.get(zoom)! })
    }
    return { driver: info.database.driver, latency, frames }
  } finally {
    await browser?.close()
    await app?.stop()
  }
}
