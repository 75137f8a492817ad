import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')

describe.runIf(hasChromium)('overview map in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  let page: Page
  const requests: string[] = []

  beforeAll(async () => {
    ensureWebBuild()
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    // A context of its own, so the API documentation can open in a second tab of the same session.
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
    page.on('request', (r) => requests.push(r.url()))
    // Everything but /api/health needs a session: the commander sees the whole county, cameras included.
    await signInThroughForm(page, app.url, 'commander')
    await waitForMap(page, wallLayerIds.length)
  })

  /** A GET with the page's session (its cookie jar): the counts and layers need a signed-in user. */
  const getJson = async <T>(path: string) => {
    const response = await page.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('draws the grids, posts and cameras the server holds, on our own basemap', async () => {
    const health = await getJson<{ counts: Record<string, number> }>('/api/health/counts')
    const layers = await inspect(page, (map) => map.layers())
    expect(layers.map((l) => l.id)).toEqual(wallLayerIds)
    expect(layers.find((l) => l.id === 'grids')).toEqual({ id: 'grids', visible: true, count: health.counts.grids })
    expect(layers.find((l) => l.id === 'cameras')).toEqual({ id: 'cameras', visible: true, count: health.counts.cameras })
    expect(layers.find((l) => l.id === 'posts')).toEqual({ id: 'posts', visible: true, count: health.counts.police_posts })
    expect(health.counts.grids).toBeGreaterThan(0)
    // The basemap tiles come from our server and were actually rendered.
    expect(await inspect(page, (map) => map.renderedBasemapFeatures('boundaries-township'))).toBeGreaterThan(0)
    expect(await inspect(page, (map) => map.renderedBasemapFeatures('roads-primary'))).toBeGreaterThan(0)
    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, 'overview-1920x1080.png') })
  })

  it('finds a grid, a post and a camera under the pointer where the server put them', async () => {
    const grids = await getJson<FeatureCollection<MultiPolygon, { code: string }>>('/api/map/grids')
    const posts = await getJson<FeatureCollection<Point, { code: string }>>('/api/map/posts')
    // Demo grids are convex, so the mean of a ring's vertices lies inside it.
    const grid = grids.features[Math.floor(grids.features.length / 2)]!
    const ring = grid.geometry.coordinates[0]![0]!.slice(0, -1)
    const inside: [number, number] = [ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length]
    const [gx, gy] = await inspect(page, (map, p: [number, number]) => map.project(p), inside)
    // Below the posts and cameras, the grid layer answers for points off those markers; search a few pixels around.
    const gridPick = await inspect(page, (map, [x, y]: [number, number]) => {
      for (const [dx, dy] of [[0, 0], [6, 0], [-6, 0], [0, 6], [0, -6], [9, 9], [-9, -9]]) {
        const hit = map.pick(x + dx!, y + dy!, 0)
        if (hit?.layer === 'grids') return hit
      }
      return null
    }, [gx, gy])
    expect((gridPick?.object as { properties?: { code?: string } } | null)?.properties?.code).toBe(grid.properties.code)

    const post = posts.features[0]!
    const [px, py] = await inspect(page, (map, p: [number, number]) => map.project(p), post.geometry.coordinates as [number, number])
    const postPick = await inspect(page, (map, [x, y]: [number, number]) => map.pick(x, y, 2), [px, py])
    expect(postPick?.layer).toBe('posts')
    expect((postPick?.object as { properties?: { code?: string } }).properties?.code).toBe(post.properties.code)

    // Clicking the grid opens its card with the code the server gave it.
    const free = await inspect(page, (map, [x, y]: [number, number]) => {
      for (const [dx, dy] of [[0, 0], [6, 0], [-6, 0], [0, 6], [0, -6], [9, 9], [-9, -9]]) if (map.pick(x + dx!, y + dy!, 0)?.layer === 'grids') return [x + dx!, y + dy!]
      return null
    }, [gx, gy])
    expect(free).not.toBeNull()
    // Map coordinates are relative to the map container, which sits below the header.
    const box = (await page.locator('[data-testid=map]').boundingBox())!
    await page.mouse.click(box.x + free![0]!, box.y + free![1]!)
    await expect.poll(() => page.locator('[data-testid=grid-card]').textContent()).toContain(grid.properties.code)
  })

  it('finds cameras under the pointer, coloured by status', async () => {
    const camPick = await inspect(page, (map) => {
      const canvas = document.querySelector('canvas')!
      for (let y = 200; y < canvas.clientHeight - 100; y += 7) {
        for (let x = 400; x < canvas.clientWidth - 400; x += 7) {
          const hit = map.pick(x, y, 0)
          if (hit?.layer === 'cameras') return hit
        }
      }
      return null
    })
    expect(camPick?.layer).toBe('cameras')
    expect(camPick!.index).toBeGreaterThanOrEqual(0)
  })

  it('shows the API documentation with every operation, from our own server', async () => {
    // The documentation is behind the sign-in too: a tab of the signed-in browser.
    const docs = await page.context().newPage()
    const seen: string[] = []
    docs.on('request', (r) => seen.push(r.url()))
    await docs.goto(`${app.url}/api/docs`)
    await docs.waitForSelector('.opblock', { timeout: 30_000 })
    const document = await getJson<{ paths: Record<string, object> }>('/api/openapi.json')
    const operations = Object.values(document.paths).reduce((n, p) => n + Object.keys(p).length, 0)
    expect(await docs.locator('.opblock').count()).toBe(operations)
    expect(seen.filter((u) => !u.startsWith(app.url) && !u.startsWith('data:'))).toEqual([])
    await docs.close()
  })

  it('loads nothing from outside our own server', () => {
    const origin = new URL(app.url).origin
    const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
    expect(outside).toEqual([])
    expect(requests.some((u) => u.includes('/api/basemap/tiles/'))).toBe(true)
  })
})
