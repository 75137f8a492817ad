import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, serial, text, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { multiPolygon, point } from './geometry'

/** 区县 → 乡镇/街道 → 社区/村. GB/T 2260 county code (6 digits), township 9, community 12. */
export const adminLevel = pgEnum('admin_level', ['county', 'township', 'community'])
/** street = 街道, town = 镇, township = 乡; community = 社区 (urban), village = 村 (rural). */
export const adminKind = pgEnum('admin_kind', ['county', 'street', 'town', 'township', 'community', 'village'])

/** 派出所 with its jurisdiction. */
export const stations = pgTable(
  'stations',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    dutyPhone: text('duty_phone').notNull(),
    address: text('address').notNull(),
    location: point('location').notNull(),
    jurisdiction: multiPolygon('jurisdiction').notNull(),
  },
  (t) => [
    index('stations_location_gist').using('gist', t.location),
    index('stations_jurisdiction_gist').using('gist', t.jurisdiction),
  ],
)

export const adminAreas = pgTable(
  'admin_areas',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: adminLevel('level').notNull(),
    kind: adminKind('kind').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => adminAreas.id),
    stationId: integer('station_id').references(() => stations.id),
    geom: multiPolygon('geom').notNull(),
  },
  (t) => [
    index('admin_areas_geom_gist').using('gist', t.geom),
    index('admin_areas_parent_idx').on(t.parentId),
    check(
      'admin_areas_code_by_level',
      sql`(${t.level} = 'county' and ${t.code} ~ '^[0-9]{6}$')
       or (${t.level} = 'township' and ${t.code} ~ '^[0-9]{9}$')
       or (${t.level} = 'community' and ${t.code} ~ '^[0-9]{12}$')`,
    ),
    check('admin_areas_parent_required', sql`(${t.level} = 'county') = (${t.parentId} is null)`),
  ],
)
