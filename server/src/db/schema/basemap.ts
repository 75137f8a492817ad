import { sql } from 'drizzle-orm'
import { check, index, integer, pgEnum, pgTable, serial, text } from 'drizzle-orm/pg-core'
import { lineString, multiPolygon } from './geometry'

export const roadClass = pgEnum('road_class', ['expressway', 'primary', 'secondary', 'street', 'village'])
export const buildingUse = pgEnum('building_use', ['residential', 'commercial', 'industrial', 'public', 'rural_house'])
export const waterKind = pgEnum('water_kind', ['river', 'lake', 'reservoir'])

export const roads = pgTable(
  'roads',
  {
    id: serial('id').primaryKey(),
    name: text('name'),
    class: roadClass('class').notNull(),
    geom: lineString('geom').notNull(),
  },
  (t) => [index('roads_geom_gist').using('gist', t.geom)],
)

/** Building footprints: basemap, population and households of grids, camera occlusion. */
export const buildings = pgTable(
  'buildings',
  {
    id: serial('id').primaryKey(),
    use: buildingUse('use').notNull(),
    floors: integer('floors').notNull(),
    households: integer('households').notNull().default(0),
    population: integer('population').notNull().default(0),
    geom: multiPolygon('geom').notNull(),
  },
  (t) => [
    index('buildings_geom_gist').using('gist', t.geom),
    check('buildings_floors_range', sql`${t.floors} between 1 and 120`),
    check('buildings_people_non_negative', sql`${t.households} >= 0 and ${t.population} >= 0`),
  ],
)

export const waterAreas = pgTable(
  'water_areas',
  {
    id: serial('id').primaryKey(),
    name: text('name'),
    kind: waterKind('kind').notNull(),
    geom: multiPolygon('geom').notNull(),
  },
  (t) => [index('water_areas_geom_gist').using('gist', t.geom)],
)
