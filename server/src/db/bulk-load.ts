import { sql } from 'drizzle-orm'
import { queryRows, type Database } from './client'

/**
 * Runs a bulk load into `table` with its secondary indexes and foreign keys dropped, then restores
 * them from their own definitions (pg_indexes, pg_get_constraintdef), so the schema stays defined
 * once, in the migrations. Building an index once is far cheaper than maintaining it row by row, and
 * re-adding a foreign key checks every row in one set-based query instead of one trigger per row.
 * Primary key, unique and check constraints stay in force throughout; user triggers (the live feed) are
 * off for the load. Must run inside a transaction:
 * a failure (including a foreign key that no longer validates) rolls everything back.
 */
export async function withBulkLoad<T>(db: Database, table: string, load: () => Promise<T>): Promise<T> {
  const indexes = await queryRows<{ name: string; definition: string }>(db, sql`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)
  const foreignKeys = await queryRows<{ name: string; definition: string }>(db, sql`
    select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype = 'f' and conrelid = to_regclass(${table})`)
  for (const fk of foreignKeys) await db.execute(sql.raw(`alter table "${table}" drop constraint "${fk.name}"`))
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`))
  // A bulk load is history, not news: the live feed's triggers stay quiet.
  await db.execute(sql.raw(`alter table "${table}" disable trigger user`))
  const result = await load()
  await db.execute(sql.raw(`alter table "${table}" enable trigger user`))
  for (const index of indexes) await db.execute(sql.raw(index.definition))
  for (const fk of foreignKeys) await db.execute(sql.raw(`alter table "${table}" add constraint "${fk.name}" ${fk.definition}`))
  await db.execute(sql.raw(`analyze "${table}"`))
  return result
}
