import { Hono, type Context } from 'hono'
import { sql } from 'drizzle-orm'
import { z, type ZodType } from 'zod'
import { duplicateDecision, inboundEvent, outboxQuery, partnerInput, statusCallback } from '../contracts/exchange'
import { queryRows, type Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { SIGNATURE_HEADER, verifyBody } from '../exchange/signature'
import { decideDuplicate, findPartner, listDuplicateOffers, listOutbox, listPartners, receiveEvent, receiveStatus, upsertPartner, type Partner } from '../services/exchange'
import { apiError } from './errors'
import { validate } from './validate'

const code = z.object({ partner: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'a partner code') })
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
/** Inbound bodies are small events; anything bigger is not one. */
const MAX_INBOUND_BYTES = 256 * 1024

/**
 * The signed inbound calls of a partner: the raw body must carry the partner's HMAC signature (and be
 * fresh), else 401 and nothing is stored. Then the body is validated like any request.
 */
async function signedBody<T>(c: Context, db: Database, schema: ZodType<T>): Promise<{ partner: Partner; input: T } | Response> {
  const params = code.safeParse(c.req.param())
  const partner = params.success ? await findPartner(db, params.data.partner) : null
  if (!partner || !partner.active) return apiError(c, 404, 'not_found', 'No such partner', 'partner')
  const body = await c.req.text()
  if (body.length > MAX_INBOUND_BYTES) return apiError(c, 413, 'body_too_large', 'Event larger than 256 KB', 'body')
  if (!verifyBody(partner.secret, body, c.req.header(SIGNATURE_HEADER))) return apiError(c, 401, 'bad_signature', `Missing, stale or wrong ${SIGNATURE_HEADER}`, SIGNATURE_HEADER)
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON', 'body')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return apiError(c, 400, 'invalid_input', issue.message, issue.path.join('.'))
  }
  return { partner, input: parsed.data }
}

/** 警网互融: partners' signed calls in; partners, the outbox and duplicate offers for the command center. */
export const exchangeRoutes = (db: Database, options: { trustProxy: boolean }) => {
  const audit = (c: Context<AuthEnv>, tx: Database, action: string, subjectType: string, ids: number[], detail: Record<string, unknown>) =>
    writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action, subjectType, subjectIds: ids, detail })
  return new Hono<AuthEnv>()
    .post('/inbound/:partner/events', async (c) => {
      const signed = await signedBody(c, db, inboundEvent)
      if (signed instanceof Response) return signed
      const result = await db.transaction((tx) => receiveEvent(tx as unknown as Database, signed.partner, signed.input))
      return c.json(result, result.repeated ? 200 : 201)
    })
    .post('/inbound/:partner/status', async (c) => {
      const signed = await signedBody(c, db, statusCallback)
      if (signed instanceof Response) return signed
      return c.json(await db.transaction((tx) => receiveStatus(tx as unknown as Database, signed.partner, signed.input)))
    })
    .get('/partners', requires('exchange:manage'), async (c) => c.json(await listPartners(db)))
    .put('/partners/:partner', requires('exchange:manage'), validate('param', code), validate('json', partnerInput), async (c) => {
      const { partner } = c.req.valid('param')
      const input = c.req.valid('json')
      await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const id = await upsertPartner(tx, partner, input)
        // The secret never goes into the audit log.
        await audit(c, tx, 'exchange.partner', 'exchange_partner', [id], { code: partner, endpointUrl: input.endpointUrl, categories: input.categories, secretChanged: input.secret !== undefined })
      })
      return c.json((await listPartners(db)).find((p) => p.code === partner)!)
    })
    .get('/outbox', requires('exchange:manage'), validate('query', outboxQuery), async (c) => c.json(await listOutbox(db, c.req.valid('query'))))
    .post('/outbox/:id/retry', requires('exchange:manage'), validate('param', idParam), async (c) => {
      const row = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const [retried] = await queryRows<{ id: number; eventKey: string }>(tx, sql`
          update exchange_outbox set status = 'pending', attempts = 0, next_attempt_at = now() where id = ${c.req.valid('param').id} and status = 'dead'
          returning id::int, event_key as "eventKey"`)
        if (retried) {
          await audit(c, tx, 'exchange.retry', 'exchange_outbox', [retried.id], { eventKey: retried.eventKey })
          await tx.execute(sql`select pg_notify('gridwatch_outbox', '')`)
        }
        return retried
      })
      return row ? c.json(row) : apiError(c, 404, 'not_found', 'No given-up event with this id', 'id')
    })
    .get('/duplicates', requires('incidents:read'), async (c) => c.json(await listDuplicateOffers(db, c.var.principal.scope)))
    .post('/duplicates/:id', requires('incidents:dispatch'), validate('param', idParam), validate('json', duplicateDecision), async (c) => {
      const { id } = c.req.valid('param')
      const result = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const decided = await decideDuplicate(tx, c.var.principal.scope, id, c.req.valid('json').decision, c.var.principal.user.displayName)
        await audit(c, tx, `incident.duplicate.${decided.status}`, 'incident', [decided.incidentId, decided.duplicateOf], {})
        return decided
      })
      return c.json(result)
    })
}
