import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { DisputeCase, DisputeDetail } from '../contracts/disputes'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'

const fixtures = resolve(import.meta.dirname, '../../../data/fixtures')
/** The signed 调解协议书 as the mediation committee prints it, and a phone photo of it. */
const agreementPdf = new Uint8Array(readFileSync(resolve(fixtures, 'mediation-agreement.pdf')))
const agreementPhoto = new Uint8Array(readFileSync(resolve(fixtures, 'mediation-agreement-photo.png')))
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

let handle: DatabaseHandle
let officerA: TestSession
let officerB: TestSession
let admin: TestSession

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const ok = async <T>(res: Response | Promise<Response>, status = 200) => {
  const r = await res
  expect(r.status, await r.clone().text()).toBe(status)
  return (await r.json()) as T
}
const fieldOf = async (res: Response | Promise<Response>) => {
  const r = await res
  return [r.status, ((await r.json()) as { error: { field: string } }).error.field] as const
}
const attach = (session: TestSession, id: number, kind: string, name: string, bytes: Uint8Array) => {
  const form = new FormData()
  form.append('file', new Blob([bytes]), name)
  return session.request(`/api/disputes/${id}/documents?kind=${kind}`, { method: 'POST', body: form })
}
const storedCount = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from dispute_documents`))[0]!.n

/** A case of station A's, walked to `reported_back` (ready to be closed). */
async function reportedBackCase() {
  const created = await ok<DisputeCase>(officerA.request('/api/disputes', json({ type: 'neighbour', risk: 'medium', summary: '装修噪音', lon: 120.185, lat: 29.705, parties: [{ name: '赵某某', phone: null, role: 'applicant' }] })), 201)
  for (const to of ['accepted', 'dispatched', 'handling', 'reported_back']) await ok(officerA.request(`/api/disputes/${created.id}/transition`, json({ to })))
  return created.id
}

beforeAll(async () => {
  handle = await createTestDatabase()
  const fx = await createTwoStations(handle.db)
  const app = createApp({ handle })
  officerA = await signInAs(handle.db, app, 'officer', { stationId: fx.a.stationId })
  officerB = await signInAs(handle.db, app, 'officer', { stationId: fx.b.stationId })
  admin = await signInAs(handle.db, app, 'admin')
})
afterAll(() => handle.close())

describe('signed papers of a dispute case', () => {
  it('keeps the signed agreement byte for byte, closes the case on it, and audits every download', async () => {
    const id = await reportedBackCase()
    const after = await ok<DisputeCase>(attach(officerA, id, 'agreement', '调解协议书（签字版）.pdf', agreementPdf))
    const [document] = after.documents!
    expect(document).toMatchObject({ kind: 'agreement', fileName: '调解协议书（签字版）.pdf', mediaType: 'application/pdf', byteSize: agreementPdf.length, sha256: sha256(agreementPdf) })
    expect(after.timeline.at(-1)).toMatchObject({ action: 'agreement attached', note: '调解协议书（签字版）.pdf', toStatus: 'reported_back' })

    const download = await officerA.request(`/api/disputes/${id}/documents/${document!.id}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('调解协议书（签字版）.pdf')}`)
    expect(download.headers.get('cache-control')).toBe('no-store')
    expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(agreementPdf))
    const audit = await queryRows<{ username: string; subjectIds: string[] }>(handle.db, sql`
      select username, subject_ids as "subjectIds" from audit_log where action = 'dispute.document.read' order by id`)
    expect(audit).toEqual([{ username: officerA.username, subjectIds: [String(id)] }])

    // The signed paper stands for the agreement's text.
    const closed = await ok<DisputeCase>(officerA.request(`/api/disputes/${id}/transition`, json({ to: 'closed', outcome: 'agreement', agreementDocumentId: document!.id })))
    expect([closed.status, closed.outcome, closed.agreement]).toEqual(['closed', 'agreement', null])
    // Once closed, the papers are the record of how the case ended.
    const refused = await officerA.request(`/api/disputes/${id}/documents/${document!.id}`, { method: 'DELETE' })
    expect(refused.status).toBe(409)
    expect(await storedCount()).toBeGreaterThanOrEqual(1)
    // The court's ruling can still be attached after closing.
    const ruled = await ok<DisputeCase>(attach(officerA, id, 'judicial_ruling', '司法确认裁定书.png', agreementPhoto))
    expect(ruled.documents!.map((d) => [d.kind, d.mediaType])).toEqual([['agreement', 'application/pdf'], ['judicial_ruling', 'image/png']])
  })

  it('closes on a document only when it is a signed agreement of that very case', async () => {
    const first = await reportedBackCase()
    const second = await reportedBackCase()
    const other = (await ok<DisputeCase>(attach(officerA, first, 'other', 'photo.png', agreementPhoto))).documents![0]!
    const foreign = (await ok<DisputeCase>(attach(officerA, second, 'agreement', 'agreement.pdf', agreementPdf))).documents![0]!
    for (const documentId of [other.id, foreign.id, 999_999]) {
      expect(await fieldOf(officerA.request(`/api/disputes/${first}/transition`, json({ to: 'closed', outcome: 'agreement', agreementDocumentId: documentId })))).toEqual([422, 'agreementDocumentId'])
    }
    // Neither text nor a document: the agreement is missing.
    expect(await fieldOf(officerA.request(`/api/disputes/${first}/transition`, json({ to: 'closed', outcome: 'agreement' })))).toEqual([400, 'agreement'])
    // A paper attached by mistake to an open case can be removed, and the timeline says so.
    const removed = await ok<DisputeDetail>(officerA.request(`/api/disputes/${first}/documents/${other.id}`, { method: 'DELETE' }))
    expect(removed.documents).toEqual([])
    expect(removed.timeline.at(-1)).toMatchObject({ action: 'document removed', note: 'photo.png' })
    expect((await officerA.request(`/api/disputes/${first}/documents/${other.id}`)).status).toBe(404)
  })

  it('refuses what is not a scan or PDF, a file too large and an unknown kind, storing nothing', async () => {
    const id = await reportedBackCase()
    const before = await storedCount()
    const script = new TextEncoder().encode('MZ\u0090\u0000 not really a PDF')
    expect(await fieldOf(attach(officerA, id, 'agreement', 'agreement.pdf', script))).toEqual([422, 'file'])
    expect(await fieldOf(attach(officerA, id, 'agreement', 'empty.pdf', new Uint8Array()))).toEqual([400, 'file'])
    const huge = new Uint8Array(10_000_001)
    huge.set(agreementPdf.subarray(0, 8))
    expect(await fieldOf(attach(officerA, id, 'agreement', 'huge.pdf', huge))).toEqual([413, 'file'])
    expect(await fieldOf(attach(officerA, id, 'contract', 'agreement.pdf', agreementPdf))).toEqual([400, 'kind'])
    expect(await fieldOf(officerA.request(`/api/disputes/${id}/documents?kind=agreement`, json({ file: 'x' })))).toEqual([400, 'file'])
    expect(await storedCount()).toBe(before)
    expect((await ok<DisputeDetail>(officerA.request(`/api/disputes/${id}`))).documents).toEqual([])
  })

  it('hides the papers from other stations and from roles without access to the parties', async () => {
    const id = await reportedBackCase()
    const document = (await ok<DisputeCase>(attach(officerA, id, 'agreement', 'agreement.pdf', agreementPdf))).documents![0]!
    const before = await storedCount()
    // Another station: the case does not exist for them, whatever they try.
    expect((await officerB.request(`/api/disputes/${id}/documents/${document.id}`)).status).toBe(404)
    expect((await attach(officerB, id, 'other', 'x.pdf', agreementPdf)).status).toBe(404)
    expect((await officerB.request(`/api/disputes/${id}/documents/${document.id}`, { method: 'DELETE' })).status).toBe(404)
    // The admin runs the system but reads no dispute papers.
    expect((await admin.request(`/api/disputes/${id}/documents/${document.id}`)).status).toBe(403)
    expect((await attach(admin, id, 'other', 'x.pdf', agreementPdf)).status).toBe(403)
    expect(await storedCount()).toBe(before)
    const reads = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action = 'dispute.document.read' and ${String(id)} = any(subject_ids)`)
    expect(reads[0]!.n).toBe(0)
  })
})
