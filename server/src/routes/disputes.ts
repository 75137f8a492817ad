import { sql } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { can } from '../contracts/auth'
import {
  DISPUTE_DOCUMENT_MAX_BYTES,
  disputeCreate,
  disputeDocumentUpload,
  disputeFollowUp,
  disputeJudicial,
  disputeKpiQuery,
  disputeListQuery,
  disputeMoves,
  disputeTierChange,
  disputeTransition,
  type DisputeCase,
  type DisputeConflict,
  type DisputeDetail,
  type DisputeTier,
} from '../contracts/disputes'
import type { Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { changeTier, createDispute, followUp, IllegalTransition, recordJudicial, transitionDispute, type WorkflowContext } from '../services/dispute-workflow'
import { attachDocument, disputeDocuments, documentContent, removeDocument } from '../services/dispute-documents'
import { InputError } from '../services/errors'
import { disputeKpis } from '../spatial/dispute-kpis'
import { disputeAgreement, disputeListFilter, disputeParties, disputeRecords, disputeTimeline } from '../spatial/dispute-records'
import { uploadedBytes } from './upload'
import { validate } from './validate'

const rowId = z.coerce.number().int().positive().max(2_147_483_647)
const idParam = z.object({ id: rowId })
const documentParam = z.object({ id: rowId, documentId: rowId })

/**
 * 矛盾纠纷 cases in the caller's scope. Party details only for roles with disputes:parties, audited.
 * Workflow moves (disputes:manage) run in one transaction with their timeline entry; an illegal move is
 * answered 409 with the moves the case allows.
 */
export const disputeRoutes = (db: Database, options: { trustProxy: boolean; deadlineDays?: Record<DisputeTier, number> }) => {
  const context = (c: Context<AuthEnv>): WorkflowContext => ({ scope: c.var.principal.scope, actor: c.var.principal.user.displayName, deadlineDays: options.deadlineDays })
  /** Runs a workflow step and answers with the case as it now is. */
  const step = async (c: Context<AuthEnv>, id: number | null, run: (tx: Database, ctx: WorkflowContext) => Promise<number | void>) => {
    try {
      const record = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const ctx = context(c)
        const target = (await run(tx, ctx)) ?? id!
        const [after] = await disputeRecords(tx, ctx.scope, sql`d.id = ${target}`, { limit: 1 })
        const papers = can(c.var.principal.user.role, 'disputes:parties')
        const [agreement, documents] = papers ? [await disputeAgreement(tx, target), await disputeDocuments(tx, target)] : [null, null]
        return { ...after!, timeline: await disputeTimeline(tx, target), moves: disputeMoves(after!), agreement, documents } satisfies DisputeCase
      })
      return c.json(record, id === null ? 201 : 200)
    } catch (error) {
      if (!(error instanceof IllegalTransition)) throw error
      return c.json<DisputeConflict>({ error: { code: 'illegal_transition', message: error.message, field: 'to', status: error.status, allowed: error.allowed } }, 409)
    }
  }
  return new Hono<AuthEnv>()
    .get('/kpis', requires('stats:read'), validate('query', disputeKpiQuery), async (c) => c.json(await disputeKpis(db, c.var.principal.scope, c.req.valid('query'))))
    .use(requires('disputes:read'))
    .post('/', requires('disputes:manage'), validate('json', disputeCreate), (c) => step(c, null, (tx, ctx) => createDispute(tx, ctx, c.req.valid('json'))))
    .post('/:id/transition', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTransition), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => transitionDispute(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/escalate', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTierChange), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => changeTier(tx, ctx, c.req.valid('param').id, 'up', c.req.valid('json').reason)),
    )
    .post('/:id/deescalate', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTierChange), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => changeTier(tx, ctx, c.req.valid('param').id, 'down', c.req.valid('json').reason)),
    )
    .post('/:id/judicial', requires('disputes:manage'), validate('param', idParam), validate('json', disputeJudicial), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => recordJudicial(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/follow-up', requires('disputes:manage'), validate('param', idParam), validate('json', disputeFollowUp), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => followUp(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    // Signed papers (调解协议书, court rulings): they name the parties, so only roles that may read parties touch them.
    .post('/:id/documents', requires('disputes:manage'), requires('disputes:parties'), validate('param', idParam), validate('query', disputeDocumentUpload), async (c) => {
      const { name, bytes } = await uploadedBytes(c.req.raw, DISPUTE_DOCUMENT_MAX_BYTES)
      const userId = c.var.principal.user.id
      return step(c, c.req.valid('param').id, (tx, ctx) => attachDocument(tx, { ...ctx, userId }, c.req.valid('param').id, { name, bytes, kind: c.req.valid('query').kind }).then(() => {}))
    })
    .delete('/:id/documents/:documentId', requires('disputes:manage'), requires('disputes:parties'), validate('param', documentParam), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => removeDocument(tx, ctx, c.req.valid('param').id, c.req.valid('param').documentId)),
    )
    .get('/:id/documents/:documentId', requires('disputes:parties'), validate('param', documentParam), async (c) => {
      const { id, documentId } = c.req.valid('param')
      const principal = c.var.principal
      const file = await db.transaction(async (tx) => {
        const [record] = await disputeRecords(tx, principal.scope, sql`d.id = ${id}`, { limit: 1 })
        if (!record) throw new InputError(`No dispute ${id}`, 'id', 404)
        const found = await documentContent(tx, id, documentId)
        await writeAudit(tx, principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'dispute.document.read', subjectType: 'dispute', subjectIds: [id], rowCount: 1 })
        return found
      })
      return new Response(file.bytes, {
        headers: {
          'content-type': file.mediaType,
          'content-length': String(file.bytes.length),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      })
    })
    .get('/', validate('query', disputeListQuery), async (c) => {
      const { limit, before, ...filters } = c.req.valid('query')
      // One clock for the overdue filter and the overdue flag: a case crossing its deadline meanwhile agrees with itself.
      const now = new Date()
      const items = await disputeRecords(db, c.var.principal.scope, disputeListFilter(filters, now), { limit: limit + 1, before, now })
      const page = items.slice(0, limit)
      return c.json({ items: page, next: items.length > limit ? page[page.length - 1]!.id : null })
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const principal = c.var.principal
      const result = await db.transaction(async (tx) => {
        const [record] = await disputeRecords(tx, principal.scope, sql`d.id = ${id}`, { limit: 1 })
        // Out of scope looks the same as missing.
        if (!record) throw new InputError(`No dispute ${id}`, 'id', 404)
        const detail = { ...record, timeline: await disputeTimeline(tx, id), moves: disputeMoves(record) }
        if (!can(principal.user.role, 'disputes:parties')) return { ...detail, agreement: null, documents: null, parties: null } satisfies DisputeDetail
        // The agreement and the papers' names name the parties too: read with them, under the same audit entry.
        const [parties, agreement, documents] = [await disputeParties(tx, id), await disputeAgreement(tx, id), await disputeDocuments(tx, id)]
        await writeAudit(tx, principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'dispute.parties.read', subjectType: 'dispute', subjectIds: [id], rowCount: parties.length })
        return { ...detail, agreement, documents, parties } satisfies DisputeDetail
      })
      return c.json(result)
    })
}
