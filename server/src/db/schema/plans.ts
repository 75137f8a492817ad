import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core'
import { adminAreas } from './admin'
import { users } from './auth'
import { boundaryVersions, gridKind, grids } from './grids'
import { people } from './people'
import { multiPolygon } from './geometry'

export const planStatus = pgEnum('grid_plan_status', ['draft', 'published', 'discarded'])

/**
 * A planner's draft of the grids of one community or township (网格规划方案), drafted from the boundary
 * version then in force. Several drafts may exist, each with its author; publishing one turns the
 * version in force plus this plan's grids into a new version.
 */
export const gridPlans = pgTable(
  'grid_plans',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    note: text('note'),
    status: planStatus('status').notNull().default('draft'),
    /** The community or township the plan redraws. */
    areaId: integer('area_id')
      .notNull()
      .references(() => adminAreas.id),
    /** The version the plan was drafted from; publishing checks it is still the one in force. */
    baseVersionId: integer('base_version_id')
      .notNull()
      .references(() => boundaryVersions.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every save: a save carrying an older revision is refused (two tabs, two planners). */
    revision: integer('revision').notNull().default(1),
    publishedVersionId: integer('published_version_id').references(() => boundaryVersions.id),
  },
  (t) => [index('grid_plans_area_idx').on(t.areaId), check('grid_plans_published_has_version', sql`${t.status} <> 'published' or ${t.publishedVersionId} is not null`)],
)

/** The grids of a plan. `sourceGridId` is the grid of the base version it was drawn from (codes are kept for unchanged grids). */
export const gridPlanGrids = pgTable(
  'grid_plan_grids',
  {
    id: serial('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => gridPlans.id, { onDelete: 'cascade' }),
    /** The planner's handle for this grid within the plan (stable across saves: "g1", a source code …). */
    key: text('key').notNull(),
    sourceGridId: integer('source_grid_id').references(() => grids.id),
    /** The 15-digit code it carries (inherited from its source grid or from an imported file); null = to be numbered. */
    code: text('code'),
    name: text('name').notNull(),
    kind: gridKind('kind').notNull().default('base'),
    communityId: integer('community_id')
      .notNull()
      .references(() => adminAreas.id),
    responsibleOfficerId: integer('responsible_officer_id').references(() => people.id),
    /** May be invalid (a bow-tie mid-edit): validation reports it, publishing refuses it. */
    geom: multiPolygon('geom').notNull(),
  },
  (t) => [
    unique('grid_plan_grids_plan_key_unique').on(t.planId, t.key),
    index('grid_plan_grids_geom_gist').using('gist', t.geom),
    check('grid_plan_grids_code_15_digits', sql`${t.code} is null or ${t.code} ~ '^[0-9]{15}$'`),
  ],
)
