import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core'
import { stations } from './admin'
import { point } from './geometry'
import { boundaryVersions, grids } from './grids'
import { people } from './people'

export const incidentSource = pgEnum('incident_source', ['110', '12345', 'grid_report', 'camera_alert', 'walk_in', 'import'])
/**
 * How the grid was chosen: contains = inside a polygon, edge = on a shared edge (tie rule),
 * nearest = outside all grids but within tolerance, unassigned = beyond tolerance (review queue),
 * pending = not assigned yet.
 */
export const assignmentRule = pgEnum('assignment_rule', ['contains', 'edge', 'nearest', 'unassigned', 'pending'])
/** roster = officer on shift, grid_officer = the grid's 网格长, station_duty = the station's duty desk. */
export const responsibilityRule = pgEnum('responsibility_rule', ['roster', 'grid_officer', 'station_duty', 'none'])

/** Code table of incident categories (警情类别). Rows come from `@gridwatch/data` reference data. */
export const incidentCategories = pgTable('incident_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  /** false for 非警务 matters that go to the grid platform / 12345. */
  policeMatter: boolean('police_matter').notNull(),
  defaultPriority: smallint('default_priority').notNull(),
  color: text('color').notNull(),
})

export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: incidentSource('source').notNull(),
    externalId: text('external_id').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => incidentCategories.code),
    /** 1 = most urgent … 4 = routine. */
    priority: smallint('priority').notNull(),
    geom: point('geom').notNull(),
    address: text('address'),
    summary: text('summary'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    contactedAt: timestamp('contacted_at', { withTimezone: true }),
    onSceneAt: timestamp('on_scene_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Merged into this earlier report of the same matter (a duplicate the user confirmed). */
    mergedInto: bigint('merged_into', { mode: 'number' }),
    gridId: integer('grid_id').references(() => grids.id),
    versionId: integer('version_id').references(() => boundaryVersions.id),
    assignment: assignmentRule('assignment').notNull().default('pending'),
    /** Distance to the chosen grid for `nearest`, metres. */
    assignmentDistanceM: real('assignment_distance_m'),
    stationId: integer('station_id').references(() => stations.id),
    responsiblePersonId: integer('responsible_person_id').references(() => people.id),
    responsibility: responsibilityRule('responsibility').notNull().default('none'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('incidents_source_external_id_unique').on(t.source, t.externalId),
    index('incidents_geom_gist').using('gist', t.geom),
    index('incidents_reported_at_idx').on(t.reportedAt),
    index('incidents_grid_reported_idx').on(t.gridId, t.reportedAt),
    index('incidents_assignment_idx').on(t.assignment),
    check('incidents_priority_range', sql`${t.priority} between 1 and 4`),
    // The time chain only moves forward.
    check(
      'incidents_time_chain_order',
      sql`(${t.acceptedAt} is null or ${t.acceptedAt} >= ${t.reportedAt})
      and (${t.contactedAt} is null or ${t.contactedAt} >= coalesce(${t.acceptedAt}, ${t.reportedAt}))
      and (${t.onSceneAt} is null or ${t.onSceneAt} >= coalesce(${t.contactedAt}, ${t.acceptedAt}, ${t.reportedAt}))
      and (${t.closedAt} is null or ${t.closedAt} >= coalesce(${t.onSceneAt}, ${t.contactedAt}, ${t.acceptedAt}, ${t.reportedAt}))`,
    ),
  ],
)
