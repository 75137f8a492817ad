import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createDemoConfig, generateDemoCounty } from '@gridwatch/data'
import type { PlanDetail, PlanDiff, PlanScores, PlanValidation } from '@gridwatch/server/contracts'
import type { FeatureCollection, MultiPolygon, Position } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')
const DEMO_SCALE = 0.05

type Area = { id: number; name: string; level: 'township' | 'community'; parentId: number | null; code: string }

/**
 * A vertical cut through the middle of a polygon's box, from just below its lowest crossing to just
 * above its highest: it cuts this grid through and only enters its neighbours.
 */
function lineAcross(ring: Position[]): [Position, Position] {
  const xs = ring.map((p) => p[0]!)
  const x = (Math.min(...xs) + Math.max(...xs)) / 2
  const ys: number[] = []
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1] as [number, number]
    const [x1, y1] = ring[i] as [number, number]
    if (x0 > x !== x1 > x) ys.push(y0 + ((x - x0) / (x1 - x0)) * (y1 - y0))
  }
  const low = Math.min(...ys)
  const high = Math.max(...ys)
  const margin = (high - low) * 0.04
  return [
    [x, low - margin],
    [x, high + margin],
  ]
}

/** Ray casting over every ring (holes included) of a MultiPolygon. */
function inside(point: Position, g: MultiPolygon): boolean {
  const [x, y] = point as [number, number]
  let hit = false
  for (const ring of g.coordinates.flat(1)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit
    }
  }
  return hit
}

/** Grids of one tiling share the vertices of their common edges. */
function shareAnEdge(a: MultiPolygon, b: MultiPolygon) {
  const key = (p: Position) => `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`
  const mine = new Set(a.coordinates.flat(2).map(key))
  return b.coordinates.flat(2).filter((p) => mine.has(key(p))).length >= 2
}

/** The basemap tile (at its deepest zoom, 15) a point lies in: a footprint within one tile reaches the map whole. */
function tileOf([lon, lat]: Position) {
  const n = 2 ** 15
  const rad = (lat! * Math.PI) / 180
  return `${Math.floor(((lon! + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`
}

/** The mean of a closed ring's corners: inside a convex footprint. */
const centreOf = (ring: Position[]): Position => [0, 1].map((i) => ring.slice(1).reduce((s, p) => s + p[i]!, 0) / (ring.length - 1))

describe.runIf(hasChromium)('the grid planner in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser

  async function open(username: string, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    const page = await context.newPage()
    await signInThroughForm(page, app.url, username)
    return page
  }
  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  const layerCount = async (p: Page, id: string) => (await inspect(p, (map) => map.layers())).find((l) => l.id === id)?.count ?? null
  /** Where a [lon, lat] is on the screen. */
  async function screenPoint(p: Page, at: Position): Promise<[number, number]> {
    const [x, y] = await inspect(p, (map, lngLat: [number, number]) => map.project(lngLat), at)
    const box = (await p.locator('[data-testid=map]').boundingBox())!
    return [box.x + x, box.y + y]
  }
  /** The map has stopped moving and drawn its tiles. */
  async function settled(p: Page) {
    await expect
      .poll(async () => {
        const before = await inspect(p, (map) => map.zoom())
        await p.waitForTimeout(300)
        return before === (await inspect(p, (map) => map.zoom())) && (await inspect(p, (map) => map.isReady()))
      }, { timeout: 60_000 })
      .toBe(true)
  }

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: DEMO_SCALE })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('splits a grid along a drawn line, follows the server’s scores, publishes it, and the wall redraws live', async () => {
    // The commander's wall is open (and live) before anything is planned.
    const wall = await open('commander', { width: 1600, height: 900 })
    await waitForMap(wall, wallLayerIds.length)
    await wall.waitForFunction(() => (window as unknown as { gridwatchMap: { live: { state(): string } } }).gridwatchMap.live.state() === 'live', null, { timeout: 60_000 })
    const gridsBefore = await getJson<FeatureCollection>(wall, '/api/map/grids')
    expect(await layerCount(wall, 'grids')).toBe(gridsBefore.features.length)
    // Set on the page itself: still there at the end means the wall was never reloaded.
    await wall.evaluate(() => ((window as unknown as { sameWallPage: boolean }).sameWallPage = true))

    // The planner drafts the community holding the most grids.
    const page = await open('planner', { width: 1680, height: 1000 })
    await page.locator('[data-nav=planner]').click()
    await page.locator('[data-testid=planner]').waitFor()
    const areas = (await getJson<FeatureCollection<MultiPolygon, Area>>(page, '/api/map/areas')).features.map((f) => f.properties)
    const perCommunity = new Map<string, number>()
    for (const g of gridsBefore.features) perCommunity.set(String(g.properties!.community), (perCommunity.get(String(g.properties!.community)) ?? 0) + 1)
    const community = areas.filter((a) => a.level === 'community').sort((a, b) => (perCommunity.get(b.name) ?? 0) - (perCommunity.get(a.name) ?? 0))[0]!
    await page.selectOption('[data-testid=township]', String(community.parentId))
    await page.selectOption('[data-testid=community]', String(community.id))
    await page.locator('[data-testid=new-draft]').click()
    const rows = page.locator('[data-testid=scores-table] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(perCommunity.get(community.name))
    const planId = Number(await page.locator('[data-testid=planner]').getAttribute('data-plan-id'))
    const plan = await getJson<PlanDetail>(page, `/api/plans/${planId}`)
    expect(await layerCount(page, 'plan-grids')).toBe(plan.features.features.length)

    // The busiest grid is cut in two by a line drawn across it with the mouse.
    const before = await getJson<PlanScores>(page, `/api/plans/${planId}/scores`)
    const target = [...before.grids].sort((a, b) => b.incidents12m - a.incidents12m)[0]!
    expect(target.incidents12m).toBeGreaterThan(0)
    const outline = plan.features.features.find((f) => f.properties.key === target.key)!.geometry.coordinates[0]![0]!
    await page.locator(`[data-testid=scores-table] tr[data-key="${target.key}"]`).click()
    await settled(page)
    // Half a level out from the fitted view: both ends of the line well inside the map, clear of the toolbar.
    const xs = outline.map((p) => p[0]!)
    const ys = outline.map((p) => p[1]!)
    const centre: Position = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2]
    const fitted = await inspect(page, (map) => map.zoom())
    await inspect(page, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: centre, zoom: fitted - 0.5 })
    await settled(page)
    await page.keyboard.press('s')
    expect(await page.locator('[data-testid=planner]').getAttribute('data-tool')).toBe('split')
    const [from, to] = lineAcross(outline)
    const a = await screenPoint(page, from)
    const b = await screenPoint(page, to)
    const toolbar = (await page.locator('[data-testid=toolbar]').boundingBox())!
    const map = (await page.locator('[data-testid=map]').boundingBox())!
    for (const [x, y] of [a, b]) {
      expect(y).toBeGreaterThan(toolbar.y + toolbar.height)
      expect(y).toBeLessThan(map.y + map.height)
      expect(x).toBeGreaterThan(map.x)
    }
    await page.mouse.click(a[0], a[1])
    await page.mouse.move(b[0], b[1], { steps: 10 })
    await page.mouse.click(b[0], b[1])
    // A second click on the last point finishes the line.
    await page.mouse.click(b[0], b[1])

    // Saved, then scored by the server: one grid more, and the split grid carries less work.
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid=planner-notice]')?.textContent ?? null), { timeout: 10_000 }).toBe('已拆分 1 个网格。')
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(before.grids.length + 1)
    await expect.poll(() => page.locator('[data-testid=save-state]').getAttribute('data-status'), { timeout: 30_000 }).toBe('saved')
    const saved = await getJson<PlanDetail>(page, `/api/plans/${planId}`)
    expect(saved.revision).toBeGreaterThan(plan.revision)
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(saved.revision))
    const after = await getJson<PlanScores>(page, `/api/plans/${planId}/scores`)
    expect(after.grids).toHaveLength(before.grids.length + 1)
    const shown = Object.fromEntries(await rows.evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key, Number((tr as HTMLElement).dataset.workload)])))
    expect(shown).toEqual(Object.fromEntries(after.grids.map((g) => [g.key, g.incidents12m])))
    const cut = after.grids.find((g) => g.key === target.key)!
    const fresh = after.grids.filter((g) => g.code === null)
    expect(fresh).toHaveLength(1)
    // Against the grid in force as scored in the same answer (a 12-month window moves on meanwhile).
    const whole = cut.published!.incidents12m
    expect(cut.incidents12m).toBeLessThan(whole)
    expect(cut.incidents12m + fresh[0]!.incidents12m).toBe(whole)
    expect(await layerCount(page, 'plan-grids')).toBe(after.grids.length)

    // Validation as the server sees it; the halves keep the 网格长 and tile the old grid, so nothing blocks.
    const validation = await getJson<PlanValidation>(page, `/api/plans/${planId}/validation?toleranceM2=1`)
    await expect.poll(() => page.locator('[data-testid=validation]').getAttribute('data-errors'), { timeout: 30_000 }).toBe(String(validation.problems.filter((p) => p.severity === 'error').length))
    expect(validation.problems.filter((p) => p.severity === 'error').map((p) => p.message)).toEqual([])
    expect(await page.locator('[data-testid=validation] .problem-list li').count()).toBe(validation.problems.length)
    await expect.poll(() => page.locator('[data-action=publish-start]').isEnabled()).toBe(true)
    // For the picture: a step back, so the community around the split shows.
    await inspect(page, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: centre, zoom: fitted - 1 })
    await settled(page)
    await page.screenshot({ path: join(artifacts, 'planner-split-1680.png') })
    copyFileSync(join(artifacts, 'planner-split-1680.png'), join(repoRoot, 'docs/planner.png'))

    // Review: the land changing hands, on the map and in the table, as the server counts it.
    await page.locator('[data-action=review]').click()
    const diff = await getJson<PlanDiff>(page, `/api/plans/${planId}/diff`)
    expect(diff.totals.pieces).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid=diff]').getAttribute('data-pieces'), { timeout: 30_000 }).toBe(String(diff.totals.pieces))
    expect(await page.locator('[data-testid=diff-table] tbody tr').count()).toBe(diff.pieces.features.length)
    await expect.poll(() => layerCount(page, 'diff-pieces')).toBe(diff.pieces.features.length)
    await page.screenshot({ path: join(artifacts, 'planner-review-1680.png') })

    // Publish: a new version with one grid more, and the wall redraws its grids without a reload.
    await page.locator('[data-testid=diff] input[name=publishNote]').fill('E2E: split the busiest grid')
    await page.locator('[data-action=publish]').click()
    const result = page.locator('[data-testid=publish-result]')
    await result.waitFor({ timeout: 60_000 })
    expect(await result.locator('[data-figure=grids]').textContent()).toBe((gridsBefore.features.length + 1).toLocaleString('zh-CN'))
    const gridsAfter = await getJson<FeatureCollection>(page, '/api/map/grids')
    expect(gridsAfter.features).toHaveLength(gridsBefore.features.length + 1)
    await expect.poll(() => layerCount(wall, 'grids'), { timeout: 20_000 }).toBe(gridsAfter.features.length)
    const toast = wall.locator('[data-testid=grids-updated]')
    await toast.waitFor({ timeout: 10_000 })
    expect(await toast.textContent()).toBe(`网格边界已更新：${plan.name}`)
    expect(Number(await toast.getAttribute('data-version-id'))).toBe(Number(await result.getAttribute('data-version-id')))
    expect(await wall.evaluate(() => (window as unknown as { sameWallPage?: boolean }).sameWallPage)).toBe(true)
    await wall.screenshot({ path: join(artifacts, 'planner-wall-after-publish.png') })
  })

  it('moves buildings of a grid into its neighbour by clicking them with the building tool', async () => {
    const page = await open('planner', { width: 1680, height: 1000 })
    await page.locator('[data-nav=planner]').click()
    // The community with the most grids, where buildings stand on both sides of many grid edges.
    const areas = (await getJson<FeatureCollection<MultiPolygon, Area>>(page, '/api/map/areas')).features.map((f) => f.properties)
    const gridsInForce = (await getJson<FeatureCollection>(page, '/api/map/grids')).features
    const count = (name: string) => gridsInForce.filter((g) => g.properties!.community === name).length
    const community = areas.filter((a) => a.level === 'community').sort((a, b) => count(b.name) - count(a.name))[0]!
    await page.selectOption('[data-testid=township]', String(community.parentId))
    await page.selectOption('[data-testid=community]', String(community.id))
    await page.locator('[data-testid=new-draft]').click()
    await expect.poll(() => page.locator('[data-testid=planner]').getAttribute('data-plan-id'), { timeout: 30_000 }).not.toBe('')
    const plan = await getJson<PlanDetail>(page, `/api/plans/${await page.locator('[data-testid=planner]').getAttribute('data-plan-id')}`)
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(plan.revision))
    const grids = plan.features.features
    // The demo county is generated from its seed: the same buildings the basemap draws.
    const county = generateDemoCounty(createDemoConfig({ scale: DEMO_SCALE }))
    const candidates = county.buildings
      .filter((b) => new Set(b.ring.map(tileOf)).size === 1 && b.households > 0)
      .map((b) => ({ ...b, centre: centreOf(b.ring), grid: grids.find((g) => b.ring.every((p) => inside(p, g.geometry))) }))
    // A target grid next to a grid holding at least two buildings.
    const source = grids.find((g) => candidates.filter((b) => b.grid === g).length >= 2 && grids.some((n) => n !== g && shareAnEdge(n.geometry, g.geometry)))
    expect(source, 'a grid with buildings next to another').toBeDefined()
    const target = grids.find((g) => g !== source && shareAnEdge(g.geometry, source!.geometry))!
    const moved = candidates.filter((b) => b.grid === source).slice(0, 2)
    const scoresBefore = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)

    await page.locator(`[data-testid=scores-table] tr[data-key="${target.properties.key}"]`).click()
    await expect.poll(() => page.locator('[data-testid=selected-grid]').getAttribute('data-key')).toBe(target.properties.key)
    await settled(page)
    await page.keyboard.press('b')
    expect(await page.locator('[data-testid=planner]').getAttribute('data-tool')).toBe('buildings')
    for (const [i, building] of moved.entries()) {
      await inspect(page, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: building.centre, zoom: 17 })
      await settled(page)
      const [x, y] = await screenPoint(page, building.centre)
      await page.mouse.click(x, y)
      await expect.poll(() => page.locator('[data-testid=planner-notice]').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^已将楼栋（.+）划入“${target.properties.name}”。$`))
      await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision, { timeout: 30_000 }).toBe(plan.revision + i + 1)
    }

    // The server's outlines: the target now holds the buildings, the grid they came from no longer does.
    const after = await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)
    const outline = (key: string) => after.features.features.find((f) => f.properties.key === key)!.geometry
    for (const b of moved) {
      expect(inside(b.centre, outline(target.properties.key))).toBe(true)
      expect(inside(b.centre, outline(source!.properties.key))).toBe(false)
    }
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(after.revision))
    const scoresAfter = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    const score = (s: PlanScores, g: PlanDetail['features']['features'][number]) => s.grids.find((x) => x.key === g.properties.key)!
    const households = moved.reduce((s, b) => s + b.households, 0)
    expect(score(scoresAfter, target).households - score(scoresBefore, target).households).toBe(households)
    expect(score(scoresBefore, source!).households - score(scoresAfter, source!).households).toBe(households)
    expect(score(scoresAfter, target).areaM2).toBeGreaterThan(score(scoresBefore, target).areaM2)
  })
})
