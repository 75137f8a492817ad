import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BlindSpotFeatures, CameraList, CameraRecord, GridCoverage, SessionUser, ViewAreaFeatures } from '@gridwatch/server/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')
type LngLat = [number, number]
type CoverageHook = { coverage(): { viewAreas: { bbox: string; cameras: string } | null } | null }

/** A point `m` metres from `from` at a bearing (tens of metres: a local flat approximation is plenty). */
const offset = ([lon, lat]: LngLat, bearing: number, m: number): LngLat => {
  const r = (bearing * Math.PI) / 180
  return [lon + (m * Math.sin(r)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (m * Math.cos(r)) / 110_574]
}

describe.runIf(hasChromium)('registering and editing a camera on the coverage map', () => {
  let app: RunningGridwatch
  let browser: Browser
  let chief: Page
  let me: SessionUser
  const CODE = 'E2E-REG-001'

  async function openCoverage(username: string) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
    const p = await context.newPage()
    await signInThroughForm(p, app.url, username)
    await p.locator('[data-nav=coverage]').click()
    await p.locator('[data-testid=coverage]').waitFor()
    await p.waitForFunction(() => {
      const map = (window as unknown as { gridwatchMap?: { isReady(): boolean; layers(): { id: string }[] } }).gridwatchMap
      return map?.isReady() === true && map.layers().some((l) => l.id === 'key-sites')
    }, null, { timeout: 120_000 })
    return p
  }
  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  const cameraByCode = async (code: string) => (await getJson<CameraList>(chief, `/api/cameras?q=${code}`)).items.filter((c) => c.code === code)
  const layerCount = async (p: Page, id: string) => (await inspect(p, (map) => map.layers())).find((l) => l.id === id)?.count ?? 0
  /** Where a [lon, lat] is drawn, in page pixels. */
  async function screenAt(p: Page, lngLat: LngLat) {
    const [x, y] = await inspect(p, (map, at: LngLat) => map.project(at), lngLat)
    const box = (await p.locator('[data-testid=map]').boundingBox())!
    return { x: box.x + x, y: box.y + y }
  }
  async function showPlace(p: Page, center: LngLat) {
    await inspect(p, (map, c: LngLat) => map.jumpTo({ center: c, zoom: 17.5 }), center)
    await p.waitForFunction(() => (window as unknown as { gridwatchMap: { isReady(): boolean } }).gridwatchMap.isReady(), null, { timeout: 60_000 })
    await p.waitForTimeout(400)
  }
  /** "Register camera", then a click on the map there: the form opens where the click was. */
  async function startRegistering(at: LngLat) {
    await chief.locator('[data-testid=register-camera]').click()
    await chief.locator('[data-testid=camera-place-hint]').waitFor()
    const { x, y } = await screenAt(chief, at)
    await chief.mouse.click(x, y)
    const form = chief.locator('[data-testid=camera-form][data-mode=create]')
    await form.waitFor()
    return form
  }

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    chief = await openCoverage('chief')
    me = (await getJson<{ user: SessionUser }>(chief, '/api/auth/me')).user
    expect(me.station).not.toBeNull()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('registers, re-aims, switches off and deletes a camera, and the map and coverage follow the server', async () => {
    // The chief's grid with the most unseen road; the camera goes on its longest blind stretch, looking along it.
    const grids = await getJson<GridCoverage[]>(chief, '/api/coverage/grids')
    const before = [...grids].sort((a, b) => b.all.blindRoadM - a.all.blindRoadM)[0]!
    const blind = await getJson<BlindSpotFeatures>(chief, `/api/coverage/blind-spots?grid=${before.gridId}&cameras=all&minLengthM=30`)
    const line = blind.features[0]!.geometry.coordinates as LngLat[]
    const i = Math.floor((line.length - 1) / 2)
    const [a, b] = [line[i]!, line[i + 1]!]
    const spot: LngLat = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
    const roadBearing = (Math.round((Math.atan2((b[0] - a[0]) * Math.cos((spot[1] * Math.PI) / 180), b[1] - a[1]) * 180) / Math.PI) + 360) % 360
    await showPlace(chief, spot)
    const camerasOnMap = await layerCount(chief, 'cameras')

    const form = await startRegistering(spot)
    const position = form.locator('[data-testid=camera-position]')
    expect(Number(await position.getAttribute('data-lon'))).toBeCloseTo(spot[0], 4)
    expect(Number(await position.getAttribute('data-lat'))).toBeCloseTo(spot[1], 4)
    expect(await form.locator('[name=stationId]').getAttribute('data-station-id')).toBe(String(me.station!.id))
    await form.locator('input[name=code]').fill(CODE)
    await form.locator('input[name=name]').fill('测试登记枪机')
    await form.locator('input[name=bearing]').fill(String(roadBearing))
    await form.locator('input[name=fov]').fill('70')
    await form.locator('input[name=rangeM]').fill('60')
    await form.locator('input[name=heightM]').fill('5')
    await form.locator('select[name=owner]').selectOption('community')
    await form.locator('input[name=installedOn]').fill('2026-03-15')
    // The sector previews as typed: the compass and the map's preview follow the form.
    expect(await form.locator('[data-testid=compass]').getAttribute('aria-valuenow')).toBe(String(roadBearing))
    await expect.poll(() => layerCount(chief, 'camera-preview-sector')).toBe(1)
    expect(await layerCount(chief, 'camera-preview-points')).toBe(2)
    await chief.waitForTimeout(500)
    await chief.screenshot({ path: join(artifacts, 'camera-register.png') })
    copyFileSync(join(artifacts, 'camera-register.png'), join(repoRoot, 'docs/camera-register.png'))
    await form.locator('button[type=submit]').click()

    // Stored as given, under the chief's station, with its view area computed at once.
    const details = chief.locator('[data-testid=camera-details]')
    await details.waitFor()
    expect(await chief.locator('[data-testid=camera-notice]').textContent()).toBe(`已登记摄像机 ${CODE}。`)
    const [stored] = await cameraByCode(CODE)
    expect(stored).toMatchObject({ bearing: roadBearing, fov: 70, rangeM: 60, heightM: 5, kind: 'fixed', status: 'online', owner: 'community', stationId: me.station!.id, installedOn: '2026-03-15' })
    expect(stored!.lon).toBeCloseTo(spot[0], 4)
    expect(stored!.lat).toBeCloseTo(spot[1], 4)
    expect(stored!.grid?.id).toBe(before.gridId)
    expect(await details.getAttribute('data-camera-id')).toBe(String(stored!.id))
    expect(stored!.viewAreaM2).toBeGreaterThan(0)
    expect(Number(await details.locator('[data-figure=viewAreaM2]').getAttribute('data-value'))).toBe(stored!.viewAreaM2)
    const box = [spot[0] - 0.003, spot[1] - 0.003, spot[0] + 0.003, spot[1] + 0.003].join(',')
    const areas = await getJson<ViewAreaFeatures>(chief, `/api/coverage/view-areas?bbox=${box}&cameras=all`)
    expect(areas.features.map((f) => f.properties.cameraId)).toContain(stored!.id)

    // The grid now sees more, and the view shows the new figures, view areas and camera without a reload.
    const after = (await getJson<GridCoverage[]>(chief, '/api/coverage/grids')).find((g) => g.gridId === before.gridId)!
    expect(after.cameras).toBe(before.cameras + 1)
    expect(after.all.areaPct).toBeGreaterThan(before.all.areaPct)
    expect(after.online.areaPct).toBeGreaterThan(before.online.areaPct)
    await expect.poll(() => details.locator('[data-figure=gridAreaPct]').getAttribute('data-value'), { timeout: 20_000 }).toBe(String(after.online.areaPct))
    const shownBox = (await chief.evaluate(() => (window as unknown as { gridwatchMap: CoverageHook }).gridwatchMap.coverage()?.viewAreas))!.bbox
    const shown = await getJson<ViewAreaFeatures>(chief, `/api/coverage/view-areas?bbox=${shownBox}&cameras=online`)
    expect(shown.features.map((f) => f.properties.cameraId)).toContain(stored!.id)
    await expect.poll(() => layerCount(chief, 'view-areas'), { timeout: 20_000 }).toBe(shown.features.length)
    await expect.poll(() => layerCount(chief, 'cameras'), { timeout: 20_000 }).toBe(camerasOnMap + 1)

    // Re-aimed by dragging the handle at the tip of the sector due east or west: only the bearing is sent.
    await chief.locator('[data-testid=camera-edit]').click()
    const edit = chief.locator('[data-testid=camera-form][data-mode=edit]')
    await edit.waitFor()
    const aim = Math.abs(roadBearing - 90) > 45 && Math.abs(roadBearing - 90) < 315 ? 90 : 270
    const handle = await screenAt(chief, offset([stored!.lon, stored!.lat], roadBearing, 60))
    const camera = await screenAt(chief, [stored!.lon, stored!.lat])
    await chief.mouse.move(handle.x, handle.y)
    await chief.mouse.down()
    await chief.mouse.move(camera.x + (aim === 90 ? 150 : -150), camera.y, { steps: 8 })
    await chief.mouse.up()
    expect(await edit.locator('input[name=bearing]').inputValue()).toBe(String(aim))
    const patch = chief.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`/api/cameras/${stored!.id}`))
    await edit.locator('button[type=submit]').click()
    expect((await patch).postDataJSON()).toEqual({ bearing: aim })
    await expect.poll(() => details.locator('[data-figure=bearing]').getAttribute('data-value')).toBe(String(aim))
    expect((await cameraByCode(CODE))[0]).toMatchObject({ bearing: aim, status: 'online', installedOn: '2026-03-15', fov: 70 })

    // Offline with one tap.
    await details.locator(`[data-testid=camera-status-switch] [data-status=offline]`).click()
    await expect.poll(() => details.getAttribute('data-status')).toBe('offline')
    expect((await cameraByCode(CODE))[0]).toMatchObject({ status: 'offline', bearing: aim })

    // The same code again is refused, said next to the code field; nothing more is stored.
    const again = await startRegistering(offset(spot, 90, 30))
    await again.locator('input[name=code]').fill(CODE)
    await again.locator('input[name=name]').fill('重复编号')
    await again.locator('button[type=submit]').click()
    await expect.poll(() => again.locator('[data-field=code]').textContent()).toBe(`编号 ${CODE} 已被登记，请换一个编号`)
    expect(await again.locator('input[name=code]').getAttribute('aria-invalid')).toBe('true')
    expect(await cameraByCode(CODE)).toHaveLength(1)
    await again.locator('button', { hasText: '取消' }).click()
    await chief.locator('[data-testid=camera-tab]').waitFor({ state: 'detached' })

    // Chosen again by clicking it on the map, then deleted (after the confirmation).
    const dot = await screenAt(chief, [stored!.lon, stored!.lat])
    await chief.mouse.click(dot.x, dot.y)
    await chief.locator(`[data-testid=camera-details][data-camera-id="${stored!.id}"]`).waitFor()
    chief.once('dialog', (dialog) => void dialog.accept())
    await chief.locator('[data-testid=camera-delete]').click()
    await expect.poll(() => chief.locator('[data-testid=camera-notice]').textContent()).toBe(`已删除摄像头 ${CODE}。`)
    expect(await cameraByCode(CODE)).toEqual([])
    expect((await chief.request.get(`${app.url}/api/cameras/${stored!.id}`)).status()).toBe(404)
    const gone = await getJson<ViewAreaFeatures>(chief, `/api/coverage/view-areas?bbox=${box}&cameras=all`)
    expect(gone.features.map((f) => f.properties.cameraId)).not.toContain(stored!.id)
    await expect.poll(() => layerCount(chief, 'cameras'), { timeout: 20_000 }).toBe(camerasOnMap)
  })

  it('says so next to the form when the camera edited is gone (deleted meanwhile: 404)', async () => {
    const { csrfToken } = await getJson<{ csrfToken: string }>(chief, '/api/auth/me')
    const headers = { 'X-CSRF-Token': csrfToken }
    const anyCamera = (await getJson<CameraList>(chief, '/api/cameras?limit=1')).items[0]!
    const created = await chief.request.post(`${app.url}/api/cameras`, { headers, data: { code: 'E2E-REG-GONE', name: '将被删除', lon: anyCamera.lon + 0.0004, lat: anyCamera.lat, bearing: 0, fov: 60, rangeM: 50, heightM: 5, kind: 'fixed', owner: 'public' } })
    expect(created.status()).toBe(201)
    const camera = (await created.json()) as CameraRecord
    await chief.locator('[data-testid=coverage-panel] [data-tab=registry]').click()
    await chief.locator('[data-testid=camera-search]').fill('E2E-REG-GONE')
    await chief.locator('[data-testid=camera-search]').press('Enter')
    await chief.locator(`[data-testid=camera-table] tr[data-camera-id="${camera.id}"]`).click()
    const form = chief.locator(`[data-testid=camera-form][data-camera-id="${camera.id}"]`)
    await form.waitFor()
    expect((await chief.request.delete(`${app.url}/api/cameras/${camera.id}`, { headers })).status()).toBe(204)
    await form.locator('input[name=bearing]').fill('45')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('[data-testid=camera-form-error]').textContent()).toBe('该摄像机不存在，或不在您的管辖范围内')
  })

  it('shows an officer (no cameras:manage) a camera’s details but no register button and no editing', async () => {
    const officer = await openCoverage('officer')
    expect(await officer.locator('[data-testid=register-camera]').count()).toBe(0)
    await officer.locator('[data-testid=coverage-panel] [data-tab=registry]').click()
    const row = officer.locator('[data-testid=camera-table] tbody tr').first()
    await row.waitFor()
    const id = await row.getAttribute('data-camera-id')
    await row.click()
    await officer.locator(`[data-testid=camera-details][data-camera-id="${id}"]`).waitFor()
    expect(await officer.locator('[data-testid=camera-edit], [data-testid=camera-delete], [data-testid=camera-status-switch], [data-testid=camera-form]').count()).toBe(0)
    await officer.context().close()
  })
})
