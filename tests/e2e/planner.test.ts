import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createDemoConfig, generateDemoCounty } from '@gridwatch/data'
import type { PlanDetail, PlanDiff, PlanScores, PlanValidation } from '@gridwatch/server/contracts'
import type { FeatureCollection, MultiPolygon, Position } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'
import { layerCount, screenPoint, settled } from './planner-session'
import { centreOf, inside, kmlOf, lineAcross, paintableChain, shareAnEdge, tileOf, type Footprint } from './planner-geometry'

const artifacts = join(repoRoot, 'tests/artifacts')
const DEMO_SCALE = 0.05

type Area = { id: number; name: string; level: 'township' | 'community'; parentId: number | null; code: string }
type PlanFeature = PlanDetail['features']['features'][number]

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
  /** A new draft of the community with the most grids (buildings stand on both sides of many edges), opened in the planner. */
  async function draftOfBusiestCommunity(): Promise<{ page: Page; plan: PlanDetail }> {
    const page = await open('planner', { width: 1680, height: 1000 })
    await page.locator('[data-nav=planner]').click()
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
    return { page, plan }
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
    // The editor has switched to drawing a line (the first click must not go to the select mode).
    await page.locator('[data-draw-mode=linestring]').waitFor()
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

  it('moves a block of buildings into a neighbouring grid with one stroke of the building tool, undone by one Ctrl+Z', async () => {
    const { page, plan } = await draftOfBusiestCommunity()
    const grids = plan.features.features
    // The demo county is generated from its seed: the same buildings the basemap draws.
    const all: Footprint[] = generateDemoCounty(createDemoConfig({ scale: DEMO_SCALE })).buildings.map((b) => ({ ...b, centre: centreOf(b.ring) }))
    const paintable = (g: PlanFeature) => all.filter((b) => b.households > 0 && new Set(b.ring.map(tileOf)).size === 1 && b.ring.every((p) => inside(p, g.geometry)))
    // Three buildings of a grid next to another, which straight strokes from centre to centre paint, and nothing else.
    const found = grids
      .map((g) => ({ source: g, target: grids.find((n) => n !== g && shareAnEdge(n.geometry, g.geometry)) }))
      .map(({ source, target }) => ({ source, target, block: target ? paintableChain(paintable(source), all, 3) : null }))
      .find((c) => c.block !== null)
    expect(found, 'a block of three buildings next to another grid').toBeDefined()
    const { source, target, block } = found as { source: PlanFeature; target: PlanFeature; block: Footprint[] }
    const scoresBefore = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)

    await page.locator(`[data-testid=scores-table] tr[data-key="${target.properties.key}"]`).click()
    await expect.poll(() => page.locator('[data-testid=selected-grid]').getAttribute('data-key')).toBe(target.properties.key)
    await settled(page)
    await page.keyboard.press('b')
    expect(await page.locator('[data-testid=planner]').getAttribute('data-tool')).toBe('buildings')
    expect(await page.locator('.tool-hint').textContent()).toContain('按下并拖过')
    const middle = [0, 1].map((i) => block.reduce((s, b) => s + b.centre[i]!, 0) / block.length)
    await inspect(page, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: middle, zoom: 17 })
    await settled(page)
    const points = await Promise.all(block.map((b) => screenPoint(page, b.centre)))
    await page.mouse.move(...points[0]!)
    await page.mouse.down()
    for (const [x, y] of points.slice(1)) await page.mouse.move(x, y, { steps: 15 })
    // Mid-stroke: the painted footprints show, and the map did not pan under the pointer.
    await expect.poll(() => layerCount(page, 'painted-buildings')).toBe(block.length)
    expect(await screenPoint(page, block[0]!.centre)).toEqual(points[0])
    await page.screenshot({ path: '/tmp/planner-paint-stroke.png' })
    await page.mouse.up()
    await expect.poll(() => page.locator('[data-testid=planner-notice]').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^已将 3 栋楼（.+）划入“${target.properties.name}”。$`))
    // One edit, one save.
    await expect.poll(() => page.locator('[data-testid=save-state]').getAttribute('data-status'), { timeout: 30_000 }).toBe('saved')
    const after = await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)
    expect(after.revision).toBe(plan.revision + 1)

    // The server's outlines: exactly the block changed grid; every other building of either grid stayed.
    const gridAt = (p: PlanDetail, b: Footprint) => [source, target].find((g) => inside(b.centre, p.features.features.find((f) => f.properties.key === g.properties.key)!.geometry))?.properties.key
    for (const b of all.filter((b) => gridAt(plan, b))) expect(gridAt(after, b)).toBe(block.includes(b) ? target.properties.key : gridAt(plan, b))
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(after.revision))
    const scoresAfter = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    const score = (s: PlanScores, g: PlanFeature) => s.grids.find((x) => x.key === g.properties.key)!
    const households = block.reduce((s, b) => s + b.households, 0)
    expect(score(scoresAfter, target).households - score(scoresBefore, target).households).toBe(households)
    expect(score(scoresBefore, source).households - score(scoresAfter, source).households).toBe(households)
    expect(score(scoresAfter, target).areaM2).toBeGreaterThan(score(scoresBefore, target).areaM2)
    // The table shows the change against the grid in force: the households and the land moved.
    const row = page.locator(`[data-testid=scores-table] tr[data-key="${target.properties.key}"]`)
    expect(await row.locator('[data-col=households] .delta').textContent()).toBe(`+${households.toLocaleString('zh-CN')}`)
    expect(await row.locator('[data-col=areaM2] .delta').textContent()).toMatch(/^\+/)
    await page.screenshot({ path: '/tmp/planner-paint-moved.png' })

    // One Ctrl+Z puts the whole block back, saved as the next revision.
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision, { timeout: 30_000 }).toBe(plan.revision + 2)
    const undone = await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)
    for (const b of all.filter((b) => gridAt(plan, b))) expect(gridAt(undone, b)).toBe(gridAt(plan, b))
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(undone.revision))
    const scoresUndone = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    expect([score(scoresUndone, target).households, score(scoresUndone, source).households]).toEqual([score(scoresBefore, target).households, score(scoresBefore, source).households])
  })

  it('exports a draft as GeoJSON through its link and imports it back as KML through the file input, one grid renamed', async () => {
    const { page, plan } = await draftOfBusiestCommunity()
    const files = page.locator('[data-testid=plan-files]')
    const [download] = await Promise.all([page.waitForEvent('download'), files.locator('[data-testid=export-geojson]').click()])
    expect(download.suggestedFilename()).toBe(`plan-${plan.id}-r${plan.revision}.geojson`)
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as FeatureCollection<MultiPolygon, { key: string; code: string | null; name: string }>
    expect(exported.features.map((f) => f.properties.key).sort()).toEqual(plan.features.features.map((f) => f.properties.key).sort())
    const input = files.locator('[data-testid=plan-import]')
    const state = files.locator('[data-testid=import-state]')
    const revision = async () => (await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision

    // A file the server cannot read: refused, the problem named in Chinese, the draft unchanged.
    await input.setInputFiles({ name: 'broken.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from('<html><body/></html>') })
    await expect.poll(() => state.getAttribute('data-phase'), { timeout: 30_000 }).toBe('failed')
    expect(await state.textContent()).toBe('无法读取“broken.kml”：broken.kml is not a KML document')
    expect(await state.getAttribute('data-field')).toBe('file')
    expect(await revision()).toBe(plan.revision)

    // The same grids as a GIS would save them as KML, one renamed.
    const renamed = exported.features.map((f, i) => ({ name: i === 0 ? 'E2E 导入后改名' : f.properties.name, code: f.properties.code, geometry: f.geometry }))
    const kml = join(artifacts, 'planner-import.kml')
    writeFileSync(kml, kmlOf(renamed))
    await input.setInputFiles(kml)
    await expect.poll(() => state.getAttribute('data-phase'), { timeout: 60_000 }).toBe('done')
    const imported = await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)
    expect(imported.revision).toBe(plan.revision + 1)
    expect(await state.getAttribute('data-revision')).toBe(String(imported.revision))
    const vertices = (g: MultiPolygon) => [...new Set(g.coordinates.flat(2).map((p) => `${p[0]!.toFixed(9)},${p[1]!.toFixed(9)}`))].sort()
    const described = (grids: { name: string; code: string | null; geometry: MultiPolygon }[]) =>
      grids.map((g) => ({ name: g.name, code: g.code, vertices: vertices(g.geometry) })).sort((a, b) => String(a.code).localeCompare(String(b.code)))
    expect(described(imported.features.features.map((f) => ({ ...f.properties, geometry: f.geometry })))).toEqual(described(renamed))
    // The editor holds the imported draft: the renamed grid is scored, and the import is one undo step.
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(imported.revision))
    await expect.poll(() => page.locator('[data-testid=scores-table]').textContent()).toContain('E2E 导入后改名')
    await page.screenshot({ path: '/tmp/planner-import.png' })
    await page.keyboard.press('Control+z')
    await expect.poll(revision, { timeout: 30_000 }).toBe(plan.revision + 2)
    const undone = await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)
    expect(undone.features.features.map((f) => f.properties.name).sort()).toEqual(plan.features.features.map((f) => f.properties.name).sort())
  })
})
