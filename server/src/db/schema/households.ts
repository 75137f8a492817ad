import { date, index, integer, pgEnum, pgTable, serial, text } from 'drizzle-orm/pg-core'
import { buildings } from './basemap'
import { point } from './geometry'

/** 家庭评估分色. Sensitive: individual rows only for roles that need them, every read audited. */
export const riskColour = pgEnum('risk_colour', ['green', 'yellow', 'orange', 'red'])

export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id').references(() => buildings.id),
    address: text('address').notNull(),
    headName: text('head_name').notNull(),
    members: integer('members').notNull(),
    colour: riskColour('colour').notNull(),
    reason: text('reason'),
    reviewedOn: date('reviewed_on').notNull(),
    nextReviewOn: date('next_review_on').notNull(),
    geom: point('geom').notNull(),
  },
  (t) => [index('households_geom_gist').using('gist', t.geom), index('households_colour_idx').on(t.colour)],
)
