import { doublePrecision, index, integer, pgTable, serial, timestamp } from 'drizzle-orm/pg-core'
import { roadClass } from './basemap'
import { grids } from './grids'
import { lineString, multiLineString, point } from './geometry'

/**
 * Camera coverage of each grid, for every camera and for the online ones only. Rows are dropped by
 * triggers when a view area, a camera's status or a road in the grid changes, and computed again on the
 * next read (a missing row is a stale one), so a camera edit costs a few grids, not the county.
 */
export const gridCoverage = pgTable(
  'grid_coverage',
  {
    gridId: integer('grid_id')
      .primaryKey()
      .references(() => grids.id, { onDelete: 'cascade' }),
    areaM2: doublePrecision('area_m2').notNull(),
    areaSeenM2: doublePrecision('area_seen_m2').notNull(),
    areaSeenOnlineM2: doublePrecision('area_seen_online_m2').notNull(),
    roadM: doublePrecision('road_m').notNull(),
    roadSeenM: doublePrecision('road_seen_m').notNull(),
    roadSeenOnlineM: doublePrecision('road_seen_online_m').notNull(),
    cameras: integer('cameras').notNull(),
    camerasOnline: integer('cameras_online').notNull(),
    /** Road stretches inside the grid that no camera sees (blind spots), for each camera set. */
    blindAll: multiLineString('blind_all'),
    blindOnline: multiLineString('blind_online'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('grid_coverage_blind_online_gist').using('gist', t.blindOnline), index('grid_coverage_blind_all_gist').using('gist', t.blindAll)],
)

/** Road network nodes (road ends and crossings), built from `roads` by PostGIS; emptied when roads change. */
export const roadNodes = pgTable('road_nodes', { id: serial('id').primaryKey(), geom: point('geom').notNull() }, (t) => [index('road_nodes_geom_gist').using('gist', t.geom)])

/** Road network edges between two nodes, with the class of the road they run on. */
export const roadEdges = pgTable(
  'road_edges',
  {
    id: serial('id').primaryKey(),
    source: integer('source')
      .notNull()
      .references(() => roadNodes.id, { onDelete: 'cascade' }),
    target: integer('target')
      .notNull()
      .references(() => roadNodes.id, { onDelete: 'cascade' }),
    class: roadClass('class').notNull(),
    lengthM: doublePrecision('length_m').notNull(),
    geom: lineString('geom').notNull(),
  },
  (t) => [index('road_edges_geom_gist').using('gist', t.geom)],
)
