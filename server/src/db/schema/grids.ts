import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core'
import { adminAreas } from './admin'
import { multiPolygon } from './geometry'

export const versionStatus = pgEnum('boundary_version_status', ['draft', 'published', 'retired'])
/** base = 基础网格, dedicated = 专属网格 (a school, a market, an industrial park). */
export const gridKind = pgEnum('grid_kind', ['base', 'dedicated'])

/** Grids live in versions: draft → published (effective_from) → retired (effective_to). */
export const boundaryVersions = pgTable(
  'boundary_versions',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    status: versionStatus('status').notNull().default('draft'),
    author: text('author').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }),
    effectiveTo: timestamp('effective_to', { withTimezone: true }),
  },
  (t) => [
    check('boundary_versions_published_has_start', sql`${t.status} = 'draft' or ${t.effectiveFrom} is not null`),
    check('boundary_versions_period_order', sql`${t.effectiveTo} is null or ${t.effectiveTo} > ${t.effectiveFrom}`),
  ],
)

export const grids = pgTable(
  'grids',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => boundaryVersions.id),
    /** 6-digit county + 3-digit street + 3-digit community + 3-digit sequence (west→east, north→south). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: gridKind('kind').notNull().default('base'),
    communityId: integer('community_id').notNull().references(() => adminAreas.id),
    population: integer('population').notNull().default(0),
    households: integer('households').notNull().default(0),
    geom: multiPolygon('geom').notNull(),
  },
  (t) => [
    unique('grids_version_code_unique').on(t.versionId, t.code),
    index('grids_geom_gist').using('gist', t.geom),
    index('grids_community_idx').on(t.communityId),
    check('grids_code_15_digits', sql`${t.code} ~ '^[0-9]{15}$'`),
    check('grids_population_non_negative', sql`${t.population} >= 0 and ${t.households} >= 0`),
  ],
)
