import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fromWgs84 } from '@gridwatch/data'
import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliWorkspace } from '../helpers/cli'

const require = createRequire(import.meta.url)
const beats = require.resolve('seattle-boundaries-data/data/spd-beats.geojson')
const schools = JSON.parse(readFileSync(require.resolve('seattle-boundaries-data/data/sps_school_site_2015_2016.geojson'), 'utf8')) as FeatureCollection<Point, { PROPERTY_L: string }>

/** Even-odd point-in-polygon on the beats, independent of PostGIS and of GridWatch. */
function beatOf(lon: number, lat: number, polygons: FeatureCollection<MultiPolygon, { name: string }>) {
  const inRing = (ring: number[][]) => {
    let inside = false
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside
    }
    return inside
  }
  return polygons.features.find((f) => f.geometry.coordinates.some((poly) => inRing(poly[0]!) && !poly.slice(1).some(inRing)))?.properties.name
}

describe('command line round trip on real files: import grids → import incidents → export', () => {
  let ws: Awaited<ReturnType<typeof createCliWorkspace>>
  beforeAll(async () => {
    ws = await createCliWorkspace()
  })
  afterAll(() => ws?.dispose())

  it('imports the Seattle police beats as grids', async () => {
    const r = await ws.run(['import', 'grids', beats])
    expect(r.stderr).not.toMatch(/Error/)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('geojson: 51 grids stored as boundary version 1 (published), in a default county/township/community')
  })

  it('imports incidents from CSV files in WGS84 and GCJ-02, rejecting the broken rows with their line numbers', async () => {
    const toGcj = fromWgs84('gcj02')
    const header = 'case_no,longitude,latitude,received,type,place\n'
    const rows = schools.features.map((f, i) => `SEA-${i},${f.geometry.coordinates[0]},${f.geometry.coordinates[1]},2026-03-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00,theft,"${f.properties.PROPERTY_L}"`)
    rows.splice(5, 0, 'SEA-BAD-1,-122.3,north,2026-03-01 10:00:00,theft,broken latitude')
    rows.splice(9, 0, 'SEA-BAD-2,-122.3,47.6,last tuesday,theft,broken time')
    writeFileSync(join(ws.dir, 'incidents.csv'), header + rows.join('\n') + '\n')
    const wgs = await ws.run(['import', 'incidents', 'incidents.csv', '--lon', 'longitude', '--lat', 'latitude', '--id', 'case_no', '--time', 'received', '--category', 'type', '--address', 'place'])
    expect(wgs.code).toBe(0)
    expect(wgs.stdout).toMatch(new RegExp(`read ${schools.features.length + 2}, stored ${schools.features.length} .* rejected 2`))
    const rejects = readFileSync(join(ws.dir, 'incidents.csv.rejects.csv'), 'utf8').trim().split('\n')
    expect(rejects).toEqual(['line,field,reason', '7,"latitude","not a number: \\"north\\""', '11,"received","unreadable time: \\"last tuesday\\""'])
    // The same sites as a web map (GCJ-02) would give them, under other case numbers.
    const gcj = schools.features.map((f, i) => {
      const [x, y] = toGcj(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!)
      return `GCJ-${i},${x},${y},2026-03-01 10:00:00,theft,"${f.properties.PROPERTY_L}"`
    })
    writeFileSync(join(ws.dir, 'gcj.csv'), header + gcj.join('\n') + '\n')
    const r = await ws.run(['import', 'incidents', 'gcj.csv', '--lon', 'longitude', '--lat', 'latitude', '--id', 'case_no', '--time', 'received', '--category', 'type', '--crs', 'gcj02'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`stored ${schools.features.length}`)
    // Re-importing the same file changes nothing.
    const again = await ws.run(['import', 'incidents', 'gcj.csv', '--lon', 'longitude', '--lat', 'latitude', '--id', 'case_no', '--time', 'received', '--category', 'type', '--crs', 'gcj02'])
    expect(again.stdout).toContain(`stored 0 (assigned 0, nearest 0, unassigned 0), already stored ${schools.features.length}`)
  })

  it('exports every incident with the beat it fell in, as an independent point-in-polygon test says', async () => {
    const r = await ws.run(['export', 'incidents', '--out', 'export.csv'])
    expect(r.code).toBe(0)
    const [header, ...lines] = readFileSync(join(ws.dir, 'export.csv'), 'utf8').trim().split('\n')
    expect(header).toBe('external_id,source,longitude,latitude,reported_at,category,grid_code,grid_name,assignment,assignment_distance_m,responsible_person,responsibility,address,accepted_at,on_scene_at,closed_at')
    expect(lines).toHaveLength(schools.features.length * 2)
    const polygons = JSON.parse(readFileSync(beats, 'utf8')) as FeatureCollection<MultiPolygon, { name: string }>
    const byId = new Map(lines.map((l) => [l.split(',')[0]!, l.split(',')]))
    let compared = 0
    schools.features.forEach((f, i) => {
      const expected = beatOf(f.geometry.coordinates[0]!, f.geometry.coordinates[1]!, polygons)
      for (const id of [`SEA-${i}`, `GCJ-${i}`]) {
        const row = byId.get(id)!
        if (expected) {
          expect(row[7], id).toBe(expected)
          expect(row[8], id).toMatch(/contains|edge/)
          compared++
        } else {
          expect(row[8], id).toMatch(/nearest|unassigned/)
        }
      }
    })
    expect(compared).toBeGreaterThan(150)
  })

  it('imports a camera registry CSV all or nothing, naming the line of a bad row', async () => {
    const header = 'code,name,lon,lat,bearing,fov,rangeM,heightM,kind,owner\n'
    const cameras = schools.features.slice(0, 40).map((f, i) => `SEA-CAM-${i},"${f.properties.PROPERTY_L} gate",${f.geometry.coordinates[0]},${f.geometry.coordinates[1]},${(i * 37) % 360},60,50,6,fixed,public`)
    writeFileSync(join(ws.dir, 'cameras.csv'), header + cameras.join('\n') + '\n')
    const first = await ws.run(['import', 'cameras', 'cameras.csv'])
    expect(first.stderr).not.toMatch(/Error/)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('cameras: read 40, new 40, updated 0')
    // One new camera and a row with a bearing of 400°: refused by line, and the new one is not stored.
    writeFileSync(join(ws.dir, 'bad.csv'), `${header}SEA-CAM-NEW,new,-122.3,47.6,10,60,50,6,fixed,public\nSEA-CAM-0,x,-122.3,47.6,400,60,50,6,fixed,public\n`)
    const bad = await ws.run(['import', 'cameras', 'bad.csv'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/line 3: bearing/)
    const again = await ws.run(['import', 'cameras', 'cameras.csv'])
    expect(again.stdout).toContain('cameras: read 40, new 0, updated 40')
  })

  it('stops with one clear line when the output cannot be written', async () => {
    const r = await ws.run(['export', 'incidents', '--out', '/no/such/folder/x.csv'])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n').at(-1)).toBe('[gridwatch] Cannot write /no/such/folder/x.csv: ENOENT')
  })
})
