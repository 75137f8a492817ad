import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { repoRoot } from '../helpers/gridwatch-server'

/** A real scanned 调解协议书 and a photo of one: what an officer attaches to a case. */
export const agreementPdf = join(repoRoot, 'data/fixtures/mediation-agreement.pdf')
export const agreementPhoto = join(repoRoot, 'data/fixtures/mediation-agreement-photo.png')
export const agreementPdfBytes = readFileSync(agreementPdf)
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** The case page's 协议书与材料 section. */
export const papersOf = (page: Page) => page.locator('[data-testid=dispute-documents]')

/**
 * Through the case page's attach control: a file that only claims to be a PDF is refused by its
 * content, said in Chinese next to the control; a photo attached by mistake is removed again after
 * a confirmation. Leaves two timeline entries (attached, removed) and no paper.
 */
export async function refuseThenRemoveAPaper(page: Page) {
  const papers = papersOf(page)
  const attach = papers.locator('[data-testid=document-attach]')
  await attach.locator('input[name=file]').setInputFiles({ name: '协议书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf at all') })
  await attach.locator('[data-testid=document-upload]').click()
  await expect.poll(() => attach.locator('[data-field=file] [data-testid=document-error]').textContent()).toBe('文件须为 PDF、JPEG 或 PNG（签字协议书的扫描件或照片）。')
  await attach.locator('select[name=kind]').selectOption('other')
  await attach.locator('input[name=file]').setInputFiles(agreementPhoto)
  await attach.locator('[data-testid=document-upload]').click()
  const photo = papers.locator('li[data-kind=other]')
  await expect.poll(() => photo.locator('[data-testid=document-download]').textContent()).toBe('mediation-agreement-photo.png')
  expect(await attach.locator('[data-testid=document-error]').count()).toBe(0)
  await photo.locator('[data-testid=document-remove]').click()
  await photo.locator('[data-testid=document-remove-confirm]').click()
  await expect.poll(() => papers.locator('li[data-document-id]').count()).toBe(0)
}

/** Clicks a paper's link on the case page and answers what the browser downloaded: the file's name and bytes. */
export async function downloadPaper(page: Page, documentId: number) {
  const link = papersOf(page).locator(`li[data-document-id="${documentId}"] [data-testid=document-download]`)
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  return { fileName: download.suggestedFilename(), bytes: readFileSync((await download.path())!) }
}

/**
 * Fills the close form for an agreement with no text typed: the form says text or signed paper is
 * needed, the fixture PDF is chosen in the form itself (uploaded on submit), a 司法确认 is asked for.
 */
export const closeOnUploadedAgreement = (judicialRequestedOn: string) => async (form: Locator) => {
  await form.locator('button[data-outcome=agreement]').click()
  expect(await form.locator('[data-testid=agreement-hint]').textContent()).toContain('至少其一')
  await form.locator('input[type=file][name=file]').setInputFiles(agreementPdf)
  await form.locator('[data-testid=agreement-pending]').waitFor()
  await form.locator('input[name=judicialRequestedOn]').fill(judicialRequestedOn)
}
