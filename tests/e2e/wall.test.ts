import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { IncidentNearby, IncidentRecord, WallKpis } from '@gridwatch/server/contracts'
import { tableFromIPC } from 'apache-arrow'
import type { FeatureCollection } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')

describe.runIf(hasChromium)('the wall map in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  let page: Page
  /** Where new incidents are reported. */
  let spot: [number, number]
  let sequence = 0

  /** A browser of its own (own cookie jar) for one user, signed in through the form. */
  async function openWall(username: string, viewport = { width: 1920, height: 1080 }) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    const p = await context.newPage()
    const requests: string[] = []
    p.on('request', (r) => requests.push(r.url()))
    await signInThroughForm(p, app.url, username)
    return { page: p, requests }
  }

  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  const arrowTable = async (p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return tableFromIPC(new Uint8Array(await response.body()))
  }
  const arrowRows = async (p: Page, path: string) => (await arrowTable(p, path)).numRows

  /** Writes as the signed-in user: the session cookie and its CSRF token, as the web app sends them. */
  async function write<T>(p: Page, method: 'post' | 'patch', path: string, data: object): Promise<T> {
    const { csrfToken } = await getJson<{ csrfToken: string }>(p, '/api/auth/me')
    const response = await p.request[method](`${app.url}${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data })
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300)
    return (await response.json()) as T
  }
  const reportIncident = (p: Page) =>
    write<IncidentRecord>(p, 'post', '/api/incidents', {
      source: '110',
      externalId: `E2E-WALL-${Date.now()}-${++sequence}`,
      category: 'fight',
      lon: spot[0] + sequence * 0.0002,
      lat: spot[1],
      address: `测试路${sequence}号`,
      reportedAt: new Date().toISOString(),
    })

  const layersOf = (p: Page) => inspect(p, (map) => map.layers())
  const layer = async (p: Page, id: string) => (await layersOf(p)).find((l) => l.id === id)

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    ;({ page } = await openWall('commander'))
    await waitForMap(page, wallLayerIds.length)
    await page.waitForFunction(() => (window as unknown as { gridwatchMap: { live: { state(): string } } }).gridwatchMap.live.state() === 'live', null, { timeout: 60_000 })
    // New incidents are reported where the newest stored one happened (in town, among cameras).
    const { items } = await getJson<{ items: IncidentRecord[] }>(page, '/api/incidents?limit=1')
    spot = [items[0]!.lon, items[0]!.lat]
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('draws every layer with the counts the server gives, and a switch hides a layer', async () => {
    const grids = await getJson<FeatureCollection>(page, '/api/map/grids')
    const areas = await getJson<FeatureCollection>(page, '/api/map/areas')
    const posts = await getJson<FeatureCollection>(page, '/api/map/posts')
    const cameraTable = await arrowTable(page, '/api/map/cameras')
    const cameras = cameraTable.numRows
    const loaded = (await inspect(page, (map) => map.incidentWindow()))!
    const incidents = await arrowRows(page, `/api/incidents/columns?from=${encodeURIComponent(loaded.from)}`)
    const layers = await layersOf(page)
    expect(layers.map((l) => l.id)).toEqual(wallLayerIds)
    const byId = Object.fromEntries(layers.map((l) => [l.id, l]))
    expect(byId.grids).toEqual({ id: 'grids', visible: true, count: grids.features.length })
    expect(byId.areas).toEqual({ id: 'areas', visible: true, count: areas.features.length })
    expect(byId.posts).toEqual({ id: 'posts', visible: true, count: posts.features.length })
    expect(byId.cameras).toEqual({ id: 'cameras', visible: true, count: cameras })
    // The county at a glance: incidents as heat; points and camera sectors wait for a closer zoom.
    expect(byId['incident-heat']).toEqual({ id: 'incident-heat', visible: true, count: incidents })
    expect(byId['incident-points']).toMatchObject({ visible: false, count: incidents })
    expect(byId['camera-fov']).toMatchObject({ visible: false, count: 0 })
    for (const n of [grids.features.length, areas.features.length, posts.features.length, cameras, incidents]) expect(n).toBeGreaterThan(0)
    // The grid colours and outlines lie under the basemap's place names, in maplibre's own layer stack.
    const order = await inspect(page, (map) => map.mapLayerOrder())
    const group = order.findIndex((id) => id.startsWith('deck-') && id.endsWith(':labels-township'))
    expect(group).toBeGreaterThanOrEqual(0)
    expect(group).toBeLessThan(order.indexOf('labels-township'))

    // Zoomed in on a camera: single incidents instead of heat, and the fields of view of the cameras on screen.
    const zoomBefore = await inspect(page, (map) => map.zoom())
    const camera: [number, number] = [cameraTable.getChild('lon')!.get(0) as number, cameraTable.getChild('lat')!.get(0) as number]
    await inspect(page, (map, center: [number, number]) => map.jumpTo({ center, zoom: 16 }), camera)
    await expect.poll(async () => (await layer(page, 'camera-fov'))?.visible).toBe(true)
    await expect.poll(async () => (await layer(page, 'camera-fov'))?.count).toBeGreaterThan(0)
    expect((await layer(page, 'camera-fov'))!.count).toBeLessThan(cameras)
    expect(await layer(page, 'incident-points')).toMatchObject({ visible: true, count: incidents })
    expect((await layer(page, 'incident-heat'))?.visible).toBe(false)
    await page.waitForFunction(() => (window as unknown as { gridwatchMap: { isReady(): boolean } }).gridwatchMap.isReady(), null, { timeout: 60_000 })
    await page.screenshot({ path: join(artifacts, 'wall-zoomed-1920.png') })
    await inspect(page, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: spot, zoom: zoomBefore })

    // Switches: a hidden layer stays in deck.gl with visible: false, and comes back.
    await page.locator('[data-layer-toggle=posts]').click()
    await expect.poll(async () => (await layer(page, 'posts'))?.visible).toBe(false)
    await page.locator('[data-layer-toggle=incident-heat]').click()
    await expect.poll(async () => (await layer(page, 'incident-heat'))?.visible).toBe(false)
    await page.locator('[data-layer-toggle=posts]').click()
    await page.locator('[data-layer-toggle=incident-heat]').click()
    await expect.poll(async () => [(await layer(page, 'posts'))?.visible, (await layer(page, 'incident-heat'))?.visible]).toEqual([true, true])
  })

  it('shows a reported incident in the feed and on the map within 2 s, and updates the same row when it is accepted', async () => {
    const before = Date.now()
    const incident = await reportIncident(page)
    await page.waitForFunction(
      (id) => {
        const map = (window as unknown as { gridwatchMap: { feedIds(): number[]; firstDrawnAt(id: number): number | null } }).gridwatchMap
        return map.feedIds()[0] === id && map.firstDrawnAt(id) !== null
      },
      incident.id,
      { timeout: 2000 },
    )
    const drawnAt = (await inspect(page, (map, id: number) => map.firstDrawnAt(id), incident.id))!
    expect(drawnAt - before).toBeLessThan(2000)
    expect(await inspect(page, (map, id: number) => map.incidentCountOnMap(id), incident.id)).toBe(1)
    expect((await layer(page, 'incident-pulse'))!.count).toBeGreaterThan(0)
    const row = page.locator(`[data-testid=feed-row][data-incident-id="${incident.id}"]`)
    expect(await row.textContent()).toContain('打架斗殴')
    expect(await row.textContent()).toContain(incident.address!)
    expect(await row.locator('[data-step=acceptedAt]').getAttribute('data-status')).toBe('running')

    // Accepted within the minute: the same row turns green, no second row appears.
    await write(page, 'patch', `/api/incidents/${incident.id}`, { acceptedAt: new Date().toISOString() })
    await expect.poll(() => row.locator('[data-step=acceptedAt]').getAttribute('data-status'), { timeout: 2000 }).toBe('met')
    const ids = await inspect(page, (map) => map.feedIds())
    expect(ids.filter((id) => id === incident.id)).toHaveLength(1)
    expect(new Set(ids).size).toBe(ids.length)
    expect(await inspect(page, (map, id: number) => map.incidentCountOnMap(id), incident.id)).toBe(1)
  })

  it('after the live connection drops, shows the incidents reported meanwhile exactly once', async () => {
    const ids = () => inspect(page, (map) => map.feedIds())
    // The network to /api/live fails from now on, and the open stream goes down with it.
    await page.route('**/api/live**', (route) => route.abort())
    await inspect(page, (map) => map.live.drop())
    await expect.poll(() => inspect(page, (map) => map.live.state())).toBe('reconnecting')
    expect(await page.locator('[data-testid=live-status]').getAttribute('data-state')).toBe('reconnecting')
    const missed = [await reportIncident(page), await reportIncident(page), await reportIncident(page)]
    const missedIds = missed.map((i) => i.id)
    // Give the failed retries a moment, then let the network back.
    await page.waitForTimeout(1500)
    expect(await inspect(page, (map) => map.feedIds())).not.toContain(missedIds[0])
    await page.unroute('**/api/live**')
    await expect.poll(() => inspect(page, (map) => map.live.state()), { timeout: 30_000 }).toBe('live')
    await expect.poll(async () => (await ids()).filter((id) => missedIds.includes(id)), { timeout: 10_000 }).toEqual([...missedIds].reverse())
    const all = await ids()
    expect(new Set(all).size).toBe(all.length)
    for (const id of missedIds) expect(await inspect(page, (map, i: number) => map.incidentCountOnMap(i), id)).toBe(1)
    // And the feed keeps going.
    const after = await reportIncident(page)
    await expect.poll(async () => (await ids())[0], { timeout: 2000 }).toBe(after.id)
  })

  it('shows the KPI numbers the server computes for this user', async () => {
    // The strip refreshes shortly after live events and every 30 s: wait until it has settled.
    // (Rates count overdue open incidents, so the server's answer itself moves as targets pass.)
    await expect
      .poll(
        async () => {
          const expected = expectedKpis(await getJson<WallKpis>(page, '/api/wall/kpis'))
          const shown = await inspect(page, (map) => map.kpis())
          return Object.keys(expected).filter((k) => shown[k] !== expected[k])
        },
        { timeout: 40_000, interval: 1000 },
      )
      .toEqual([])
    const kpis = await getJson<WallKpis>(page, '/api/wall/kpis')
    expect(kpis.incidents.today).toBeGreaterThan(0)
    expect(await page.locator('[data-kpi=incidentsToday] .kpi-value').textContent()).toBe(kpis.incidents.today.toLocaleString('en-US'))
    expect(await page.locator('[data-kpi=camerasOnline] .kpi-detail').textContent()).toBe(`${kpis.camerasOnline.numerator}/${kpis.camerasOnline.denominator}`)
    // The category bars show today's counts.
    for (const c of kpis.incidents.byCategory.slice(0, 6)) expect(await page.locator(`.category-bars [data-category=${c.code}] .category-count`).textContent()).toBe(String(c.today))
  })

  it('opens an incident from the feed with its time chain and nearest posts and cameras ringed on the map', async () => {
    const id = (await inspect(page, (map) => map.feedIds()))[0]!
    await page.locator(`[data-testid=feed-row][data-incident-id="${id}"]`).click()
    const details = page.locator(`[data-testid=incident-details][data-incident-id="${id}"]`)
    await details.waitFor()
    const nearby = await getJson<IncidentNearby>(page, `/api/incidents/${id}/nearby`)
    await expect.poll(() => details.locator('[data-testid=nearby-posts] li').count()).toBe(nearby.posts.length)
    expect(await details.locator('[data-testid=nearby-cameras] li').count()).toBe(nearby.cameras.length)
    expect(await details.locator('.time-chain [data-step]').count()).toBe(3)
    await expect.poll(async () => (await layer(page, 'incident-focus'))?.count).toBe(1 + nearby.posts.length + nearby.cameras.length)
    await page.screenshot({ path: join(artifacts, 'wall-incident-1920.png') })
    await details.getByRole('button').first().click()
    await expect.poll(async () => (await layer(page, 'incident-focus'))?.count).toBe(0)
  })

  it('filters by time on the GPU and replays the window, with one button back to live', async () => {
    const bar = page.locator('[data-testid=time-bar]')
    await page.locator('[data-speed="3600"]').click()
    await page.locator('[data-testid=replay-play]').click()
    await expect.poll(() => bar.getAttribute('data-mode')).toBe('replay')
    const span = async () => (await page.locator('.time-span').textContent()) ?? ''
    const first = await span()
    await expect.poll(span, { timeout: 10_000 }).not.toBe(first)
    await page.locator('[data-testid=back-to-live]').click()
    await expect.poll(() => bar.getAttribute('data-mode')).toBe('live')
  })

  it('shows the viewer grids, outlines, posts and the KPI strip, and never asks for incidents or cameras', async () => {
    const { page: viewer, requests } = await openWall('viewer')
    await waitForMap(viewer, 3)
    expect((await layersOf(viewer)).map((l) => l.id)).toEqual(['grids', 'areas', 'posts'])
    await viewer.locator('[data-testid=kpi-strip] [data-kpi=incidentsToday]').waitFor()
    expect(await viewer.locator('[data-testid=feed]').count()).toBe(0)
    expect(await viewer.locator('[data-testid=live-status]').count()).toBe(0)
    expect(await viewer.locator('[data-layer-toggle^=incident]').count()).toBe(0)
    const asked = requests.map((u) => new URL(u).pathname)
    expect(asked.filter((p) => p === '/api/live' || p === '/api/map/cameras' || p === '/api/incidents' || p.startsWith('/api/incidents/columns'))).toEqual([])
    await viewer.context().close()
  })

  it('fills a 1920×1080 and a 3840×2160 wall in wall mode', async () => {
    for (const [width, height, file] of [
      [1920, 1080, 'wall-1920.png'],
      [3840, 2160, 'wall-3840.png'],
    ] as const) {
      // A wall PC opens the wall directly: sign in, then load /?wall=1 (the session cookie carries over).
      const { page: wall } = await openWall('commander', { width, height })
      // A 4K frame in software WebGL on a shared 2-core runner: the load event may take longer than the default 30 s.
      await wall.goto(`${app.url}/?wall=1`, { timeout: 120_000 })
      await waitForMap(wall, wallLayerIds.length)
      await wall.locator('[data-testid=kpi-strip] [data-kpi=incidentsToday]').waitFor()
      await wall.locator('[data-testid=feed-row]').first().waitFor()
      // Wall mode: no app header, and type that grows with the screen.
      expect(await wall.locator('.topbar').isVisible()).toBe(false)
      const fontSize = await wall.locator('[data-testid=wall]').evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      expect(fontSize).toBeCloseTo((width * 0.78) / 100, 0)
      await wall.waitForFunction(() => (window as unknown as { gridwatchMap: { isReady(): boolean } }).gridwatchMap.isReady(), null, { timeout: 60_000 })
      // Let the basemap's labels finish fading in.
      await wall.waitForTimeout(1000)
      await wall.screenshot({ path: join(artifacts, file) })
      await wall.context().close()
    }
  }, 400_000)
})

/** The strip's figures (data-kpi → data-value) as the server's answer says they should read. */
function expectedKpis(k: WallKpis): Record<string, number | null> {
  return {
    incidentsToday: k.incidents.today,
    incidentsChange: k.incidents.change,
    onSceneWithin8Min: k.onSceneWithin8Min.rate,
    acceptedWithin1Min: k.acceptedWithin1Min.rate,
    contactedWithin3Min: k.contactedWithin3Min.rate,
    onSceneWithin10Min: k.onSceneWithin10Min.rate,
    disputeResolution: k.disputeResolution.rate,
    openDisputes: k.openDisputes,
    camerasOnline: k.camerasOnline.rate,
    zeroIncidentCommunities: k.zeroIncidentCommunities.count,
  }
}
