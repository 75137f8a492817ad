import { sql } from 'drizzle-orm'
import { boolean, check, date, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { adminAreas, stations } from './admin'
import { grids } from './grids'

/** 民警, 辅警, 网格员, 义警, 警务助理, 调解员. */
export const personRole = pgEnum('person_role', [
  'police_officer',
  'auxiliary_officer',
  'grid_worker',
  'volunteer_police',
  'police_assistant',
  'mediator',
])
/** 网格长 (one police officer), 网格助理 (one auxiliary), 网格员 (several). */
export const gridDutyRole = pgEnum('grid_duty_role', ['responsible_officer', 'assistant', 'grid_worker'])

export const people = pgTable(
  'people',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    role: personRole('role').notNull(),
    badgeNo: text('badge_no'),
    phone: text('phone').notNull(),
    stationId: integer('station_id').references(() => stations.id),
    /** For mediators: the panel or organisation (老娘舅 panel, law firm, volunteer team). */
    organisation: text('organisation'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    index('people_station_idx').on(t.stationId),
    check('people_officer_has_badge', sql`${t.role} <> 'police_officer' or ${t.badgeNo} is not null`),
  ],
)

/** Standing duty of a person in a grid. Open-ended while `until` is null. */
export const gridDuties = pgTable(
  'grid_duties',
  {
    id: serial('id').primaryKey(),
    gridId: integer('grid_id').notNull().references(() => grids.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => people.id),
    duty: gridDutyRole('duty').notNull(),
    since: date('since').notNull(),
    until: date('until'),
  },
  (t) => [
    index('grid_duties_grid_idx').on(t.gridId),
    index('grid_duties_person_idx').on(t.personId),
    // At most one current 网格长 and one current 网格助理 per grid.
    uniqueIndex('grid_duties_one_responsible_officer')
      .on(t.gridId)
      .where(sql`duty = 'responsible_officer' and until is null`),
    uniqueIndex('grid_duties_one_assistant').on(t.gridId).where(sql`duty = 'assistant' and until is null`),
    check('grid_duties_period_order', sql`${t.until} is null or ${t.until} >= ${t.since}`),
  ],
)

/** Duty roster: who is on duty for an area (community or township) during a shift. */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => people.id),
    areaId: integer('area_id').notNull().references(() => adminAreas.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('duty_shifts_area_time_idx').on(t.areaId, t.startsAt),
    check('duty_shifts_period_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)
