import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import {
  DEFAULT_DEADLINE_DAYS,
  disputeTiers,
  disputeTransitions,
  openDisputeStatusList,
  type DisputeStatus,
  type DisputeTier,
  type disputeCreate,
  type disputeFollowUp,
  type disputeJudicial,
  type disputeTransition,
} from '../contracts/disputes'
import { currentVersionId, gridIdScope, personScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'

/** A move the lifecycle does not allow: the route answers 409 with the moves it does. */
export class IllegalTransition extends Error {
  override name = 'IllegalTransition'
  constructor(
    readonly status: DisputeStatus,
    readonly to: string,
    readonly allowed: DisputeStatus[],
    message = `A case that is ${status} cannot become ${to}; allowed: ${allowed.join(', ') || 'nothing (final)'}`,
  ) {
    super(message)
  }
}

export interface WorkflowContext {
  scope: Scope
  /** Who acts, as shown in the timeline. */
  actor: string
  /** The clock (tests pass their own). */
  now?: Date
  deadlineDays?: Record<DisputeTier, number>
}

const at = (ctx: WorkflowContext) => (ctx.now ?? new Date()).toISOString()
const deadline = (ctx: WorkflowContext, tier: DisputeTier) =>
  new Date((ctx.now ?? new Date()).getTime() + (ctx.deadlineDays ?? DEFAULT_DEADLINE_DAYS)[tier] * 86_400_000).toISOString()

/** A timeline entry: who did what, the status before and after, the note. */
export const event = (tx: Database, ctx: WorkflowContext, id: number, action: string, from: DisputeStatus | null, to: DisputeStatus | null, note: string | null) =>
  tx.execute(sql`
    insert into dispute_events (dispute_id, at, actor, action, from_status, to_status, note)
    values (${id}, ${at(ctx)}::timestamptz, ${ctx.actor}, ${action}, ${from}::dispute_status, ${to}::dispute_status, ${note})`)

/** A mediator named in a request must be an active 调解员 the caller may pick: 422 on the field otherwise. */
async function checkMediator(tx: Database, ctx: WorkflowContext, mediatorId: number | null | undefined) {
  if (mediatorId === null || mediatorId === undefined) return
  const [person] = await queryRows<{ id: number }>(tx, sql`
    select p.id from people p where p.id = ${mediatorId} and p.role = 'mediator' and p.active and ${personScope(ctx.scope)}`)
  if (!person) throw new InputError(`No active mediator ${mediatorId} in your scope`, 'mediatorId', 422)
}

/** The case in the caller's scope, locked for the change; 404 (the same as missing) otherwise. */
export async function lockCase(tx: Database, ctx: WorkflowContext, id: number) {
  const [row] = await queryRows<{ status: DisputeStatus; tier: DisputeTier; judicialRequestedOn: string | null; followUpOn: string | null }>(tx, sql`
    select d.status::text as status, d.tier::text as tier, d.judicial_requested_on::text as "judicialRequestedOn", d.follow_up_on::text as "followUpOn"
    from disputes d where d.id = ${id} and ${gridIdScope(ctx.scope, sql`d.grid_id`)} for update`)
  if (!row) throw new InputError(`No dispute ${id}`, 'id', 404)
  return row
}

/**
 * Opens a case (collected, at grid tier, its deadline running) where it arose — the incident's point
 * when it comes from one — assigned to the grid in force there; it must lie in the caller's scope.
 */
export async function createDispute(tx: Database, ctx: WorkflowContext, input: z.infer<typeof disputeCreate>): Promise<number> {
  await checkMediator(tx, ctx, input.mediatorId)
  let point = input.lon !== undefined && input.lat !== undefined ? sql`ST_SetSRID(ST_MakePoint(${input.lon}::float8, ${input.lat}::float8), 4326)` : null
  if (input.incidentId !== undefined) {
    const [incident] = await queryRows<{ lon: number; lat: number }>(tx, sql`select ST_X(geom) as lon, ST_Y(geom) as lat from incidents where id = ${input.incidentId}`)
    if (!incident) throw new InputError(`No incident ${input.incidentId}`, 'incidentId', 404)
    point ??= sql`ST_SetSRID(ST_MakePoint(${incident.lon}::float8, ${incident.lat}::float8), 4326)`
  }
  const [grid] = await queryRows<{ id: number; versionId: number }>(tx, sql`
    select g.id, g.version_id as "versionId" from grids g where g.version_id = ${currentVersionId} and ST_Covers(g.geom, ${point!}) order by g.code limit 1`)
  const [inScope] = await queryRows<{ ok: boolean }>(tx, sql`select ${gridIdScope(ctx.scope, sql`${grid?.id ?? null}::int`)} as ok`)
  if (!inScope?.ok) throw new InputError('The place lies outside your area', input.incidentId !== undefined && input.lon === undefined ? 'incidentId' : 'lon', 422)
  const [row] = await queryRows<{ id: number }>(tx, sql`
    with next as (select nextval(pg_get_serial_sequence('disputes', 'id'))::int as id)
    insert into disputes (id, code, incident_id, type, risk, tier, status, summary, geom, grid_id, version_id, mediator_id, opened_at, deadline_at)
    select next.id, 'MD' || to_char(${at(ctx)}::timestamptz at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(next.id::text, 6, '0'),
           ${input.incidentId ?? null}, ${input.type}::dispute_type, ${input.risk}::risk_level, 'grid', 'collected', ${input.summary}, ${point!},
           ${grid?.id ?? null}, ${grid?.versionId ?? null}, ${input.mediatorId}, ${at(ctx)}::timestamptz, ${deadline(ctx, 'grid')}::timestamptz
    from next returning id`)
  const id = row!.id
  for (const party of input.parties) {
    await tx.execute(sql`insert into dispute_parties (dispute_id, name, phone, role) values (${id}, ${party.name}, ${party.phone}, ${party.role})`)
  }
  await event(tx, ctx, id, 'collected', null, 'collected', input.incidentId !== undefined ? `from incident ${input.incidentId}` : null)
  return id
}

/** One move of the lifecycle; closing records the outcome, evaluating the rating. */
export async function transitionDispute(tx: Database, ctx: WorkflowContext, id: number, input: z.infer<typeof disputeTransition>) {
  const current = await lockCase(tx, ctx, id)
  const allowed = [...disputeTransitions[current.status]]
  if (!allowed.includes(input.to)) throw new IllegalTransition(current.status, input.to, allowed)
  await checkMediator(tx, ctx, input.mediatorId)
  const closing = input.to === 'closed'
  if (closing && input.agreementDocumentId !== undefined) {
    const [document] = await queryRows<{ id: number }>(tx, sql`
      select id from dispute_documents where id = ${input.agreementDocumentId} and dispute_id = ${id} and kind = 'agreement'`)
    if (!document) throw new InputError(`Document ${input.agreementDocumentId} is not a signed agreement of this case`, 'agreementDocumentId', 422)
  }
  await tx.execute(sql`
    update disputes set status = ${input.to}::dispute_status,
      mediator_id = coalesce(${input.mediatorId ?? null}, mediator_id),
      closed_at = case when ${closing} then ${at(ctx)}::timestamptz when ${input.to} = 'handling' then null else closed_at end,
      outcome = case when ${closing} then ${input.outcome ?? null}::dispute_outcome else outcome end,
      agreement = case when ${closing} then ${input.agreement ?? null} else agreement end,
      judicial_requested_on = case when ${closing} then ${input.judicialRequestedOn ?? null}::date else judicial_requested_on end,
      turned_criminal = case when ${closing} then ${input.turnedCriminal ?? false} else turned_criminal end,
      rating = coalesce(${input.rating ?? null}::int, rating)
    where id = ${id}`)
  await event(tx, ctx, id, input.to, current.status, input.to, input.note ?? null)
}

/**
 * To the next tier up (grid → township mediation center → county center) or back down, with the reason;
 * the new tier's deadline starts now. Only open cases move.
 */
export async function changeTier(tx: Database, ctx: WorkflowContext, id: number, direction: 'up' | 'down', reason: string) {
  const current = await lockCase(tx, ctx, id)
  if (!openDisputeStatusList.includes(current.status)) throw new IllegalTransition(current.status, direction === 'up' ? 'escalated' : 'de-escalated', [], `A ${current.status} case does not change tier`)
  const index = disputeTiers.indexOf(current.tier) + (direction === 'up' ? 1 : -1)
  const tier = disputeTiers[index]
  if (!tier) throw new InputError(direction === 'up' ? 'The case is already at the county center' : 'The case is already at grid level', 'tier', 409)
  await tx.execute(sql`update disputes set tier = ${tier}::dispute_tier, deadline_at = ${deadline(ctx, tier)}::timestamptz where id = ${id}`)
  await event(tx, ctx, id, direction === 'up' ? `escalated to ${tier}` : `de-escalated to ${tier}`, current.status, current.status, reason)
}

/** The court's answer to a 司法确认 request made at closing. */
export async function recordJudicial(tx: Database, ctx: WorkflowContext, id: number, input: z.infer<typeof disputeJudicial>) {
  const current = await lockCase(tx, ctx, id)
  if (!current.judicialRequestedOn) throw new InputError('No judicial confirmation was requested for this case', 'granted', 409)
  await tx.execute(sql`
    update disputes set ${input.granted ? sql`judicial_confirmed_on = ${input.on}::date, outcome = 'judicial_confirmation'` : sql`judicial_refused_on = ${input.on}::date`}
    where id = ${id}`)
  await event(tx, ctx, id, input.granted ? 'judicial confirmation granted' : 'judicial confirmation refused', current.status, current.status, input.note ?? null)
}

/** Schedules the 回访 of a closed case, or records the visit made. */
export async function followUp(tx: Database, ctx: WorkflowContext, id: number, input: z.infer<typeof disputeFollowUp>) {
  const current = await lockCase(tx, ctx, id)
  if (!['closed', 'evaluated'].includes(current.status)) throw new IllegalTransition(current.status, 'follow-up', [], 'Only a closed case is followed up')
  if ('scheduleOn' in input) {
    await tx.execute(sql`update disputes set follow_up_on = ${input.scheduleOn}::date where id = ${id}`)
    await event(tx, ctx, id, 'follow-up scheduled', current.status, current.status, input.scheduleOn)
    return
  }
  await tx.execute(sql`update disputes set followed_up_on = ${input.visitedOn}::date, follow_up_note = ${input.note} where id = ${id}`)
  await event(tx, ctx, id, 'followed up', current.status, current.status, input.note)
}
