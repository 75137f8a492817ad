import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { inspect, signInThroughForm, waitForMap, wallLayerIds } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')

describe.runIf(hasChromium)('sign-in, roles and audit in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  // Each test's browsers close with it: the wall map is heavy for a software-rendered browser, and
  // the machine has two cores.
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })

  /** A browser of its own (own cookie jar) for one user, recording every URL the page asks for. */
  async function openBrowser(options: { width?: number; height?: number } = {}) {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1920, height: options.height ?? 1080 }, locale: 'zh-CN' })
    contexts.push(context)
    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    return { context, page, requests }
  }
  const get = (page: Page, path: string) => page.request.get(`${app.url}${path}`)
  const countsOf = async (page: Page) => ((await (await get(page, '/api/health/counts')).json()) as { counts: Record<string, number> }).counts

  it('shows a dark, legible sign-in screen and says so when the password is wrong', async () => {
    const { page } = await openBrowser()
    await page.goto(app.url)
    const form = page.locator('[data-testid=sign-in]')
    await form.waitFor()
    // Demo mode lists the demo accounts with their role names; a click fills the form.
    await page.locator('[data-testid=demo-accounts] button[data-username=commander]').waitFor()
    expect(await page.locator('[data-testid=demo-accounts]').textContent()).toContain('指挥中心')
    await page.locator('[data-testid=demo-accounts] button[data-username=planner]').click()
    expect(await form.locator('input[name=username]').inputValue()).toBe('planner')
    expect(await form.locator('input[name=password]').inputValue()).toBe('gridwatch-demo')
    await page.screenshot({ path: join(artifacts, 'sign-in-1920x1080.png') })

    await form.locator('input[name=password]').fill('not-the-password')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => page.locator('[data-testid=sign-in-error]').textContent()).toBe('用户名或密码错误。')
    expect(await page.locator('[data-testid=who]').count()).toBe(0)
    // The English switch re-words the error in place.
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.locator('[data-testid=sign-in-error]').textContent()).toBe('Wrong username or password.')
    await page.screenshot({ path: join(artifacts, 'sign-in-error-en.png') })
    // The page is dark: its background is nearly black, its text nearly white.
    const colours = await page.evaluate(() => ({ page: getComputedStyle(document.documentElement).backgroundColor, text: getComputedStyle(document.querySelector('h1')!).color }))
    expect(colours.page).toBe('rgb(7, 12, 21)')
    expect(colours.text).toBe('rgb(228, 236, 248)')
  })

  it('shows the commander every camera, and no audit or user administration', async () => {
    const { page } = await openBrowser()
    await signInThroughForm(page, app.url, 'commander')
    await waitForMap(page, wallLayerIds.length)
    const counts = await countsOf(page)
    const layers = await inspect(page, (map) => map.layers())
    expect(layers.find((l) => l.id === 'cameras')).toEqual({ id: 'cameras', visible: true, count: counts.cameras })
    expect(counts.cameras).toBeGreaterThan(0)
    expect(await page.locator('[data-testid=who]').textContent()).toContain('指挥中心')
    expect(await page.locator('[data-nav=overview]').count()).toBe(1)
    expect(await page.locator('[data-nav=audit]').count()).toBe(0)
    expect(await page.locator('[data-nav=users]').count()).toBe(0)
    // Typing the address of an admin page shows no admin data.
    await page.goto(`${app.url}/audit`)
    await page.locator('.notice').waitFor()
    expect(await page.locator('[data-testid=audit-table]').count()).toBe(0)
  })

  it('shows an officer only the cameras of their station', async () => {
    const { page } = await openBrowser()
    await signInThroughForm(page, app.url, 'officer')
    await waitForMap(page, wallLayerIds.length)
    const counts = await countsOf(page)
    const response = await get(page, '/api/map/cameras')
    expect(response.status()).toBe(200)
    const inScope = tableFromIPC(new Uint8Array(await response.body())).numRows
    const cameras = (await inspect(page, (map) => map.layers())).find((l) => l.id === 'cameras')
    expect(cameras?.count).toBe(inScope)
    expect(inScope).toBeGreaterThan(0)
    expect(inScope).toBeLessThan(counts.cameras!)
    // The header names the station the officer's view is scoped to.
    const me = (await (await get(page, '/api/auth/me')).json()) as { user: { station: { name: string } } }
    expect(await page.locator('[data-testid=who]').textContent()).toContain(me.user.station.name)
    expect(await page.locator('[data-stat=statCameras] .stat-value').textContent()).toBe(inScope.toLocaleString('en-US'))
  })

  it('shows a viewer the household summary but no cameras, and never asks for them; signing out ends the session', async () => {
    const { page, requests } = await openBrowser()
    await signInThroughForm(page, app.url, 'viewer')
    await waitForMap(page, 3)
    expect((await inspect(page, (map) => map.layers())).map((l) => l.id)).toEqual(['grids', 'areas', 'posts'])
    expect(requests.filter((u) => u.includes('/api/map/cameras'))).toEqual([])
    // Nothing about cameras in the page: no toggle, no legend keys, no count.
    expect(await page.locator('[data-stat=statCameras]').count()).toBe(0)
    expect(await page.locator('.legend').textContent()).not.toContain('视频监控')
    expect(await page.locator('.legend').textContent()).not.toContain('在线')

    // Household colours as aggregates of the whole county, with the suppression note.
    const summary = page.locator('[data-testid=household-summary]')
    await summary.locator('.risk-value').first().waitFor()
    expect(await summary.locator('[data-colour]').count()).toBe(4)
    const expected = (await (await get(page, '/api/households/summary')).json()) as { grids: { households: number | null }[] }
    const total = expected.grids.reduce((s, g) => s + (g.households ?? 0), 0)
    expect(await summary.locator('[data-testid=household-scope]').textContent()).toContain(total.toLocaleString('en-US'))
    expect(await summary.textContent()).toContain('不足 3 户')
    expect(await page.locator('[data-nav=audit]').count()).toBe(0)
    await page.screenshot({ path: join(artifacts, 'viewer-1920x1080.png') })

    await page.locator('[data-testid=sign-out]').click()
    await page.locator('[data-testid=sign-in]').waitFor()
    expect(await page.locator('[data-testid=who]').count()).toBe(0)
    expect((await get(page, '/api/auth/me')).status()).toBe(401)
  })

  it('lets the admin create users, with server errors next to the field, and a password reset ends that user’s session', async () => {
    const planner = await openBrowser()
    await signInThroughForm(planner.page, app.url, 'planner')
    const admin = await openBrowser()
    await signInThroughForm(admin.page, app.url, 'admin')
    const page = admin.page
    // Writes carry the session's CSRF token; reads do not need it.
    const csrfSent: Record<string, boolean> = {}
    page.on('request', (r) => {
      if (r.url().includes('/api/')) csrfSent[`${r.method()} ${new URL(r.url()).pathname}`] = 'x-csrf-token' in r.headers()
    })
    await page.locator('[data-nav=users]').click()
    await page.locator('[data-testid=users-table] tr[data-username=planner]').waitFor()

    // A grid worker without a person: the server's 422 names personId, shown under that field.
    const form = page.locator('[data-testid=new-user]')
    await form.locator('input[name=username]').fill('wang.wei')
    await form.locator('input[name=displayName]').fill('王伟')
    await form.locator('input[name=password]').fill('a long enough passphrase')
    await form.locator('select[name=role]').selectOption('grid_worker')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('.field-error[data-field=personId]').textContent()).toBe('请填写有效的网格员人员编号。')
    // A taken username: 409 on the username field.
    await form.locator('input[name=username]').fill('viewer')
    await form.locator('select[name=role]').selectOption('viewer')
    await form.locator('button[type=submit]').click()
    await expect.poll(() => form.locator('.field-error[data-field=username]').textContent()).toBe('该用户名已被使用。')
    await form.locator('input[name=username]').fill('wang.wei')
    await form.locator('button[type=submit]').click()
    const created = page.locator('[data-testid=users-table] tr[data-username="wang.wei"]')
    await created.waitFor()
    expect(await created.textContent()).toContain('只读用户')

    expect(csrfSent['POST /api/users']).toBe(true)
    expect(csrfSent['GET /api/users']).toBe(false)

    // Disable and enable again.
    await created.locator('button[data-action=disable]').click()
    await expect.poll(() => created.locator('[data-testid=user-status]').textContent()).toBe('已停用')
    await created.locator('button[data-action=enable]').click()
    await expect.poll(() => created.locator('[data-testid=user-status]').textContent()).toBe('正常')

    // Resetting the planner's password ends the planner's session: their screen returns to the sign-in form.
    const row = page.locator('[data-testid=users-table] tr[data-username=planner]')
    await row.locator('button[data-action=reset-password]').click()
    await row.locator('input[type=password]').fill('short')
    await row.locator('button[type=submit]').click()
    await expect.poll(() => row.locator('.form-error').textContent()).toBe('密码至少 10 个字符。')
    await row.locator('input[type=password]').fill('planner-new-passphrase')
    await row.locator('button[type=submit]').click()
    await page.locator('.success').waitFor()
    await page.screenshot({ path: join(artifacts, 'users-admin-1920x1080.png') })
    await planner.page.evaluate(() => window.dispatchEvent(new Event('focus')))
    await planner.page.locator('[data-testid=sign-in]').waitFor({ timeout: 30_000 })
    expect(await planner.page.locator('[role=status]').textContent()).toBe('会话已结束，请重新登录。')
    await signInThroughForm(planner.page, app.url, 'planner', 'planner-new-passphrase')
  })

  it('shows the admin the sign-ins just made in the audit viewer, and exports them as CSV', async () => {
    // Two sessions of other users, opened here through the form.
    for (const username of ['chief', 'gridworker']) {
      const { context, page } = await openBrowser()
      await signInThroughForm(page, app.url, username)
      await context.close()
    }
    const { page } = await openBrowser()
    await signInThroughForm(page, app.url, 'admin')
    await page.locator('[data-nav=audit]').click()
    const table = page.locator('[data-testid=audit-table]')
    await table.locator('tbody tr').first().waitFor()
    // Newest first: the admin's own sign-in heads the list.
    expect(await table.locator('tbody tr').first().getAttribute('data-action')).toBe('auth.login')
    expect(await table.locator('tbody tr').first().getAttribute('data-username')).toBe('admin')

    const filter = page.locator('[data-testid=audit-filter]')
    await filter.locator('input[name=action]').fill('auth.login')
    await filter.locator('button[type=submit]').click()
    await expect.poll(async () => (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).every((a) => a === 'auth.login')).toBe(true)
    for (const username of ['chief', 'gridworker', 'admin']) {
      expect(await table.locator(`tbody tr[data-username=${username}]`).count(), username).toBeGreaterThan(0)
    }
    const chiefRow = table.locator('tbody tr[data-username=chief]').first()
    expect(await chiefRow.textContent()).toContain('派出所所长')
    expect(await chiefRow.textContent()).toContain('POST /api/auth/login')

    // A prefix and a user: every sign-in event of the chief.
    await filter.locator('input[name=username]').fill('chief')
    await filter.locator('input[name=action]').fill('auth.')
    await filter.locator('button[type=submit]').click()
    await expect.poll(async () => new Set(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username'))))).toEqual(new Set(['chief']))
    await page.screenshot({ path: join(artifacts, 'audit-admin-1920x1080.png') })

    // The export link carries the same filters and downloads a CSV.
    const link = page.locator('[data-testid=audit-export]')
    const href = new URL((await link.getAttribute('href'))!, app.url)
    expect(href.pathname).toBe('/api/audit/export.csv')
    expect(Object.fromEntries(href.searchParams)).toEqual({ username: 'chief', action: 'auth.' })
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toBe('gridwatch-audit.csv')
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/)
    expect(csv[0]).toContain('action')
    expect(csv.length).toBeGreaterThan(1)
    expect(csv.slice(1).every((line) => line.includes('chief') && line.includes('auth.login'))).toBe(true)

    // Clearing the filters shows the export itself, audited.
    await page.getByRole('button', { name: '重置' }).click()
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-action')).toBe('audit.export')
  })
})
