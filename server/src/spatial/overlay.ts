import { sql, type SQL } from 'drizzle-orm'

/**
 * Grid size in degrees (about 0.1 mm) passed to every overlay (ST_Union, ST_Intersection,
 * ST_Difference): fixed-precision overlay snap-rounds and never fails on near-coincident edges.
 * Why: floating overlay throws a GEOS TopologyException on such edges (overlapping camera view areas,
 * identical buffered roads). PostGIS reports it as an error; PGlite's WASM build silently ends the whole
 * statement with no rows instead — an insert then stores nothing and a select returns nothing.
 */
export const OVERLAY_GRID = sql.raw('1e-9')

/**
 * The same outline, allowing for coordinates rounded on the way through the editor (9 decimals, the
 * overlay grid): exactly equal, or nowhere more than 1e-8° (~1 mm) apart.
 */
export const sameOutline = (a: SQL, b: SQL) => sql`(ST_Equals(${a}, ${b}) or ST_HausdorffDistance(${a}, ${b}) < 1e-8)`
