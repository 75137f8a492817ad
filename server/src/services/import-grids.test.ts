import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { fromWgs84, readBoundaryFile, type BoundaryFile } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { FeatureCollection } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { importGrids } from './import-grids'
import { ensureReferenceData } from './reference-data'

const require = createRequire(import.meta.url)
const fixtures = resolve(import.meta.dirname, '../../../data/fixtures')
let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDatabase()
  await ensureReferenceData(handle.db)
})
afterAll(() => handle.close())

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(handle.db, q)
const geojsonFile = (fc: FeatureCollection): BoundaryFile => ({ features: fc.features as BoundaryFile['features'], skipped: [], format: 'geojson' })

describe('importing grid boundaries', () => {
  it('imports real police beats (Seattle, GeoJSON) into an empty database with a default hierarchy', async () => {
    const path = require.resolve('seattle-boundaries-data/data/spd-beats.geojson')
    const file = await readBoundaryFile(readFileSync(path), 'spd-beats.geojson')
    expect(file.features).toHaveLength(51)
    const result = await importGrids(handle.db, file, { author: 'test' })
    expect(result).toMatchObject({ status: 'published', grids: 51, defaultHierarchy: true, rejected: [] })
    const grids = await rows<{ code: string; name: string; area: number }>(sql`
      select code, name, ST_Area(geom::geography) as area from grids where version_id = ${result.versionId} order by code`)
    expect(grids).toHaveLength(51)
    expect(new Set(grids.map((g) => g.code)).size).toBe(51)
    expect(grids.every((g) => /^990000001001\d{3}$/.test(g.code))).toBe(true)
    expect(grids.map((g) => g.name)).toContain('B1')
    // Real beats are a few square kilometres each.
    expect(grids.reduce((s, g) => s + g.area, 0) / 51 / 1e6).toBeGreaterThan(2)
    // The default community covers what was imported, so incidents there can be placed.
    const [cover] = await rows<{ outside: number }>(sql`
      select count(*)::int as outside from grids g, admin_areas a
      where a.code = '990000001001' and g.version_id = ${result.versionId} and not ST_Covers(a.geom, ST_PointOnSurface(g.geom))`)
    expect(cover!.outside).toBe(0)
  })

  it('imports a second file as a draft version, leaving the published one in force', async () => {
    const file = await readBoundaryFile(readFileSync(resolve(fixtures, 'two-grids.kml')), 'two-grids.kml')
    expect(file.format).toBe('kml')
    expect(file.skipped).toEqual([{ index: 2, reason: 'LineString is not an area' }])
    const result = await importGrids(handle.db, file, { author: 'test' })
    expect(result.status).toBe('draft')
    const grids = await rows<{ code: string; name: string }>(sql`select code, name from grids where version_id = ${result.versionId} order by name`)
    // The code given in the file is kept; the other grid is numbered.
    expect(grids).toEqual([
      { code: '990000001001001', name: '东区网格' },
      { code: '990000001001011', name: '西区网格' },
    ])
    expect(result.rejected).toEqual([{ index: 2, field: 'geometry', reason: 'LineString is not an area' }])
  })

  it('honours the .prj of a zipped Shapefile in CGCS2000 Gauss-Krüger (EPSG:4549)', async () => {
    const shpwrite = require('@mapbox/shp-write') as { zip: (fc: FeatureCollection, o: object) => Promise<Uint8Array> }
    const toGk = fromWgs84('EPSG:4549')
    const square = (w: number, s: number, e: number, n: number) => [[w, s], [e, s], [e, n], [w, n], [w, s]].map(([x, y]) => toGk(x!, y!))
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { NAME: 'Fengqiao-01' }, geometry: { type: 'Polygon', coordinates: [square(120.24, 29.7, 120.25, 29.71)] } }],
    }
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const zip = await shpwrite.zip(fc, { outputType: 'uint8array', compression: 'STORE', prj })
    const file = await readBoundaryFile(zip, 'grids.zip')
    expect(file.format).toBe('shapefile')
    const result = await importGrids(handle.db, file, { author: 'test' })
    const [grid] = await rows<{ name: string; lon: number; lat: number }>(sql`
      select name, ST_X(ST_Centroid(geom)) as lon, ST_Y(ST_Centroid(geom)) as lat from grids where version_id = ${result.versionId}`)
    expect(grid!.name).toBe('Fengqiao-01')
    expect(grid!.lon).toBeCloseTo(120.245, 4)
    expect(grid!.lat).toBeCloseTo(29.705, 4)
  })

  it('rejects a self-intersecting polygon with the reason and location, keeping the valid ones', async () => {
    const bowTie = { type: 'Feature', properties: { name: '蝴蝶结' }, geometry: { type: 'Polygon', coordinates: [[[120.3, 29.7], [120.31, 29.71], [120.31, 29.7], [120.3, 29.71], [120.3, 29.7]]] } }
    const good = { type: 'Feature', properties: { name: '正常' }, geometry: { type: 'Polygon', coordinates: [[[120.32, 29.7], [120.33, 29.7], [120.33, 29.71], [120.32, 29.71], [120.32, 29.7]]] } }
    const result = await importGrids(handle.db, geojsonFile({ type: 'FeatureCollection', features: [bowTie, good] } as FeatureCollection), { author: 'test' })
    const hollow = await readBoundaryFile(new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon' } }] })), 'x.geojson')
    expect(hollow.skipped).toEqual([{ index: 0, reason: 'Polygon without coordinates' }])
    expect(result.grids).toBe(1)
    expect(result.rejected).toHaveLength(1)
    expect(result.rejected[0]!.index).toBe(0)
    expect(result.rejected[0]!.reason).toMatch(/Self-intersection\[120\.305 29\.705\]/)
  })

  it('refuses a file without any valid polygon and stores nothing', async () => {
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from boundary_versions`)
    const outOfRange = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[500000, 3290000], [500100, 3290000], [500100, 3290100], [500000, 3290000]]] } }
    await expect(importGrids(handle.db, geojsonFile({ type: 'FeatureCollection', features: [outOfRange] } as FeatureCollection), { author: 'test' })).rejects.toThrow(/no valid grid polygon/)
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from boundary_versions`)).toEqual(before)
  })
})
