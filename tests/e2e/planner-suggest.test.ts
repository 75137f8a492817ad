import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DirectoryPerson, PlanDetail, PlanScores, PlanValidation } from '@gridwatch/server/contracts'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { signInThroughForm } from './browser-session'
import { layerCount, settled } from './planner-session'

const artifacts = join(repoRoot, 'tests/artifacts')

type Area = { id: number; name: string; level: 'township' | 'community'; parentId: number | null; code: string }
type PlanFeature = PlanDetail['features']['features'][number]

describe.runIf(hasChromium)('the planner’s rebalancing suggestion and 网格长 picker in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  let page: Page
  /** The demo community with the most grids: the one a rebalancing has most to do in. */
  let community: Area

  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  /** Writes as the signed-in user: the session cookie and its CSRF token, as the web app sends them. */
  async function write<T>(p: Page, method: 'post' | 'put', path: string, data: object): Promise<T> {
    const { csrfToken } = await getJson<{ csrfToken: string }>(p, '/api/auth/me')
    const response = await p.request[method](`${app.url}${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data })
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300)
    return (await response.json()) as T
  }
  const savedState = (p: Page) => p.locator('[data-testid=save-state]').getAttribute('data-status')
  /** Starts a draft of the community in the planner, as a planner does; resolves with it once scored. */
  async function newDraft(): Promise<PlanDetail> {
    await page.selectOption('[data-testid=township]', String(community.parentId))
    await page.selectOption('[data-testid=community]', String(community.id))
    const before = await page.locator('[data-testid=planner]').getAttribute('data-plan-id')
    await page.locator('[data-testid=new-draft]').click()
    await expect.poll(() => page.locator('[data-testid=planner]').getAttribute('data-plan-id'), { timeout: 30_000 }).not.toBe(before)
    const plan = await getJson<PlanDetail>(page, `/api/plans/${await page.locator('[data-testid=planner]').getAttribute('data-plan-id')}`)
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(plan.revision))
    return plan
  }
  /** Saves a new draft of the community over the API with its grids changed by `change`. */
  async function draftOverApi(name: string, change: (grid: PlanFeature, i: number) => PlanFeature): Promise<PlanDetail> {
    const draft = await write<PlanDetail>(page, 'post', '/api/plans', { name, areaId: community.id })
    const features = draft.features.features.map(change)
    return write<PlanDetail>(page, 'put', `/api/plans/${draft.id}/grids`, { revision: draft.revision, grids: { type: 'FeatureCollection', features } })
  }
  /** Opens a draft from the drafts list (read when the planner opens: the planner comes back to it). */
  async function openSavedDraft(plan: PlanDetail) {
    await page.reload()
    await page.locator('[data-nav=planner]').click()
    await page.selectOption('[data-testid=township]', String(community.parentId))
    await page.selectOption('[data-testid=community]', String(community.id))
    await page.locator(`[data-testid=drafts] li[data-plan-id="${plan.id}"] [data-action=open]`).click()
    await expect.poll(() => page.locator('[data-testid=planner]').getAttribute('data-plan-id')).toBe(String(plan.id))
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(plan.revision))
  }
  /** The grid's card: chosen in the scores table (the map flies to it). */
  async function selectGrid(key: string) {
    await page.locator(`[data-testid=scores-table] tr[data-key="${key}"]`).click()
    await expect.poll(() => page.locator('[data-testid=selected-grid]').getAttribute('data-key')).toBe(key)
  }

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1680, height: 1000 }, locale: 'zh-CN' })
    page = await context.newPage()
    await signInThroughForm(page, app.url, 'planner')
    await page.locator('[data-nav=planner]').click()
    await page.locator('[data-testid=planner]').waitFor()
    const areas = (await getJson<FeatureCollection<MultiPolygon, Area>>(page, '/api/map/areas')).features.map((f) => f.properties)
    const grids = await getJson<FeatureCollection>(page, '/api/map/grids')
    const perCommunity = new Map<string, number>()
    for (const g of grids.features) perCommunity.set(String(g.properties!.community), (perCommunity.get(String(g.properties!.community)) ?? 0) + 1)
    community = areas.filter((a) => a.level === 'community').sort((a, b) => (perCommunity.get(b.name) ?? 0) - (perCommunity.get(a.name) ?? 0))[0]!
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('previews the server’s rebalancing (moves listed and drawn, CV before → after), and accepting it saves the next revision', async () => {
    const plan = await newDraft()
    const scoresBefore = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    const panel = page.locator('[data-testid=suggestion]')
    await page.locator('[data-action=suggest]').click()
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 60_000 }).toBe('shown')

    // The moves, listed and drawn: one hatched block and one arrow each.
    const moves = Number(await panel.getAttribute('data-moves'))
    expect(moves).toBeGreaterThan(0)
    const items = page.locator('[data-testid=suggestion-moves] li')
    expect(await items.count()).toBe(moves)
    const names = new Map(plan.features.features.map((f) => [f.properties.key, f.properties.name]))
    const first = items.first()
    expect(await first.locator('.move-grids').textContent()).toBe(`${names.get((await first.getAttribute('data-from'))!)} → ${names.get((await first.getAttribute('data-to'))!)}`)
    await expect.poll(() => layerCount(page, 'suggestion-blocks')).toBe(moves)
    expect(await layerCount(page, 'suggestion-arrows')).toBe(moves)
    expect(await layerCount(page, 'suggestion-numbers')).toBe(moves)

    // Before → after as numbers: the CV goes down, and before is the CV of the plan as saved.
    const cv = page.locator('[data-testid=suggestion-balance] tr[data-figure=workloadCv]')
    const cvBefore = Number(await cv.getAttribute('data-before'))
    const cvAfter = Number(await cv.getAttribute('data-after'))
    expect(cvAfter).toBeLessThan(cvBefore)
    expect(cvBefore).toBeCloseTo(scoresBefore.plan.workloadCv!, 9)
    expect(await cv.locator('td').nth(2).textContent()).toBe(cvAfter.toFixed(3))
    expect(await cv.getAttribute('data-verdict')).toBe('better')
    // The chart: every grid, the incidents moving between them adding up to none gained or lost.
    const bars = await page.locator('[data-testid=suggestion-chart] .chart-row').evaluateAll((rows) => rows.map((r) => ({ before: Number((r as HTMLElement).dataset.before), after: Number((r as HTMLElement).dataset.after) })))
    expect(bars).toHaveLength(scoresBefore.grids.length)
    expect(bars.reduce((s, b) => s + b.after, 0)).toBe(bars.reduce((s, b) => s + b.before, 0))
    expect(bars.filter((b) => b.after !== b.before).length).toBeGreaterThan(0)

    // While previewed the plan holds still: no editing tools.
    expect(await page.locator('[data-testid=toolbar] [data-tool=split]').count()).toBe(0)
    // Arrowheads are sized for the zoom the map ends at: on a busy machine the layers follow a moment later.
    await settled(page)
    await page.waitForTimeout(1500)
    await settled(page)
    await page.screenshot({ path: join(artifacts, 'planner-suggestion-1680.png') })
    copyFileSync(join(artifacts, 'planner-suggestion-1680.png'), join(repoRoot, 'docs/planner-suggestion.png'))

    // Accept: saved as the next revision, scored by the server as the preview said.
    await page.locator('[data-action=accept-suggestion]').click()
    await expect.poll(() => panel.getAttribute('data-state')).toBe('idle')
    expect(await layerCount(page, 'suggestion-blocks')).toBeNull()
    await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision, { timeout: 30_000 }).toBe(plan.revision + 1)
    await expect.poll(() => savedState(page), { timeout: 30_000 }).toBe('saved')
    expect(await page.locator('.plan-head').textContent()).toContain(`第 ${plan.revision + 1} 版`)
    await expect.poll(() => page.locator('[data-testid=scores]').getAttribute('data-revision'), { timeout: 60_000 }).toBe(String(plan.revision + 1))
    const scoresAfter = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    expect(scoresAfter.plan.workloadCv).toBeCloseTo(cvAfter, 9)
    const shown = Object.fromEntries(await page.locator('[data-testid=scores-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key, Number((tr as HTMLElement).dataset.workload)])))
    expect(shown).toEqual(Object.fromEntries(scoresAfter.grids.map((g) => [g.key, g.incidents12m])))
    // …and validated like any edit: the panel follows the server’s findings for that revision.
    const validation = await getJson<PlanValidation>(page, `/api/plans/${plan.id}/validation?toleranceM2=1`)
    expect(validation.revision).toBe(plan.revision + 1)
    await expect.poll(() => page.locator('[data-testid=validation]').getAttribute('data-errors'), { timeout: 30_000 }).toBe(String(validation.problems.filter((p) => p.severity === 'error').length))

    // Undo takes the whole suggestion back, as a revision of its own.
    await page.locator('[data-action=undo]').click()
    await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision, { timeout: 30_000 }).toBe(plan.revision + 2)
    const undone = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    expect(undone.plan.workloadCv).toBeCloseTo(cvBefore, 9)

    // Rejecting a suggestion changes nothing.
    await expect.poll(() => savedState(page), { timeout: 30_000 }).toBe('saved')
    await page.locator('[data-action=suggest]').click()
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 60_000 }).toBe('shown')
    await page.locator('[data-action=reject-suggestion]').click()
    await expect.poll(() => panel.getAttribute('data-state')).toBe('idle')
    await page.waitForTimeout(1500)
    expect((await getJson<PlanDetail>(page, `/api/plans/${plan.id}`)).revision).toBe(plan.revision + 2)
  })

  it('names a grid’s 网格长 with role and station in Chinese, and changes it through the picker (undoably)', async () => {
    // A draft whose first grid is led by an auxiliary officer (saved over the API): a warning.
    const officers = await getJson<DirectoryPerson[]>(page, `/api/people?role=police_officer&area=${community.id}`)
    const auxiliaries = await getJson<DirectoryPerson[]>(page, `/api/people?role=auxiliary_officer&area=${community.id}`)
    expect(officers.length).toBeGreaterThan(1)
    const auxiliary = auxiliaries[0]!
    const saved = await draftOverApi('E2E 网格长', (f, i) => (i === 0 ? { ...f, properties: { ...f.properties, responsibleOfficerId: auxiliary.id } } : f))
    const grid = saved.features.features[0]!

    await openSavedDraft(saved)
    await expect.poll(() => page.locator('[data-testid=validation]').getAttribute('data-errors'), { timeout: 60_000 }).toBe('0')
    const warning = page.locator('[data-testid=validation] button[data-kind=foreign_officer]')
    await expect.poll(() => warning.count(), { timeout: 30_000 }).toBe(1)
    expect(await warning.locator('.problem-text').textContent()).toBe(`网格“${grid.properties.name}”的网格长${auxiliary.name}是辅警，不是民警`)

    // The card names the 网格长 (found in the directory though not one of the station's officers).
    await selectGrid(grid.properties.key)
    const cell = page.locator('[data-testid=grid-officer]')
    expect(await cell.getAttribute('data-officer-id')).toBe(String(auxiliary.id))
    await expect.poll(() => cell.locator('.officer-name strong').textContent(), { timeout: 30_000 }).toBe(auxiliary.name)

    // The picker offers the station's police officers, each with the grids they lead now.
    await cell.locator('[data-action=change-officer]').click()
    const rows = page.locator('[data-testid=officer-picker] [data-person-id]')
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(officers.length)
    const chosen = officers.find((o) => o.duties.some((d) => d.duty === 'responsible_officer')) ?? officers[0]!
    const row = page.locator(`[data-testid=officer-picker] [data-person-id="${chosen.id}"]`)
    for (const duty of chosen.duties.filter((d) => d.duty === 'responsible_officer')) expect(await row.textContent()).toContain(duty.gridName)
    // Filtering by badge keeps that officer.
    if (chosen.badgeNo) {
      await page.locator('[data-testid=officer-picker] input[type=search]').fill(chosen.badgeNo)
      await expect.poll(() => rows.count()).toBe(officers.filter((o) => o.badgeNo?.includes(chosen.badgeNo!) || o.name.includes(chosen.badgeNo!)).length)
    }
    await row.click()

    // Saved as the next revision; the server's plan carries the officer, and the warning is gone.
    await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${saved.id}`)).revision, { timeout: 30_000 }).toBe(saved.revision + 1)
    const after = await getJson<PlanDetail>(page, `/api/plans/${saved.id}`)
    expect(after.features.features.find((f) => f.properties.key === grid.properties.key)!.properties.responsibleOfficerId).toBe(chosen.id)
    expect(await cell.getAttribute('data-officer-id')).toBe(String(chosen.id))
    expect(await cell.locator('.officer-name strong').textContent()).toBe(chosen.name)
    await expect.poll(() => page.locator('[data-testid=validation]').getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false')
    expect(await warning.count()).toBe(0)

    // Ctrl+Z gives the grid its previous 网格长 back.
    await expect.poll(() => savedState(page), { timeout: 30_000 }).toBe('saved')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await getJson<PlanDetail>(page, `/api/plans/${saved.id}`)).features.features.find((f) => f.properties.key === grid.properties.key)!.properties.responsibleOfficerId, { timeout: 30_000 }).toBe(auxiliary.id)
  })

  it('says so when no move can even the workloads out', async () => {
    // Dedicated grids (专属网格) neither give nor take blocks: a plan of nothing else has no move to make.
    const plan = await draftOverApi('E2E 均衡', (f) => ({ ...f, properties: { ...f.properties, kind: 'dedicated' } }))
    await openSavedDraft(plan)
    const panel = page.locator('[data-testid=suggestion]')
    await page.locator('[data-action=suggest]').click()
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 60_000 }).toBe('shown')
    expect(await panel.getAttribute('data-moves')).toBe('0')
    const scores = await getJson<PlanScores>(page, `/api/plans/${plan.id}/scores`)
    expect(await page.locator('[data-testid=suggestion-empty]').textContent()).toBe(`负载已较均衡：没有能降低变异系数（${scores.plan.workloadCv!.toFixed(3)}）的街区调整。`)
    expect(await layerCount(page, 'suggestion-blocks')).toBeNull()
    expect(await page.locator('[data-action=accept-suggestion]').count()).toBe(0)
    await page.locator('[data-action=reject-suggestion]').click()
    await expect.poll(() => panel.getAttribute('data-state')).toBe('idle')
  })
})
