import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DisputeDetail, DisputeKpis, SessionUser } from '@gridwatch/server/contracts'
import type { FeatureCollection } from 'geojson'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm } from './browser-session'
import { agreementPdfBytes, closeOnUploadedAgreement, downloadPaper, papersOf, refuseThenRemoveAPaper, sha256 } from './dispute-papers'
import { clickMapAt, insideOf, type GridFeature } from './map-points'

const artifacts = join(repoRoot, 'tests/artifacts')
const kpiNames = ['cases', 'resolutionRate', 'gridLevelShare', 'overdue', 'repeats', 'turnedCriminal'] as const

describe.runIf(hasChromium)('the disputes view in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  const contexts: BrowserContext[] = []
  /** The case the walk opens, and its parties' names (for the roles that must not see them). */
  let caseId = 0
  let caseGridId = 0
  const parties = ['王大伟', '李小红']

  /** A browser of its own (own cookie jar) for one user, signed in through the form, recording the URLs it asks for. */
  async function openAs(username: string, viewport = { width: 1920, height: 1080 }) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    contexts.push(context)
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await signInThroughForm(page, app.url, username)
    return { page, requests }
  }
  /** The disputes page, with the map drawn and the KPI strip loaded. */
  async function openDisputes(username: string, viewport?: { width: number; height: number }) {
    const opened = await openAs(username, viewport)
    await opened.page.locator('[data-nav=disputes]').click()
    await opened.page.locator('[data-testid=disputes]').waitFor()
    await waitForCasesLayer(opened.page)
    await opened.page.locator('[data-testid=dispute-kpis] [data-kpi=cases]').waitFor()
    return opened
  }
  const waitForCasesLayer = (p: Page) =>
    p.waitForFunction(() => {
      const map = (window as unknown as { gridwatchMap?: { isReady(): boolean; layers(): { id: string }[] } }).gridwatchMap
      return map?.isReady() === true && map.layers().some((l) => l.id === 'dispute-cases')
    }, null, { timeout: 120_000 })
  const getJson = async <T>(p: Page, path: string, status = 200) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(status)
    return (await response.json()) as T
  }
  const casesOnMap = async (p: Page) => (await inspect(p, (map) => map.layers())).find((l) => l.id === 'dispute-cases')?.count ?? -1
  const shownKpis = (p: Page) =>
    p.locator('[data-testid=dispute-kpis] [data-kpi]').evaluateAll((els) => Object.fromEntries(els.map((el) => [(el as HTMLElement).dataset.kpi!, (el as HTMLElement).dataset.value === '' ? null : Number((el as HTMLElement).dataset.value)]))) as Promise<Record<string, number | null>>
  /** The strip's numbers against the server's answer to the very request the page made (the page's own period); the server's totals. */
  async function expectKpisAsServer(p: Page, kpiUrl: () => string) {
    let server: DisputeKpis | null = null
    await expect
      .poll(async () => {
        const url = new URL(kpiUrl())
        server = await getJson<DisputeKpis>(p, url.pathname + url.search)
        const shown = await shownKpis(p)
        return kpiNames.filter((k) => shown[k] !== server!.total[k])
      }, { timeout: 20_000 })
      .toEqual([])
    return server!.total
  }
  /** The latest KPI request a page made (its period), from the URLs it asked for. */
  const lastKpiUrl = (requests: string[]) => () => requests.filter((u) => new URL(u).pathname === '/api/disputes/kpis').at(-1)!

  const caseView = (p: Page) => p.locator(`[data-testid=dispute-case][data-dispute-id="${caseId}"]`)
  const actionsShown = (p: Page) => p.locator('[data-testid=dispute-actions] button').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.action))
  const timeline = (p: Page) => p.locator('[data-testid=dispute-timeline] li')

  /**
   * One step through the UI: the button of `action`, the form's fields, submit; then the timeline has
   * one entry more (or `entries`: an upload first adds its own), the case the status and tier expected,
   * and exactly the actions expected next.
   */
  async function step(p: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>, after: { status: string; tier?: string; actions: string[]; entries?: number }) {
    const before = await timeline(p).count()
    await p.locator(`[data-testid=dispute-actions] button[data-action="${action}"]`).click()
    const form = p.locator(`[data-testid=action-form][data-action="${action}"]`)
    await fill(form)
    await form.locator('button[type=submit]').click()
    await expect.poll(() => timeline(p).count(), { timeout: 10_000 }).toBe(before + (after.entries ?? 1))
    expect(await caseView(p).getAttribute('data-status')).toBe(after.status)
    if (after.tier) expect(await caseView(p).getAttribute('data-tier')).toBe(after.tier)
    expect(await actionsShown(p)).toEqual(after.actions)
    return timeline(p).last()
  }

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close()
    await browser?.close()
    await app?.stop()
  })

  it('walks a case from the grid worker’s map click to the 回访, the timeline and the allowed actions following every step, and the KPIs with it', async () => {
    const { page: officer, requests: officerRequests } = await openDisputes('officer')
    const officerKpiUrl = lastKpiUrl(officerRequests)
    const before = await expectKpisAsServer(officer, officerKpiUrl)
    const officerName = (await getJson<{ user: SessionUser }>(officer, '/api/auth/me')).user.displayName

    // The grid worker opens the case on the map, inside one of their own grids.
    const { page: worker } = await openDisputes('gridworker')
    const workerName = (await getJson<{ user: SessionUser }>(worker, '/api/auth/me')).user.displayName
    const own = await getJson<{ grids: { gridId: number }[] }>(worker, `/api/grids/stats?from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`)
    const grids = await getJson<FeatureCollection<GridFeature['geometry'], GridFeature['properties']>>(worker, '/api/map/grids')
    const grid = grids.features.find((f) => f.properties.id === own.grids[0]!.gridId)!
    caseGridId = grid.properties.id
    const spot = insideOf(grid)
    const openBefore = await casesOnMap(worker)
    await worker.locator('[data-testid=disputes-panel] [data-tab=new]').click()
    await worker.locator('[data-testid=pick-on-map]').click()
    await clickMapAt(worker, spot, 15)
    const form = worker.locator('[data-testid=new-case-form]')
    await expect.poll(() => form.locator('[data-testid=new-case-place]').textContent()).toContain(grid.properties.name)
    // Without a summary the server names the field, and the form says so in Chinese next to it.
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('[data-error-field=summary]').textContent()).toBe('请填写纠纷概要。')
    await form.locator('select[name=type]').selectOption('neighbour')
    await form.locator('select[name=risk]').selectOption('medium')
    await form.locator('textarea[name=summary]').fill('楼上卫生间漏水，双方多次争吵')
    await form.locator('input[name=party-name-0]').fill(parties[0]!)
    await form.locator('input[name=party-phone-0]').fill('13900001111')
    await form.locator('input[name=party-name-1]').fill(parties[1]!)
    await form.locator('input[name=party-phone-1]').fill('13900002222')
    await form.locator('button[type=submit]').click()
    const opened = worker.locator('[data-testid=dispute-case]')
    await opened.waitFor()
    caseId = Number(await opened.getAttribute('data-dispute-id'))
    expect(await opened.getAttribute('data-status')).toBe('collected')
    expect(await actionsShown(worker)).toEqual(['move-accepted', 'move-cancelled', 'escalate'])
    expect(await timeline(worker).count()).toBe(1)
    expect(await timeline(worker).first().textContent()).toContain(workerName)
    expect(await worker.locator('[data-testid=dispute-parties]').textContent()).toContain(parties[0])
    expect(await worker.locator('[data-fact=grid]').textContent()).toContain(grid.properties.name)
    // On the map among the open cases, and first in the list.
    await expect.poll(() => casesOnMap(worker)).toBe(openBefore + 1)
    await worker.locator('[data-testid=disputes-panel] [data-tab=list]').click()
    await expect.poll(() => worker.locator('[data-testid=dispute-row]').first().getAttribute('data-dispute-id')).toBe(String(caseId))

    // The station's officer takes it from here, on the case's own address.
    await officer.goto(`${app.url}/disputes/${caseId}`)
    await caseView(officer).waitFor()
    expect(await officer.locator('[data-testid=dispute-parties]').textContent()).toContain(parties[1])
    await step(officer, 'move-accepted', (f) => f.locator('textarea[name=note]').fill('已电话联系双方'), { status: 'accepted', actions: ['move-dispatched', 'move-cancelled', 'escalate'] })

    // The grid worker's page still shows the case as collected: accepting it again is refused (409) and says why…
    await worker.locator(`[data-testid=dispute-row][data-dispute-id="${caseId}"]`).click()
    await worker.locator('[data-testid=dispute-actions] button[data-action=move-accepted]').click()
    await worker.locator('[data-testid=action-form] button[type=submit]').click()
    await expect.poll(() => worker.locator('[data-testid=action-error]').textContent()).toBe('当前状态为“已受理”，不能执行此操作。可执行：已分派、已撤销')
    // …and the page reads the case again: its actions are now those of an accepted case.
    await expect.poll(() => caseView(worker).getAttribute('data-status')).toBe('accepted')
    expect(await actionsShown(worker)).toEqual(['move-dispatched', 'move-cancelled', 'escalate'])

    // Dispatched to a mediator from the directory.
    const mediator = await step(officer, 'move-dispatched', async (f) => {
      await f.locator('select[name=mediatorId]').selectOption({ index: 1 })
    }, { status: 'dispatched', actions: ['move-handling', 'escalate'] })
    expect(await mediator.textContent()).toContain(officerName)
    const mediatorName = ((await getJson<DisputeDetail>(officer, `/api/disputes/${caseId}`)).mediator?.name)!
    expect(await officer.locator('[data-fact=mediator]').textContent()).toContain(mediatorName)
    await step(officer, 'move-handling', async () => {}, { status: 'handling', actions: ['move-reported_back', 'escalate'] })

    // Up to the township mediation center and back, each with its reason (a missing one is named first).
    await officer.locator('[data-testid=dispute-actions] button[data-action=escalate]').click()
    await officer.locator('[data-testid=action-form] button[type=submit]').click()
    await expect.poll(() => officer.locator('[data-testid=action-form] [data-field=reason] .field-error').textContent()).toBe('请填写理由。')
    await officer.locator('[data-testid=action-form] textarea[name=reason]').fill('涉及物业公司，移交镇矛调中心')
    await officer.locator('[data-testid=action-form] button[type=submit]').click()
    await expect.poll(() => caseView(officer).getAttribute('data-tier')).toBe('township')
    expect(await actionsShown(officer)).toEqual(['move-reported_back', 'escalate', 'deescalate'])
    expect(await timeline(officer).last().textContent()).toContain('升级至镇矛调中心')
    expect(await timeline(officer).last().textContent()).toContain('涉及物业公司，移交镇矛调中心')
    const down = await step(officer, 'deescalate', (f) => f.locator('textarea[name=reason]').fill('物业已同意维修，回网格跟进'), { status: 'handling', tier: 'grid', actions: ['move-reported_back', 'escalate'] })
    expect(await down.textContent()).toContain('回退至网格')

    await step(officer, 'move-reported_back', (f) => f.locator('textarea[name=note]').fill('双方初步同意方案'), { status: 'reported_back', actions: ['move-closed', 'move-handling', 'escalate'] })
    // A fake PDF refused, a photo attached by mistake and removed (two timeline entries).
    await refuseThenRemoveAPaper(officer)

    // Verified and closed on the signed agreement, uploaded from the close form with no text typed, and a 司法确认 asked of the court.
    await step(officer, 'move-closed', closeOnUploadedAgreement('2026-06-10'), { status: 'closed', actions: ['move-evaluated', 'judicial', 'schedule'], entries: 2 })
    const closed = await getJson<DisputeDetail>(officer, `/api/disputes/${caseId}`)
    expect({ status: closed.status, outcome: closed.outcome, agreement: closed.agreement }).toEqual({ status: 'closed', outcome: 'agreement', agreement: null })
    expect(closed.documents!.map((d) => [d.kind, d.fileName, d.sha256])).toEqual([['agreement', 'mediation-agreement.pdf', sha256(agreementPdfBytes)]])
    // Its papers are its record now: no removing; the link downloads the very bytes attached.
    expect(await papersOf(officer).locator('[data-testid=document-remove]').count()).toBe(0)
    const downloaded = await downloadPaper(officer, closed.documents![0]!.id)
    expect(downloaded.fileName).toBe('mediation-agreement.pdf')
    expect(downloaded.bytes.equals(agreementPdfBytes)).toBe(true)
    // The picture for the README: a case just closed, the court's answer and the 回访 still to come.
    await officer.locator('.dsp-tab-body').evaluate((el) => el.scrollTo(0, 0))
    await inspect(officer, (map, center: [number, number]) => map.jumpTo({ center: [center[0] + 0.05, center[1] - 0.02], zoom: 11.3 }), spot)
    await officer.waitForFunction(() => (window as unknown as { gridwatchMap: { isReady(): boolean } }).gridwatchMap.isReady(), null, { timeout: 60_000 })
    await officer.waitForTimeout(1000)
    await officer.screenshot({ path: join(artifacts, 'disputes-1920.png') })
    copyFileSync(join(artifacts, 'disputes-1920.png'), join(repoRoot, 'docs/disputes.png'))
    const granted = await step(officer, 'judicial', async (f) => {
      await f.locator('button[data-granted=true]').click()
      await f.locator('input[name=on]').fill('2026-06-20')
    }, { status: 'closed', actions: ['move-evaluated', 'schedule'] })
    expect(await granted.textContent()).toContain('法院裁定确认调解协议')
    expect(await officer.locator('[data-fact=outcome]').textContent()).toContain('司法确认')
    await step(officer, 'move-evaluated', (f) => f.locator('button[data-rating="5"]').click(), { status: 'evaluated', actions: ['schedule'] })
    await step(officer, 'schedule', (f) => f.locator('input[name=scheduleOn]').fill('2026-07-20'), { status: 'evaluated', actions: ['visit'] })
    const visited = await step(officer, 'visit', (f) => f.locator('textarea[name=note]').fill('双方关系缓和，未再发生争吵'), { status: 'evaluated', actions: [] })
    expect(await visited.textContent()).toContain('双方关系缓和，未再发生争吵')

    // The timeline as the server keeps it: every step, who did it, and the status from → to.
    const detail = await getJson<DisputeDetail>(officer, `/api/disputes/${caseId}`)
    expect(detail.timeline.map((e) => e.action)).toEqual(['collected', 'accepted', 'dispatched', 'handling', 'escalated to township', 'de-escalated to grid', 'reported_back', 'document attached', 'document removed', 'agreement attached', 'closed', 'judicial confirmation granted', 'evaluated', 'follow-up scheduled', 'followed up'])
    expect(detail.timeline.map((e) => e.actor)).toEqual([workerName, ...Array(14).fill(officerName)])
    expect(await timeline(officer).count()).toBe(detail.timeline.length)
    expect(await officer.locator('[data-testid=dispute-timeline] [data-to=closed]').textContent()).toBe('已反馈 → 已结案')
    // Off the open cases, still drawn as the case on screen.
    const openNow = await getJson<{ items: unknown[] }>(officer, '/api/disputes?open=true&limit=500')
    await expect.poll(() => casesOnMap(officer)).toBe(openNow.items.length + 1)

    // The KPIs moved with it: one case more, resolved (by the court's confirmation) at grid level, none turned criminal.
    const after = await expectKpisAsServer(officer, officerKpiUrl)
    expect(new URL(officerKpiUrl()).searchParams.get('level')).toBe('county')
    expect({ cases: after.cases - before.cases, resolved: after.resolved - before.resolved, resolvedAtGrid: after.resolvedAtGrid - before.resolvedAtGrid, turnedCriminal: after.turnedCriminal - before.turnedCriminal }).toEqual({
      cases: 1,
      resolved: 1,
      resolvedAtGrid: 1,
      turnedCriminal: 0,
    })
    await officer.screenshot({ path: join(artifacts, 'disputes-done-1920.png') })
  })

  it('puts the year’s overdue cases and 民转刑 on the wall’s strip and a grid’s disputes on its card, as the server counts them', async () => {
    const { page: wall, requests } = await openAs('commander')
    const kpiUrl = lastKpiUrl(requests)
    await wall.locator('[data-testid=kpi-strip] [data-kpi=disputeCriminal]').waitFor()
    await expect.poll(async () => wall.locator('[data-testid=kpi-strip] [data-kpi=disputeCriminal]').getAttribute('data-value')).not.toBe('')
    const url = new URL(kpiUrl())
    expect(url.searchParams.get('level')).toBe('county')
    const year = await getJson<DisputeKpis>(wall, url.pathname + url.search)
    expect(Number(await wall.locator('[data-kpi=disputeOverdue]').getAttribute('data-value'))).toBe(year.total.overdue)
    expect(Number(await wall.locator('[data-kpi=disputeCriminal]').getAttribute('data-value'))).toBe(year.total.turnedCriminal)
    expect(new Date(url.searchParams.get('from')!).toISOString().slice(5, 10)).toBe('12-31') // 1 January, county time (UTC+8)
  })

  it('keeps party names from roles without disputes:parties: no page, no request, only aggregates on the grid card', async () => {
    expect(caseId).toBeGreaterThan(0)
    for (const username of ['viewer', 'planner']) {
      const { page, requests } = await openAs(username)
      expect(await page.locator('[data-nav=disputes]').count()).toBe(0)
      await page.goto(`${app.url}/disputes/${caseId}`)
      await page.locator('.notice').waitFor()
      expect(await page.locator('.notice').textContent()).toBe('您的角色无权查看此页面。')
      await getJson(page, `/api/disputes/${caseId}`, 403)
      // The grid card still counts the grid's cases for them — numbers, never names.
      await page.goto(app.url)
      await page.waitForFunction(() => (window as unknown as { gridwatchMap?: { isReady(): boolean } }).gridwatchMap?.isReady() === true, null, { timeout: 120_000 })
      const grids = await getJson<FeatureCollection<GridFeature['geometry'], GridFeature['properties']>>(page, '/api/map/grids')
      const spot = insideOf(grids.features.find((f) => f.properties.id === caseGridId)!)
      await clickMapAt(page, spot, 14)
      const card = page.locator(`[data-testid=grid-card][data-grid-id="${caseGridId}"]`)
      await expect.poll(() => card.locator('[data-kpi=gridDisputeCases]').getAttribute('data-value'), { timeout: 20_000 }).not.toBe('')
      const one = await getJson<DisputeKpis>(page, requests.filter((u) => u.includes('/api/disputes/kpis') && u.includes(`grid=${caseGridId}`)).map((u) => new URL(u)).map((u) => u.pathname + u.search).at(-1)!)
      expect(Number(await card.locator('[data-kpi=gridDisputeCases]').getAttribute('data-value'))).toBe(one.total.cases)
      expect(one.total.cases).toBeGreaterThan(0)
      const text = (await page.locator('body').textContent()) ?? ''
      for (const name of parties) expect(text).not.toContain(name)
      expect(requests.filter((u) => /\/api\/disputes\/\d+/.test(new URL(u).pathname))).toEqual([])
      await page.context().close()
    }
  })

  it('filters the list as the server does, and fits a phone', async () => {
    const { page } = await openDisputes('officer', { width: 390, height: 844 })
    const filters = page.locator('[data-testid=dispute-filters]')
    await filters.locator('select[name=type]').selectOption('neighbour')
    await filters.locator('select[name=open]').selectOption('false')
    const server = await getJson<{ items: { id: number; type: string }[] }>(page, '/api/disputes?type=neighbour&open=false&limit=50')
    expect(server.items.length).toBeGreaterThan(0)
    await expect.poll(() => page.locator('[data-testid=dispute-row]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.disputeId)))).toEqual(server.items.map((d) => d.id))
    expect(server.items.some((d) => d.id === caseId)).toBe(true)
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(artifacts, 'disputes-390.png'), fullPage: false })
  })
})
