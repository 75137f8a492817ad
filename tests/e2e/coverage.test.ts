import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BlindSpotFeatures, CameraList, CamerasAtPoint, GridCoverage, KeySiteCoverage, ViewAreaFeatures } from '@gridwatch/server/contracts'
import type { FeatureCollection } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')

/** What the coverage view adds to `window.gridwatchMap`. */
type CoverageHook = { coverage(): { viewAreas: { bbox: string; cameras: string } | null } | null }

describe.runIf(hasChromium)('the coverage view in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  let page: Page
  /** The grid the tests look at: in the officer's scope, with cameras and blind road. */
  let grid: GridCoverage

  /** A browser of its own (own cookie jar) for one user, signed in through the form, on the coverage page. */
  async function openCoverage(username: string, viewport = { width: 1440, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', hasTouch: viewport.width < 600 })
    const p = await context.newPage()
    await signInThroughForm(p, app.url, username)
    await p.locator('[data-nav=coverage]').click()
    await p.locator('[data-testid=coverage]').waitFor()
    await waitForLayer(p, 'key-sites')
    return p
  }
  const waitForLayer = (p: Page, id: string) =>
    p.waitForFunction((layer) => {
      const map = (window as unknown as { gridwatchMap?: { isReady(): boolean; layers(): { id: string }[] } }).gridwatchMap
      return map?.isReady() === true && map.layers().some((l) => l.id === layer)
    }, id, { timeout: 120_000 })

  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  async function write(p: Page, method: 'patch', path: string, data: object) {
    const { csrfToken } = await getJson<{ csrfToken: string }>(p, '/api/auth/me')
    const response = await p.request[method](`${app.url}${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data })
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300)
  }
  const layerCount = async (p: Page, id: string) => (await inspect(p, (map) => map.layers())).find((l) => l.id === id)?.count ?? null
  const viewAreaRequest = (p: Page) => p.evaluate(() => (window as unknown as { gridwatchMap: CoverageHook }).gridwatchMap.coverage()?.viewAreas ?? null)

  /** Clicks the map where a [lon, lat] is drawn. */
  async function clickMapAt(p: Page, lngLat: [number, number]) {
    const [x, y] = await inspect(p, (map, at: [number, number]) => map.project(at), lngLat)
    const box = (await p.locator('[data-testid=map]').boundingBox())!
    await p.mouse.click(box.x + x, box.y + y)
  }

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    page = await openCoverage('officer')
    const grids = await getJson<GridCoverage[]>(page, '/api/coverage/grids')
    grid = [...grids].filter((g) => g.camerasOnline > 0 && g.online.blindRoadM > 0).sort((a, b) => b.camerasOnline - a.camerasOnline)[0]!
    expect(grid).toBeDefined()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('colours the grids, and draws a grid’s blind spots and the view areas on screen with the server’s counts', async () => {
    const grids = await getJson<FeatureCollection>(page, '/api/map/grids')
    expect(await layerCount(page, 'grids')).toBe(grids.features.length)
    expect(await page.locator('[data-testid=grid-bars] [data-grid-id]').count()).toBe((await getJson<GridCoverage[]>(page, '/api/coverage/grids')).length)

    // Choose the grid in the list: the map flies there (close enough for view areas), its numbers and blind spots open.
    await page.locator(`[data-testid=grid-bars] [data-grid-id="${grid.gridId}"]`).click()
    const detail = page.locator(`[data-testid=grid-coverage][data-grid-id="${grid.gridId}"]`)
    await detail.waitFor()
    expect(await detail.locator('[data-figure=cameras] td').textContent()).toBe(`${grid.camerasOnline} / ${grid.cameras}`)
    const blind = await getJson<BlindSpotFeatures>(page, `/api/coverage/blind-spots?grid=${grid.gridId}&cameras=online&minLengthM=10`)
    expect(blind.features.length).toBeGreaterThan(0)
    await expect.poll(() => layerCount(page, 'blind-spots'), { timeout: 20_000 }).toBe(blind.features.length)
    const rows = page.locator('[data-testid=blind-spots] li button')
    expect(await rows.count()).toBe(blind.features.length)
    expect(Number(await rows.first().getAttribute('data-length'))).toBe(blind.features[0]!.properties.lengthM)

    // View areas: loaded for the viewport once the map stops; the layer holds what the server answers for that box.
    await expect.poll(async () => (await viewAreaRequest(page))?.cameras, { timeout: 30_000 }).toBe('online')
    await page.waitForTimeout(500)
    const shown = (await viewAreaRequest(page))!
    const areas = await getJson<ViewAreaFeatures>(page, `/api/coverage/view-areas?bbox=${shown.bbox}&cameras=online`)
    expect(areas.features.length).toBeGreaterThan(0)
    expect(await layerCount(page, 'view-areas')).toBe(areas.features.length)

    // All cameras instead of online ones: every layer and number follows.
    await page.locator('[data-testid=camera-set] [data-set=all]').click()
    await expect.poll(async () => (await viewAreaRequest(page))?.cameras, { timeout: 30_000 }).toBe('all')
    const all = await getJson<ViewAreaFeatures>(page, `/api/coverage/view-areas?bbox=${(await viewAreaRequest(page))!.bbox}&cameras=all`)
    await expect.poll(() => layerCount(page, 'view-areas')).toBe(all.features.length)
    const blindAll = await getJson<BlindSpotFeatures>(page, `/api/coverage/blind-spots?grid=${grid.gridId}&cameras=all&minLengthM=10`)
    await expect.poll(() => layerCount(page, 'blind-spots')).toBe(blindAll.features.length)
    await page.locator('[data-testid=camera-set] [data-set=online]').click()
    await expect.poll(() => layerCount(page, 'blind-spots')).toBe(blind.features.length)

    // For the picture: closer in, where the grid's cameras are.
    const { items } = await getJson<CameraList>(page, `/api/cameras?grid=${grid.gridId}&limit=1`)
    await inspect(page, (map, center: [number, number]) => map.jumpTo({ center, zoom: 15.6 }), [items[0]!.lon, items[0]!.lat])
    await expect.poll(async () => (await viewAreaRequest(page))?.bbox, { timeout: 30_000 }).not.toBe(shown.bbox)
    await page.waitForFunction(() => (window as unknown as { gridwatchMap: { isReady(): boolean } }).gridwatchMap.isReady(), null, { timeout: 60_000 })
    await page.waitForTimeout(1000)
    await page.screenshot({ path: join(artifacts, 'coverage-1440.png') })
    copyFileSync(join(artifacts, 'coverage-1440.png'), join(repoRoot, 'docs/coverage.png'))
  })

  it('lists the cameras the server says see a point clicked on the map, nearest first, and follows a live status change', async () => {
    // A spot inside an online camera's view: a third of its range straight ahead (checked with the API).
    const { items } = await getJson<CameraList>(page, `/api/cameras?grid=${grid.gridId}&status=online&limit=50`)
    let spot: [number, number] | null = null
    let cameraId = 0
    for (const c of items) {
      const m = 111_320
      const at: [number, number] = [c.lon + (Math.sin((c.bearing * Math.PI) / 180) * c.rangeM) / 3 / (m * Math.cos((c.lat * Math.PI) / 180)), c.lat + (Math.cos((c.bearing * Math.PI) / 180) * c.rangeM) / 3 / m]
      const answer = await getJson<CamerasAtPoint>(page, `/api/coverage/at-point?lon=${at[0]}&lat=${at[1]}`)
      if (answer.seeing.some((s) => s.id === c.id)) {
        spot = at
        cameraId = c.id
        break
      }
    }
    expect(spot).not.toBeNull()
    await page.locator('[data-testid=coverage-panel] [data-tab=point]').click()
    await inspect(page, (map, center: [number, number]) => map.jumpTo({ center, zoom: 17.5 }), spot)
    await page.waitForTimeout(300)
    const response = page.waitForResponse((r) => r.url().includes('/api/coverage/at-point'))
    await clickMapAt(page, spot!)
    const asked = await response
    const answer = (await asked.json()) as CamerasAtPoint
    // The same question asked again of the API gives what the list shows.
    expect(await getJson<CamerasAtPoint>(page, new URL(asked.url()).pathname + new URL(asked.url()).search)).toEqual(answer)
    const seeing = page.locator('[data-testid=seeing] li')
    await expect.poll(() => seeing.count()).toBe(answer.seeing.length)
    expect(await seeing.evaluateAll((li) => li.map((el) => Number((el as HTMLElement).dataset.cameraId)))).toEqual(answer.seeing.map((c) => c.id))
    expect(answer.seeing.map((c) => c.id)).toContain(cameraId)
    const distances = answer.seeing.map((c) => c.distanceM)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(await page.locator('[data-testid=not-seeing] li').count()).toBe(answer.notSeeing.length)
    const reasons = { out_of_range: '超出拍摄距离', facing_away: '朝向不对', blocked: '被建筑遮挡' }
    for (const c of answer.notSeeing.slice(0, 5)) expect(await page.locator(`[data-testid=not-seeing] [data-camera-id="${c.id}"] .reason`).textContent()).toBe(reasons[c.reason])
    expect(await layerCount(page, 'at-point-rings')).toBe(1 + answer.seeing.length + answer.notSeeing.length)
    expect(await layerCount(page, 'at-point-rays')).toBe(answer.seeing.length + answer.notSeeing.length)

    // The station chief reports the camera broken: the officer's list shows it without a reload.
    const chief = await (await browser.newContext()).newPage()
    await signInThroughForm(chief, app.url, 'chief')
    const row = page.locator(`[data-testid=seeing] [data-camera-id="${cameraId}"]`)
    expect(await row.getAttribute('data-status')).toBe('online')
    await write(chief, 'patch', `/api/cameras/${cameraId}`, { status: 'fault' })
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('fault')
    await write(chief, 'patch', `/api/cameras/${cameraId}`, { status: 'online' })
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('online')
    await chief.context().close()
  })

  it('lists the key sites with the statuses the server gives, and opens one on the map', async () => {
    await page.locator('[data-testid=coverage-panel] [data-tab=sites]').click()
    const sites = await getJson<KeySiteCoverage>(page, '/api/coverage/key-sites?cameras=online')
    expect(sites.features.length).toBeGreaterThan(0)
    const rows = page.locator('[data-testid=key-sites] [data-site-id]')
    await expect.poll(() => rows.count()).toBe(sites.features.length)
    const shown = Object.fromEntries(await rows.evaluateAll((li) => li.map((el) => [(el as HTMLElement).dataset.siteId, (el as HTMLElement).dataset.status])))
    expect(shown).toEqual(Object.fromEntries(sites.features.map((f) => [String(f.properties.id), f.properties.status])))
    expect(await layerCount(page, 'key-sites')).toBe(sites.features.length)
    // One kind only (the commonest, schools in the demo county): the list and the map keep those.
    const kinds = ['school', 'hospital', 'market', 'station', 'bank', 'government']
    const count = (kind: string) => sites.features.filter((f) => f.properties.kind === kind).length
    const kept = [...kinds].sort((a, b) => count(b) - count(a))[0]!
    for (const kind of kinds.filter((k) => k !== kept)) await page.locator(`[data-testid=key-sites-panel] [data-kind=${kind}]`).click()
    const ofKind = sites.features.filter((f) => f.properties.kind === kept)
    await expect.poll(() => rows.count()).toBe(ofKind.length)
    expect(await layerCount(page, 'key-sites')).toBe(ofKind.length)
    const site = ofKind[0]!
    await page.locator(`[data-testid=key-sites] [data-site-id="${site.properties.id}"] button`).click()
    await page.locator('[data-testid=site-details]').waitFor()
    await expect.poll(() => inspect(page, (map) => map.zoom()), { timeout: 10_000 }).toBeGreaterThan(16.5)
  })

  it('shows the server’s field error next to the field in the camera form', async () => {
    const chief = await openCoverage('chief')
    await chief.locator('[data-testid=coverage-panel] [data-tab=registry]').click()
    const first = chief.locator('[data-testid=camera-table] tbody tr').first()
    await first.waitFor()
    await first.click()
    const form = chief.locator('[data-testid=camera-form]')
    await form.locator('input[name=bearing]').fill('400')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('[data-field=bearing]').textContent()).toBe('朝向须在 0–360°之间')
    expect(await form.locator('input[name=bearing]').getAttribute('aria-invalid')).toBe('true')

    // CSV import: a bad row names its line and column and nothing is written; a good file is counted.
    const header = 'code,name,lon,lat,bearing,fov,rangeM,heightM,kind,status,owner,stationId,installedOn'
    const row = (code: string, bearing: number) => `${code},E2E ${code},120.2297,29.6883,${bearing},60,80,6,fixed,online,public,,2026-01-15`
    const importForm = chief.locator('[data-testid=camera-import]')
    const upload = async (csv: string) => {
      await importForm.locator('input[type=file]').setInputFiles({ name: 'cameras.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await importForm.locator('button[type=submit]').click()
    }
    const before = Number(await chief.locator('[data-testid=camera-total]').getAttribute('data-total'))
    await upload([header, row('E2E-CAM-1', 90), row('E2E-CAM-2', 400)].join('\n'))
    await expect.poll(() => importForm.locator('[data-testid=import-error]').getAttribute('data-field')).toBe('line 3: bearing')
    expect(await importForm.locator('[data-testid=import-error]').textContent()).toContain('line 3')
    await upload([header, row('E2E-CAM-1', 90), row('E2E-CAM-2', 270)].join('\n'))
    await expect.poll(() => importForm.locator('[data-testid=import-result]').textContent()).toBe('导入 2 行：新增 2，更新 0。')
    await expect.poll(async () => Number(await chief.locator('[data-testid=camera-total]').getAttribute('data-total'))).toBe(before + 2)
    await chief.context().close()
  })

  it('recolours a camera on the wall when its status changes, without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const wall = await context.newPage()
    await signInThroughForm(wall, app.url, 'commander')
    await waitForMap(wall, wallLayerIds.length)
    await wall.waitForFunction(() => (window as unknown as { gridwatchMap: { live: { state(): string } } }).gridwatchMap.live.state() === 'live', null, { timeout: 60_000 })
    const camera = (await getJson<CameraList>(wall, '/api/cameras?status=online&limit=1')).items[0]!
    const color = () => wall.evaluate((id) => (window as unknown as { gridwatchMap: { cameraColor(id: number): number[] | null } }).gridwatchMap.cameraColor(id), camera.id)
    expect(await color()).toEqual([60, 220, 120])
    await write(wall, 'patch', `/api/cameras/${camera.id}`, { status: 'fault' })
    await expect.poll(color, { timeout: 10_000 }).toEqual([255, 80, 80])
    await write(wall, 'patch', `/api/cameras/${camera.id}`, { status: 'offline' })
    await expect.poll(color, { timeout: 10_000 }).toEqual([130, 140, 155])
    await write(wall, 'patch', `/api/cameras/${camera.id}`, { status: 'online' })
    await expect.poll(color, { timeout: 10_000 }).toEqual([60, 220, 120])
    await context.close()
  })

  it('works on a 390×844 phone with the panel as a bottom sheet', async () => {
    const phone = await openCoverage('officer', { width: 390, height: 844 })
    const panel = phone.locator('[data-testid=coverage-panel]')
    const box = (await panel.boundingBox())!
    expect(box.y + box.height).toBeCloseTo(844, 0)
    expect(box.height).toBeLessThan(844 * 0.6)
    await phone.locator(`[data-testid=grid-bars] [data-grid-id="${grid.gridId}"]`).click()
    await phone.locator(`[data-testid=grid-coverage][data-grid-id="${grid.gridId}"]`).waitFor()
    await waitForLayer(phone, 'blind-spots')
    await phone.waitForTimeout(1500)
    await phone.screenshot({ path: join(artifacts, 'coverage-390.png') })
    await phone.context().close()
  })
})
