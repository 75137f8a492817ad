import { sql } from 'drizzle-orm'
import { bigint, bigserial, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core'
import { incidentCategories, incidents } from './incidents'

/**
 * 警网互融: the platforms non-police matters go to and come back from (城管, market regulation, the 12345
 * hotline, the grid platform). The shared secret signs both directions (HMAC-SHA256); it is set by an
 * admin and never sent back by the API.
 */
export const exchangePartners = pgTable('exchange_partners', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Where forwarded matters are POSTed; null = the partner only sends to us. */
  endpointUrl: text('endpoint_url'),
  secret: text('secret').notNull(),
  /** The incident source their events arrive as (12345, grid_report …). */
  inboundSource: text('inbound_source').notNull().default('12345'),
  active: boolean('active').notNull().default(true),
})

/** Which partner a category of non-police matter goes to. */
export const exchangeRules = pgTable('exchange_rules', {
  categoryCode: text('category_code')
    .primaryKey()
    .references(() => incidentCategories.code),
  partnerId: integer('partner_id')
    .notNull()
    .references(() => exchangePartners.id),
})

/**
 * Outbound events, written by a trigger in the transaction that stores the incident, delivered at least
 * once by the outbox worker (retries with backoff); `eventKey` is the receiver's idempotency key.
 */
export const exchangeOutbox = pgTable(
  'exchange_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventKey: text('event_key').notNull().unique(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    incidentId: bigint('incident_id', { mode: 'number' }).references(() => incidents.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('exchange_outbox_due_idx').on(t.status, t.nextAttemptAt), check('exchange_outbox_status', sql`${t.status} in ('pending', 'delivered', 'dead')`)],
)

/** A forwarded matter as the partner reports it back (status callbacks), with its history. */
export const incidentExchanges = pgTable(
  'incident_exchanges',
  {
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    eventKey: text('event_key').notNull().unique(),
    status: text('status').notNull().default('queued'),
    remoteRef: text('remote_ref'),
    history: jsonb('history').notNull().default(sql`'[]'::jsonb`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.partnerId] })],
)

/** Events received from partners, once each (a re-sent event answers as the first did). */
export const exchangeInbound = pgTable(
  'exchange_inbound',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => exchangePartners.id),
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    incidentId: bigint('incident_id', { mode: 'number' }).references(() => incidents.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('exchange_inbound_partner_event').on(t.partnerId, t.eventId)],
)

/** Likely duplicates (same category within 50 m and 30 min), offered for merging, never merged silently. */
export const incidentDuplicates = pgTable(
  'incident_duplicates',
  {
    id: serial('id').primaryKey(),
    incidentId: bigint('incident_id', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    duplicateOf: bigint('duplicate_of', { mode: 'number' })
      .notNull()
      .references(() => incidents.id),
    distanceM: doublePrecision('distance_m').notNull(),
    minutesApart: doublePrecision('minutes_apart').notNull(),
    status: text('status').notNull().default('offered'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [unique('incident_duplicates_pair').on(t.incidentId, t.duplicateOf), check('incident_duplicates_status', sql`${t.status} in ('offered', 'merged', 'dismissed')`)],
)
