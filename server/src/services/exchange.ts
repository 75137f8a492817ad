import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import { outboxStatuses, type duplicateDecision, type DuplicateOffer, type ExchangePartnerView, type inboundEvent, type OutboxEntry, type outboxQuery, type OutboxPage, type OutboxStatus, type partnerInput, type statusCallback } from '../contracts/exchange'
import type { IncidentSource } from '@gridwatch/data'
import { incidentScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'
import { ingestIncidents } from './ingest-incidents'

export interface Partner {
  id: number
  code: string
  name: string
  secret: string
  inboundSource: IncidentSource
  active: boolean
}

/** Same category within this distance (m) and time (min): a likely duplicate. Migration 0013's trigger uses the same numbers. */
export const DUPLICATE_WITHIN_M = 50
export const DUPLICATE_WITHIN_MIN = 30

export async function findPartner(db: Database, code: string): Promise<Partner | null> {
  const [row] = await queryRows<Partner>(db, sql`
    select id, code, name, secret, inbound_source as "inboundSource", active from exchange_partners where code = ${code}`)
  return row ?? null
}

/** Offers earlier reports of the same category close by as duplicates of this incident (never merges). */
async function offerDuplicates(tx: Database, incidentId: number) {
  return queryRows<{ duplicateOf: number; distanceM: number; minutesApart: number }>(tx, sql`
    insert into incident_duplicates (incident_id, duplicate_of, distance_m, minutes_apart)
    select n.id, o.id, ST_Distance(n.geom::geography, o.geom::geography), abs(extract(epoch from n.reported_at - o.reported_at)) / 60
    from incidents n
    join incidents o on o.id <> n.id and o.category_code = n.category_code and o.merged_into is null
      and o.geom && ST_Expand(n.geom, 0.001) and ST_DWithin(n.geom::geography, o.geom::geography, ${DUPLICATE_WITHIN_M})
      and o.reported_at between n.reported_at - ${sql.raw(`interval '${DUPLICATE_WITHIN_MIN} minutes'`)} and n.reported_at + ${sql.raw(`interval '${DUPLICATE_WITHIN_MIN} minutes'`)}
    where n.id = ${incidentId}
    on conflict do nothing
    returning duplicate_of::int as "duplicateOf", distance_m as "distanceM", minutes_apart as "minutesApart"`)
}

/**
 * A matter reported on the partner's side becomes an incident here (assigned like any other), once:
 * the same event id again answers as the first time did. Likely duplicates are offered, not merged.
 */
export async function receiveEvent(tx: Database, partner: Partner, input: z.infer<typeof inboundEvent>) {
  // The same event sent twice at once: the second waits for the first and then finds it.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`exchange:${partner.code}:${input.eventId}`}))`)
  const [seen] = await queryRows<{ incidentId: number }>(tx, sql`
    select incident_id::int as "incidentId" from exchange_inbound where partner_id = ${partner.id} and event_id = ${input.eventId}`)
  if (seen) return { incidentId: seen.incidentId, repeated: true, duplicates: await duplicatesOf(tx, seen.incidentId) }
  // Partner codes hold no ':', so no two partners' events share an external id.
  const [stored] = await ingestIncidents(tx, [{ ...input.incident, source: partner.inboundSource, externalId: `${partner.code}:${input.eventId}` }], { fieldPrefix: () => 'incident.' })
  if (stored!.status === 'existing') throw new InputError(`Incident ${partner.code}:${input.eventId} already exists outside the exchange`, 'eventId', 409)
  await tx.execute(sql`
    insert into exchange_inbound (partner_id, event_id, kind, payload, incident_id)
    values (${partner.id}, ${input.eventId}, 'incident', ${JSON.stringify(input)}::jsonb, ${stored!.id})`)
  const duplicates = await offerDuplicates(tx, stored!.id)
  return { incidentId: stored!.id, repeated: false, duplicates }
}

const duplicatesOf = (tx: Database, incidentId: number) =>
  queryRows<{ duplicateOf: number; distanceM: number; minutesApart: number }>(tx, sql`
    select duplicate_of::int as "duplicateOf", distance_m as "distanceM", minutes_apart as "minutesApart" from incident_duplicates where incident_id = ${incidentId} order by id`)

/** The partner says how a matter we sent is going; the same report twice changes nothing. */
export async function receiveStatus(tx: Database, partner: Partner, input: z.infer<typeof statusCallback>) {
  const entry = { status: input.status, at: input.at, note: input.note ?? null, remoteRef: input.remoteRef ?? null }
  const report = sql`${JSON.stringify([entry])}::jsonb`
  // Reports of one event in turn: the update below then sees every report committed before it (a
  // concurrent later one could otherwise be judged against a history without it, and turn a status back).
  await tx.execute(sql`select 1 from incident_exchanges where event_key = ${input.eventKey} and partner_id = ${partner.id} for update`)
  // A report already on record changes nothing; one older than the latest joins the history only.
  const [row] = await queryRows<{ incidentId: number; status: string; remoteRef: string | null }>(tx, sql`
    update incident_exchanges x set
      status = case when news.fresh and news.latest then ${input.status} else x.status end,
      remote_ref = case when news.fresh and news.latest then coalesce(${input.remoteRef ?? null}, x.remote_ref) else x.remote_ref end,
      history = case when news.fresh then x.history || ${report} else x.history end,
      updated_at = case when news.fresh then now() else x.updated_at end
    from (select y.event_key, not (y.history @> ${report}) as fresh,
                 coalesce((select max((e->>'at')::timestamptz) from jsonb_array_elements(y.history) e) <= ${input.at}::timestamptz, true) as latest
          from incident_exchanges y where y.event_key = ${input.eventKey} and y.partner_id = ${partner.id}) news
    where x.event_key = news.event_key
    returning x.incident_id::int as "incidentId", x.status, x.remote_ref as "remoteRef"`)
  if (!row) throw new InputError(`No forwarded event ${input.eventKey} for ${partner.code}`, 'eventKey', 404)
  return row
}

/** Merge (the later report is closed into the earlier one) or dismiss an offered duplicate, in scope. */
export async function decideDuplicate(tx: Database, scope: Scope, id: number, decision: z.infer<typeof duplicateDecision>['decision'], actor: string) {
  // Both reports must be the caller's; the later one is closed into the earlier.
  const [pair] = await queryRows<{ incidentId: number; duplicateOf: number; status: string; later: number; earlier: number }>(tx, sql`
    select d.incident_id::int as "incidentId", d.duplicate_of::int as "duplicateOf", d.status,
           case when (a.reported_at, a.id) > (b.reported_at, b.id) then a.id else b.id end::int as later,
           case when (a.reported_at, a.id) > (b.reported_at, b.id) then b.id else a.id end::int as earlier
    from incident_duplicates d
    join incidents a on a.id = d.incident_id join incidents b on b.id = d.duplicate_of
    where d.id = ${id}
      and exists (select 1 from incidents i where i.id = a.id and ${incidentScope(scope)})
      and exists (select 1 from incidents i where i.id = b.id and ${incidentScope(scope)})
    for update of d`)
  if (!pair) throw new InputError(`No duplicate offer ${id}`, 'id', 404)
  if (pair.status !== 'offered') throw new InputError(`Already ${pair.status}`, 'id', 409)
  await tx.execute(sql`update incident_duplicates set status = ${decision === 'merge' ? 'merged' : 'dismissed'}, decided_by = ${actor}, decided_at = now() where id = ${id}`)
  if (decision === 'merge') {
    await tx.execute(sql`update incidents set merged_into = ${pair.earlier}, closed_at = coalesce(closed_at, greatest(now(), reported_at)), updated_at = now() where id = ${pair.later}`)
  }
  return { ...pair, status: decision === 'merge' ? 'merged' : 'dismissed' }
}

/** Creates or changes a partner and the categories routed to it (a secret is needed to create one). */
export async function upsertPartner(tx: Database, code: string, input: z.infer<typeof partnerInput>) {
  const existing = await findPartner(tx, code)
  if (!existing && !input.secret) throw new InputError('A new partner needs its shared secret', 'secret', 422)
  const [partner] = await queryRows<{ id: number }>(tx, sql`
    insert into exchange_partners (code, name, endpoint_url, secret, inbound_source, active)
    values (${code}, ${input.name}, ${input.endpointUrl}, ${input.secret ?? existing?.secret ?? ''}, ${input.inboundSource}, ${input.active})
    on conflict (code) do update set name = excluded.name, endpoint_url = excluded.endpoint_url, secret = excluded.secret,
      inbound_source = excluded.inbound_source, active = excluded.active
    returning id`)
  const unknown = await queryRows<{ code: string }>(tx, sql`
    select c from unnest(${`{${input.categories.map((c) => `"${c.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]) as c
    where c not in (select code from incident_categories where not police_matter)`)
  if (unknown.length > 0) throw new InputError(`Not a non-police category: ${unknown.map((u) => u.code).join(', ')}`, 'categories', 422)
  await tx.execute(sql`delete from exchange_rules where partner_id = ${partner!.id}`)
  for (const category of input.categories) {
    await tx.execute(sql`insert into exchange_rules (category_code, partner_id) values (${category}, ${partner!.id}) on conflict (category_code) do update set partner_id = excluded.partner_id`)
  }
  return partner!.id
}

/** A timestamp as ISO 8601 UTC, the same on both drivers (raw rows otherwise come in each driver's own text form). */
const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`)

/** Partners without their secrets (only whether one is set), with their categories, outbox counts and last contact. */
export const listPartners = (db: Database) =>
  queryRows<ExchangePartnerView>(db, sql`
    select p.code, p.name, p.endpoint_url as "endpointUrl", p.inbound_source as "inboundSource", p.active, p.secret <> '' as "secretSet",
           coalesce((select array_agg(r.category_code order by r.category_code) from exchange_rules r where r.partner_id = p.id), '{}') as categories,
           (select count(*)::int from exchange_outbox o where o.partner_id = p.id and o.status = 'pending') as pending,
           (select count(*)::int from exchange_outbox o where o.partner_id = p.id and o.status = 'dead') as dead,
           ${iso('(select max(o.delivered_at) from exchange_outbox o where o.partner_id = p.id)')} as "lastDeliveredAt",
           ${iso('(select max(x.updated_at) from incident_exchanges x where x.partner_id = p.id and jsonb_array_length(x.history) > 0)')} as "lastCallbackAt"
    from exchange_partners p order by p.code`)

/** The newest outbox events (optionally of one status and one partner), and the counts per status for that partner. */
export async function listOutbox(db: Database, filter: z.infer<typeof outboxQuery>): Promise<OutboxPage> {
  const ofPartner = filter.partner ? sql`p.code = ${filter.partner}` : sql`true`
  const items = await queryRows<OutboxEntry>(db, sql`
    select o.id::int, o.event_key as "eventKey", p.code as partner, p.name as "partnerName", o.incident_id::int as "incidentId", i.category_code as category,
           o.status, o.attempts, ${iso('o.next_attempt_at')} as "nextAttemptAt", o.last_error as "lastError", ${iso('o.created_at')} as "createdAt", ${iso('o.delivered_at')} as "deliveredAt",
           x.status as "remoteStatus", x.remote_ref as "remoteRef"
    from exchange_outbox o
    join exchange_partners p on p.id = o.partner_id
    left join incidents i on i.id = o.incident_id
    left join incident_exchanges x on x.event_key = o.event_key
    where ${filter.status ? sql`o.status = ${filter.status}` : sql`true`} and ${ofPartner}
    order by o.id desc limit 500`)
  const rows = await queryRows<{ status: OutboxStatus; n: number }>(db, sql`
    select o.status, count(*)::int as n from exchange_outbox o join exchange_partners p on p.id = o.partner_id where ${ofPartner} group by o.status`)
  const counts = Object.fromEntries(outboxStatuses.map((status) => [status, rows.find((r) => r.status === status)?.n ?? 0])) as OutboxPage['counts']
  return { counts, items }
}

/** One report of a duplicate pair as a JSON object (parsed by both drivers). */
const reportSide = (alias: 'a' | 'b') =>
  sql.raw(`json_build_object('source', ${alias}.source, 'externalId', ${alias}.external_id, 'address', ${alias}.address,
    'reportedAt', to_char(${alias}.reported_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`)

/** Likely duplicates still waiting for a person, both reports in the caller's scope, newest first. */
export const listDuplicateOffers = (db: Database, scope: Scope) =>
  queryRows<DuplicateOffer>(db, sql`
    select d.id, d.incident_id::int as "incidentId", d.duplicate_of::int as "duplicateOf", d.distance_m as "distanceM", d.minutes_apart as "minutesApart", d.status,
           a.category_code as category, ${reportSide('a')} as incident, ${reportSide('b')} as original
    from incident_duplicates d join incidents a on a.id = d.incident_id join incidents b on b.id = d.duplicate_of
    where d.status = 'offered'
      and exists (select 1 from incidents i where i.id = a.id and ${incidentScope(scope)})
      and exists (select 1 from incidents i where i.id = b.id and ${incidentScope(scope)})
    order by d.id desc limit 500`)
