import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { adminAreas, stations } from './admin'
import { lineString, point } from './geometry'

/** 义警巡防 teams. */
export const patrolTeams = pgTable('patrol_teams', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  stationId: integer('station_id').references(() => stations.id),
  communityId: integer('community_id').references(() => adminAreas.id),
  members: integer('members').notNull(),
})

export const patrolTracks = pgTable(
  'patrol_tracks',
  {
    id: serial('id').primaryKey(),
    teamId: integer('team_id')
      .notNull()
      .references(() => patrolTeams.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    geom: lineString('geom').notNull(),
  },
  (t) => [
    index('patrol_tracks_geom_gist').using('gist', t.geom),
    check('patrol_tracks_period_order', sql`${t.endedAt} > ${t.startedAt}`),
  ],
)

export const patrolCheckins = pgTable(
  'patrol_checkins',
  {
    id: serial('id').primaryKey(),
    trackId: integer('track_id')
      .notNull()
      .references(() => patrolTracks.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note'),
    geom: point('geom').notNull(),
  },
  (t) => [index('patrol_checkins_geom_gist').using('gist', t.geom)],
)
