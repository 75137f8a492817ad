import { sql } from 'drizzle-orm'
import { check, date, index, integer, pgEnum, pgTable, real, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { adminAreas, stations } from './admin'
import { multiPolygon, point } from './geometry'

/** 警务室 (room), 警务站 (station), 24-hour self-service post. */
export const postKind = pgEnum('post_kind', ['room', 'station', 'self_service_24h'])
export const cameraKind = pgEnum('camera_kind', ['fixed', 'ptz', 'dome'])
export const cameraStatus = pgEnum('camera_status', ['online', 'offline', 'fault'])
/** public = 雪亮工程, community = 小区/村自建, private = registered private camera. */
export const cameraOwner = pgEnum('camera_owner', ['public', 'community', 'private'])
export const keySiteKind = pgEnum('key_site_kind', ['school', 'hospital', 'market', 'station', 'bank', 'government'])

export const policePosts = pgTable(
  'police_posts',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: postKind('kind').notNull(),
    stationId: integer('station_id').notNull().references(() => stations.id),
    communityId: integer('community_id').references(() => adminAreas.id),
    address: text('address').notNull(),
    staff: integer('staff').notNull().default(0),
    geom: point('geom').notNull(),
  },
  (t) => [
    index('police_posts_geom_gist').using('gist', t.geom),
    check('police_posts_staff_non_negative', sql`${t.staff} >= 0`),
  ],
)

export const cameras = pgTable(
  'cameras',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    geom: point('geom').notNull(),
    /** Degrees clockwise from north, 0–360. */
    bearing: real('bearing').notNull(),
    /** Horizontal field of view, degrees. */
    fov: real('fov').notNull(),
    /** Useful viewing distance, metres. */
    rangeM: real('range_m').notNull(),
    heightM: real('height_m').notNull(),
    kind: cameraKind('kind').notNull(),
    status: cameraStatus('status').notNull().default('online'),
    owner: cameraOwner('owner').notNull(),
    stationId: integer('station_id').references(() => stations.id),
    installedOn: date('installed_on'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cameras_geom_gist').using('gist', t.geom),
    check('cameras_bearing_range', sql`${t.bearing} >= 0 and ${t.bearing} <= 360`),
    check('cameras_fov_range', sql`${t.fov} >= 1 and ${t.fov} <= 360`),
    check('cameras_range_m_range', sql`${t.rangeM} >= 1 and ${t.rangeM} <= 500`),
    check('cameras_height_range', sql`${t.heightM} >= 0 and ${t.heightM} <= 100`),
  ],
)

/** A camera's view area: its sector in metres, occluded by buildings. Recomputed when inputs change. */
export const cameraViewAreas = pgTable(
  'camera_view_areas',
  {
    cameraId: integer('camera_id')
      .primaryKey()
      .references(() => cameras.id, { onDelete: 'cascade' }),
    geom: multiPolygon('geom').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('camera_view_areas_geom_gist').using('gist', t.geom)],
)

/** Schools, hospitals, markets, stations, bank branches: targets for camera coverage. */
export const keySites = pgTable(
  'key_sites',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    kind: keySiteKind('kind').notNull(),
    communityId: integer('community_id').references(() => adminAreas.id),
    geom: point('geom').notNull(),
    footprint: multiPolygon('footprint'),
  },
  (t) => [
    index('key_sites_geom_gist').using('gist', t.geom),
    index('key_sites_footprint_gist').using('gist', t.footprint),
  ],
)
