import { sql } from 'drizzle-orm'
import { bigint, boolean, check, customType, date, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './auth'
import { point } from './geometry'
import { boundaryVersions, grids } from './grids'
import { incidents } from './incidents'
import { people } from './people'

export const disputeType = pgEnum('dispute_type', ['neighbour', 'family', 'labour', 'property', 'consumer', 'land', 'other'])
/** 小事不出村，大事不出镇，矛盾不上交: grid → township mediation center → county center. */
export const disputeTier = pgEnum('dispute_tier', ['grid', 'township', 'county'])
export const disputeStatus = pgEnum('dispute_status', [
  'collected',
  'accepted',
  'dispatched',
  'handling',
  'reported_back',
  'closed',
  'evaluated',
  'cancelled',
])
export const disputeOutcome = pgEnum('dispute_outcome', ['agreement', 'judicial_confirmation', 'failed_litigation'])
export const riskLevel = pgEnum('risk_level', ['low', 'medium', 'high'])

export const disputes = pgTable(
  'disputes',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    incidentId: bigint('incident_id', { mode: 'number' }).references(() => incidents.id),
    type: disputeType('type').notNull(),
    risk: riskLevel('risk').notNull(),
    tier: disputeTier('tier').notNull().default('grid'),
    status: disputeStatus('status').notNull().default('collected'),
    summary: text('summary').notNull(),
    geom: point('geom').notNull(),
    gridId: integer('grid_id').references(() => grids.id),
    versionId: integer('version_id').references(() => boundaryVersions.id),
    mediatorId: integer('mediator_id').references(() => people.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    outcome: disputeOutcome('outcome'),
    agreement: text('agreement'),
    /** 司法确认: asked of the court, then granted or refused by it. */
    judicialRequestedOn: date('judicial_requested_on'),
    judicialConfirmedOn: date('judicial_confirmed_on'),
    judicialRefusedOn: date('judicial_refused_on'),
    /** 回访: the follow-up visit, scheduled then made. */
    followUpOn: date('follow_up_on'),
    followedUpOn: date('followed_up_on'),
    followUpNote: text('follow_up_note'),
    /** Evaluation by the parties, 1–5. */
    rating: integer('rating'),
    /** 民转刑: the dispute turned into a criminal case. */
    turnedCriminal: boolean('turned_criminal').notNull().default(false),
  },
  (t) => [
    index('disputes_geom_gist').using('gist', t.geom),
    index('disputes_grid_idx').on(t.gridId),
    index('disputes_status_idx').on(t.status),
    check('disputes_closed_after_open', sql`${t.closedAt} is null or ${t.closedAt} >= ${t.openedAt}`),
    check('disputes_rating_range', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
)

/** Parties of a dispute: personal data, readable only by roles that need it (audited). */
export const disputeParties = pgTable(
  'dispute_parties',
  {
    id: serial('id').primaryKey(),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    phone: text('phone'),
    role: text('role').notNull(),
  },
  (t) => [index('dispute_parties_dispute_idx').on(t.disputeId)],
)

/** Timeline of a case: every change, who made it and when. */
export const disputeEvents = pgTable(
  'dispute_events',
  {
    id: serial('id').primaryKey(),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: disputeStatus('from_status'),
    toStatus: disputeStatus('to_status'),
    note: text('note'),
  },
  (t) => [index('dispute_events_dispute_idx').on(t.disputeId, t.at)],
)

export const disputeDocumentKind = pgEnum('dispute_document_kind', ['agreement', 'judicial_ruling', 'other'])

/** Raw bytes; written and read through encode/decode in SQL, which both drivers pass as text. */
const bytea = customType<{ data: string; driverData: string }>({ dataType: () => 'bytea' })

/**
 * Signed papers of a case (调解协议书, 司法确认裁定书): scans or PDFs kept in the database, so a backup
 * holds them with the case. They name the parties: read like the parties, audited.
 */
export const disputeDocuments = pgTable(
  'dispute_documents',
  {
    id: serial('id').primaryKey(),
    disputeId: integer('dispute_id')
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    kind: disputeDocumentKind('kind').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dispute_documents_dispute_idx').on(t.disputeId),
    check('dispute_documents_size', sql`${t.byteSize} > 0 and ${t.byteSize} = octet_length(${t.content})`),
  ],
)
