import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DisputeKpis, DisputeRecord } from '@gridwatch/server/contracts'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { signInThroughForm } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')

describe.runIf(hasChromium)('the disputes view’s per-area KPI table', () => {
  let app: RunningGridwatch
  let browser: Browser
  let context: BrowserContext

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await app?.stop()
  })

  const getJson = async <T>(p: Page, path: string) => {
    const response = await p.request.get(`${app.url}${path}`)
    expect(response.status(), path).toBe(200)
    return (await response.json()) as T
  }
  const table = (p: Page) => p.locator('[data-testid=area-kpis]')
  /** Each row as shown: its area, code and the server's numbers behind the cells. */
  const shownRows = (p: Page) =>
    table(p)
      .locator('[data-testid=area-row]')
      .evaluateAll((rows) =>
        rows.map((r) => {
          const value = (col: string) => {
            const v = (r.querySelector(`[data-col=${col}]`) as HTMLElement).dataset.value!
            return v === '' ? null : Number(v)
          }
          return { id: Number((r as HTMLElement).dataset.areaId), code: (r as HTMLElement).dataset.code!, cases: value('cases'), resolutionRate: value('resolutionRate'), overdue: value('overdue') }
        }),
      )

  it('shows every community’s cases, 化解率 and overdue as the server counts them for the strip’s period, and a grid’s row filters the list', async () => {
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const page = await context.newPage()
    const kpiRequests: URL[] = []
    page.on('request', (r) => r.url().includes('/api/disputes/kpis') && kpiRequests.push(new URL(r.url())))
    await signInThroughForm(page, app.url, 'commander')
    await page.locator('[data-nav=disputes]').click()
    await page.locator('[data-testid=dispute-kpis] [data-kpi=cases]').waitFor()
    const strip = kpiRequests.find((u) => u.searchParams.get('level') === 'county')!

    await page.locator('[data-testid=disputes-panel] [data-tab=areas]').click()
    await table(page).locator('[data-level=community]').click()
    await expect.poll(() => table(page).getAttribute('aria-busy')).toBe('false')
    const asked = kpiRequests.filter((u) => u.searchParams.get('level') === 'community').at(-1)!
    // The table's period is the strip's: the same from and to.
    expect([asked.searchParams.get('from'), asked.searchParams.get('to')]).toEqual([strip.searchParams.get('from'), strip.searchParams.get('to')])
    const community = await getJson<DisputeKpis>(page, asked.pathname + asked.search)
    expect(community.rows.length).toBeGreaterThan(1)
    const pick = ({ id, code, cases, resolutionRate, overdue }: (typeof community.rows)[number]) => ({ id, code, cases, resolutionRate, overdue })
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id
    await expect.poll(async () => (await shownRows(page)).sort(byId)).toEqual(community.rows.map(pick).sort(byId))
    // Worst first: most overdue, then most cases.
    const order = (await shownRows(page)).map((r) => [r.overdue!, r.cases!] as const)
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || b[1] - a[1]))
    expect(Number(await table(page).locator('[data-testid=area-total] [data-col=cases]').getAttribute('data-value'))).toBe(community.total.cases)
    await page.screenshot({ path: join(artifacts, 'dispute-kpis-zh-1920.png') })

    // 网格: the first row (the worst grid) filters the case list by its code.
    await table(page).locator('[data-level=grid]').click()
    await expect.poll(() => table(page).locator('[data-testid=area-row]').first().getAttribute('data-code')).toMatch(/^\d{15}$/)
    const grids = await getJson<DisputeKpis>(page, kpiRequests.filter((u) => u.searchParams.get('level') === 'grid').map((u) => u.pathname + u.search).at(-1)!)
    const first = table(page).locator('[data-testid=area-row]').first()
    const code = (await first.getAttribute('data-code'))!
    const row = grids.rows.find((r) => r.code === code)!
    expect(row.cases).toBeGreaterThan(0)
    await first.click()
    await expect.poll(() => page.locator('[data-testid=disputes-panel] [data-tab=list]').getAttribute('aria-selected')).toBe('true')
    await page.locator('[data-testid=grid-filter]').waitFor()
    const listed = await getJson<{ items: DisputeRecord[] }>(page, `/api/disputes?grid=${code}&limit=50`)
    expect(listed.items.length).toBeGreaterThan(0)
    expect(listed.items.every((d) => d.grid?.code === code)).toBe(true)
    await expect.poll(() => page.locator('[data-testid=dispute-row]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.disputeId)))).toEqual(listed.items.map((d) => d.id))

    // The pictures to check by eye: English on the wall screen, and a phone scrolling the table inside the panel.
    await page.locator('[data-testid=disputes-panel] [data-tab=areas]').click()
    await page.locator('.topbar button.lang').first().click()
    await expect.poll(() => table(page).locator('[data-level=grid]').textContent()).toBe('Grid')
    await page.screenshot({ path: join(artifacts, 'dispute-kpis-en-1920.png') })
    await page.locator('.topbar button.lang').first().click()
    await page.setViewportSize({ width: 390, height: 844 })
    await table(page).scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.screenshot({ path: join(artifacts, 'dispute-kpis-390.png') })
  })
})
