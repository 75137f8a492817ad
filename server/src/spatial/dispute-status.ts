import { sql } from 'drizzle-orm'

/** Disputes still being worked on: neither closed, evaluated nor cancelled. */
export const openDisputeStatuses = sql`('collected','accepted','dispatched','handling','reported_back')`
