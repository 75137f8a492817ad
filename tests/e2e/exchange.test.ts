import { createHmac, randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX, SIGNATURE_TOLERANCE_S, type IncidentRecord, type OutboxPage } from '@gridwatch/server/contracts'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium } from '../helpers/chromium'
import { ensureWebBuild, repoRoot, startGridwatch, type RunningGridwatch } from '../helpers/gridwatch-server'
import { signInThroughForm } from './browser-session'

const artifacts = join(repoRoot, 'tests/artifacts')
const SECRET_A = `e2e-cg-${randomBytes(16).toString('hex')}`

interface Delivery {
  key: string
  event: string
  signatureOk: boolean
  body: { eventKey: string; incident: { id: number; category: string } }
  answered: number
}

/**
 * A partner's platform: a real HTTP receiver on 127.0.0.1 that checks our signature itself (HMAC-SHA256
 * of "<t>.<raw body>", at most 5 minutes off) and answers as `answer` says for the n-th call.
 */
async function startReceiver(secret: () => string, answer: (n: number) => { status: number; body?: string }) {
  const deliveries: Delivery[] = []
  const signatureOk = (header: string | undefined, body: string) => {
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '')
    return m !== null && Math.abs(Date.now() / 1000 - Number(m[1])) <= 300 && m[2] === createHmac('sha256', secret()).update(`${m[1]}.${body}`).digest('hex')
  }
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const reply = answer(deliveries.length)
      deliveries.push({ key: String(req.headers['idempotency-key']), event: String(req.headers['x-gridwatch-event']), signatureOk: signatureOk(req.headers['x-gridwatch-signature'] as string | undefined, body), body: JSON.parse(body), answered: reply.status })
      res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8' }).end(reply.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gridwatch/events`, deliveries, close: () => server.close() }
}

describe.runIf(hasChromium)('the event exchange view (警网互融) in a real browser', () => {
  let app: RunningGridwatch
  let browser: Browser
  let page: Page
  /** Every /api/ answer either page received, read in full: the secrets must be in none. */
  const answers: Promise<string>[] = []
  let spot: [number, number]
  let secretB = ''
  let acceptA = false
  let acceptB = false
  let receiverA: Awaited<ReturnType<typeof startReceiver>>
  let receiverB: Awaited<ReturnType<typeof startReceiver>>
  let forwarded: IncidentRecord

  async function open(username: string) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })
    const p = await context.newPage()
    p.on('response', (r) => {
      if (r.url().includes('/api/') && !r.headers()['content-type']?.includes('event-stream')) answers.push(r.text().catch(() => ''))
    })
    // Signed in on the exchange page itself (the app shows the sign-in form on any path).
    await p.goto(`${app.url}/exchange`)
    await signInThroughForm(p, app.url, username)
    await p.locator('[data-testid=partners-table]').waitFor({ timeout: 60_000 })
    return p
  }
  async function write<T>(p: Page, path: string, data: object): Promise<T> {
    const { csrfToken } = (await (await p.request.get(`${app.url}/api/auth/me`)).json()) as { csrfToken: string }
    const response = await p.request.post(`${app.url}${path}`, { headers: { 'X-CSRF-Token': csrfToken }, data })
    expect(response.status(), `${path}: ${await response.text()}`).toBeLessThan(300)
    return (await response.json()) as T
  }
  const report = (category: string, tag: string) =>
    write<IncidentRecord>(page, '/api/incidents', { source: '110', externalId: `E2E-EX-${tag}-${Date.now()}`, category, lon: spot[0], lat: spot[1], address: `测试路 ${tag} 号`, reportedAt: new Date().toISOString() })
  const row = (p: Page, eventKey: string) => p.locator(`[data-testid=outbox-table] tr[data-event="${eventKey}"]`)
  const field = (p: Page, name: string) => p.locator(`[data-testid=partner-form] [name=${name}]`)

  beforeAll(async () => {
    ensureWebBuild()
    mkdirSync(artifacts, { recursive: true })
    receiverA = await startReceiver(() => SECRET_A, () => (acceptA ? { status: 200, body: '{"ok":true}' } : { status: 503 }))
    // Busy once, then it refuses the matter (422) until its side is fixed.
    receiverB = await startReceiver(() => secretB, (n) => (n === 0 ? { status: 503 } : acceptB ? { status: 200 } : { status: 422, body: '本平台不受理此类事项' }))
    app = await startGridwatch({ demoScale: 0.05 })
    browser = await launchChromium()
    page = await open('commander')
    const { items } = (await (await page.request.get(`${app.url}/api/incidents?limit=1`)).json()) as { items: IncidentRecord[] }
    spot = [items[0]!.lon, items[0]!.lat]
  })
  afterAll(async () => {
    receiverA?.close()
    receiverB?.close()
    await browser?.close()
    await app?.stop()
  })

  it('creates a partner through the form, with server refusals next to their field in Chinese', async () => {
    await page.locator('[data-action=new-partner]').click()
    await field(page, 'code').fill('cg-e2e')
    await field(page, 'name').fill('城管执法（测试）')
    await field(page, 'endpointUrl').fill(receiverA.url)
    await field(page, 'secret').fill('too-short')
    // The non-police categories come first, as checkboxes; police ones cannot be ticked.
    const boxes = page.locator('[data-testid=partner-form] .ex-category')
    expect(await boxes.first().getAttribute('data-category')).toMatch(/^(noise|municipal|consumer)$/)
    expect(await page.locator('[data-testid=partner-form] [data-category=theft] input').isDisabled()).toBe(true)
    await page.locator('[data-testid=partner-form] [data-category=noise] input').check()
    await page.locator('[data-action=save-partner]').click()
    await expect.poll(() => page.locator('[data-testid=partner-form] [data-field=secret]').textContent()).toBe('密钥至少需要 32 个字符。')
    await page.locator('[data-testid=partner-form]').screenshot({ path: join(artifacts, 'exchange-form.png') })

    await field(page, 'secret').fill(SECRET_A)
    await page.locator('[data-action=save-partner]').click()
    const partner = page.locator('[data-testid=partners-table] tr[data-partner=cg-e2e]')
    await partner.waitFor()
    await expect.poll(() => page.locator('[data-testid=partner-form]').count()).toBe(0)
    expect(await partner.locator('[data-testid=partner-categories]').textContent()).toBe('噪音扰民')
    expect(await partner.locator('[data-testid=partner-secret]').textContent()).toBe('已设置')
    expect(await partner.locator('[data-testid=partner-active]').textContent()).toBe('启用')
    // The signature help shows the scheme the server uses and this partner's inbound addresses.
    await partner.locator('[data-action=select]').click()
    const help = await page.locator('[data-testid=signature-help]').textContent()
    expect(help).toContain('X-GridWatch-Signature: t=')
    expect(help).toContain(`${SIGNATURE_TOLERANCE_S / 60} 分钟`)
    expect(help).toContain(`最多 ${OUTBOX_MAX_ATTEMPTS} 次`)
    expect(help).toContain(RETRIED_4XX.join('、'))
    expect(help).toContain(`POST ${app.url}/api/exchange/inbound/cg-e2e/events`)
    expect(await page.content()).not.toContain(SECRET_A)
  })

  it('shows a routed matter pending while the partner fails, then delivered once, signed, with its idempotency key', async () => {
    forwarded = await report('noise', 'A')
    const key = `gw-incident-${forwarded.id}-cg-e2e`
    await expect.poll(() => row(page, key).getAttribute('data-status'), { timeout: 30_000 }).toBe('pending')
    await expect.poll(async () => Number(await row(page, key).locator('[data-testid=event-attempts]').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
    expect(await row(page, key).locator('.ex-error').textContent()).toBe('HTTP 503')
    expect(await page.locator('[data-testid=live-mark]').getAttribute('data-live')).toBe('true')
    acceptA = true
    await expect.poll(() => row(page, key).getAttribute('data-status'), { timeout: 60_000 }).toBe('delivered')
    expect(Number(await page.locator('[data-testid=count-delivered]').textContent())).toBeGreaterThanOrEqual(1)

    const mine = receiverA.deliveries.filter((d) => d.key === key)
    expect(mine.length).toBeGreaterThanOrEqual(3)
    expect(mine.every((d) => d.signatureOk && d.event === 'incident.forwarded' && d.body.eventKey === key)).toBe(true)
    expect(mine.filter((d) => d.answered === 200)).toHaveLength(1)
    expect(mine.at(-1)!.body.incident).toMatchObject({ id: forwarded.id, category: 'noise' })
  })

  it('gives up an event the partner refuses, after a retry, and shows it as failed', async () => {
    await page.locator('[data-action=new-partner]').click()
    await field(page, 'code').fill('mkt-e2e')
    await field(page, 'name').fill('市场监管（测试）')
    await field(page, 'endpointUrl').fill(receiverB.url)
    await page.locator('[data-action=generate-secret]').click()
    secretB = await field(page, 'secret').inputValue()
    expect(secretB).toMatch(/^[0-9a-f]{48}$/)
    await page.locator('[data-testid=partner-form] [data-category=consumer] input').check()
    await page.locator('[data-action=save-partner]').click()
    await page.locator('[data-testid=partners-table] tr[data-partner=mkt-e2e]').waitFor()

    const incident = await report('consumer', 'B')
    const key = `gw-incident-${incident.id}-mkt-e2e`
    await expect.poll(() => row(page, key).getAttribute('data-status'), { timeout: 60_000 }).toBe('dead')
    expect(await row(page, key).locator('[data-testid=event-attempts]').textContent()).toBe('2')
    expect(await row(page, key).locator('.ex-error').textContent()).toBe('HTTP 422: 本平台不受理此类事项')
    expect(await row(page, key).locator('[data-action=retry]').count()).toBe(1)
    expect(Number(await page.locator('[data-testid=count-dead]').textContent())).toBe(1)
    expect(receiverB.deliveries.map((d) => [d.answered, d.signatureOk])).toEqual([[503, true], [422, true]])
  })

  it('offers a likely duplicate from a partner, with the numbers, and pictures the view', async () => {
    const event = { eventId: `E2E-${Date.now()}`, incident: { category: 'noise', lon: spot[0] + 0.0001, lat: spot[1], reportedAt: new Date().toISOString(), address: '12345 来件：同一处噪音' } }
    const body = JSON.stringify(event)
    const t = Math.floor(Date.now() / 1000)
    const res = await fetch(`${app.url}/api/exchange/inbound/cg-e2e/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gridwatch-signature': `t=${t},v1=${createHmac('sha256', SECRET_A).update(`${t}.${body}`).digest('hex')}` },
      body,
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as { incidentId: number; duplicates: { duplicateOf: number }[] }
    expect(created.duplicates.map((d) => d.duplicateOf)).toContain(forwarded.id)
    const offer = page.locator(`[data-testid=duplicates-table] tr[data-incident="${created.incidentId}"]`)
    await offer.waitFor({ timeout: 30_000 })
    expect(await offer.textContent()).toMatch(/\d+ 米.*\d+(\.\d)? 分钟/)
    expect(await page.locator('[data-testid=duplicates]').textContent()).toContain('系统从不自动合并')

    // For the picture, one more matter the partner is failing to take (pending, retried).
    acceptA = false
    const waiting = await write<IncidentRecord>(page, '/api/incidents', { source: '110', externalId: `E2E-EX-C-${Date.now()}`, category: 'noise', lon: spot[0] + 0.01, lat: spot[1], address: '测试路 C 号', reportedAt: new Date().toISOString() })
    const waitingRow = row(page, `gw-incident-${waiting.id}-cg-e2e`)
    await expect.poll(async () => Number(await waitingRow.locator('[data-testid=event-attempts]').textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(1)
    await page.locator('[data-testid=partners-table] tr[data-partner=cg-e2e] [data-action=select]').click()
    await page.setViewportSize({ width: 1920, height: 1300 })
    await page.waitForTimeout(500)
    await page.screenshot({ path: join(artifacts, 'exchange-1920.png') })
    copyFileSync(join(artifacts, 'exchange-1920.png'), join(repoRoot, 'docs/exchange.png'))
    await page.setViewportSize({ width: 1920, height: 1080 })
    acceptA = true
    await expect.poll(() => waitingRow.getAttribute('data-status'), { timeout: 60_000 }).toBe('delivered')

    page.once('dialog', (d) => void d.accept())
    await offer.locator('[data-action=merge]').click()
    await expect.poll(() => page.locator('[data-testid=exchange-message]').textContent()).toBe('已合并。')
    await expect.poll(() => offer.count()).toBe(0)
    const merged = (await (await page.request.get(`${app.url}/api/incidents/${created.incidentId}`)).json()) as IncidentRecord
    expect(merged.closedAt).not.toBeNull()
  })

  it('lets an admin send a failed event again after confirming, and audits it', async () => {
    const admin = await open('admin')
    const { items } = (await (await admin.request.get(`${app.url}/api/exchange/outbox?status=dead`)).json()) as OutboxPage
    const dead = items.find((e) => e.partner === 'mkt-e2e')!
    // The admin may not read incidents: no duplicate list, only the explanation.
    expect(await admin.locator('[data-testid=duplicates-table]').count()).toBe(0)
    await admin.locator('[data-testid=outbox-filter] [data-filter=dead]').click()
    await row(admin, dead.eventKey).waitFor()
    acceptB = true
    let asked = ''
    admin.once('dialog', (d) => {
      asked = d.message()
      void d.accept()
    })
    await row(admin, dead.eventKey).locator('[data-action=retry]').click()
    await expect.poll(() => admin.locator('[data-testid=exchange-message]').textContent()).toBe(`事件 ${dead.eventKey} 已重新排队投递。`)
    expect(asked).toContain(dead.eventKey)
    await admin.locator('[data-testid=outbox-filter] [data-filter=all]').click()
    await expect.poll(() => row(admin, dead.eventKey).getAttribute('data-status'), { timeout: 30_000 }).toBe('delivered')
    expect(receiverB.deliveries.at(-1)).toMatchObject({ key: dead.eventKey, answered: 200, signatureOk: true })

    const audit = (await (await admin.request.get(`${app.url}/api/audit?action=exchange.retry`)).json()) as { items: { username: string; subjectIds: string[]; detail: { eventKey: string } }[] }
    expect(audit.items.map((a) => [a.username, a.subjectIds, a.detail.eventKey])).toEqual([['admin', [String(dead.id)], dead.eventKey]])
    const partners = await (await admin.request.get(`${app.url}/api/audit?action=exchange.partner`)).text()
    expect(partners).toContain('secretChanged')

    // No answer either page received, and neither page's HTML, holds a secret.
    const bodies = await Promise.all(answers)
    expect(bodies.length).toBeGreaterThan(20)
    for (const text of [...bodies, partners, await page.content(), await admin.content()]) {
      expect(text.includes(SECRET_A) || text.includes(secretB)).toBe(false)
    }
  })
})
