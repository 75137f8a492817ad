import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The live feed's event log. Rows are written by statement-level triggers in the same transaction as
 * the change (so every source and every server instance produces them) and announced with NOTIFY.
 * SSE clients resume from their Last-Event-ID by reading this table: nothing lost, nothing twice.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    entityId: bigint('entity_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('live_events_created_idx').on(t.createdAt)],
)
