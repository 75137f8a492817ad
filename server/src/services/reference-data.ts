import { incidentCategories } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../db/client'
import { incidentCategories as categoriesTable } from '../db/schema'

/** Code tables every database needs, demo or not. Idempotent: run at every start. */
export async function ensureReferenceData(db: Database) {
  await db
    .insert(categoriesTable)
    .values(incidentCategories.map(({ code, nameZh, nameEn, policeMatter, defaultPriority, color }) => ({ code, nameZh, nameEn, policeMatter, defaultPriority, color })))
    .onConflictDoUpdate({
      target: categoriesTable.code,
      set: {
        nameZh: sql`excluded.name_zh`,
        nameEn: sql`excluded.name_en`,
        policeMatter: sql`excluded.police_matter`,
        defaultPriority: sql`excluded.default_priority`,
        color: sql`excluded.color`,
      },
    })
}
