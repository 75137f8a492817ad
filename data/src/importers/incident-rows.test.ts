import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { fromWgs84 } from './crs'
import { MissingColumnError, parseTime, readIncidentCsv, readIncidentGeoJson, type RowOutcome } from './incident-rows'

const collect = async (rows: AsyncIterable<RowOutcome>) => {
  const out: RowOutcome[] = []
  for await (const r of rows) out.push(r)
  return out
}
const options = { crs: 'wgs84' as const, fileKey: 'test.csv' }

describe('reading incident files', () => {
  it('reads a CSV with a BOM, Chinese headers and local times, naming the column of every bad row', async () => {
    const csv = '\uFEFF编号,经度,纬度,接警时间\nJ1,120.19,29.70,2026-02-10 10:00:00\nJ2,东经120度,29.70,2026-02-10 10:01\nJ3,120.19,29.70,2026/2/10 10:02\n'
    const rows = await collect(readIncidentCsv(Readable.from([csv]), { lon: '经度', lat: '纬度', id: '编号', time: '接警时间' }, options))
    expect(rows).toEqual([
      { line: 2, row: { source: 'import', externalId: 'J1', category: 'other', lon: 120.19, lat: 29.7, reportedAt: '2026-02-10T02:00:00.000Z' } },
      { line: 3, field: '经度', reason: 'not a number: "东经120度"' },
      { line: 4, row: expect.objectContaining({ externalId: 'J3', reportedAt: '2026-02-10T02:02:00.000Z' }) },
    ])
  })

  it('names the missing columns and the ones the file has', async () => {
    const rows = readIncidentCsv(Readable.from(['lng,lat\n1,2\n']), { lon: 'lon', lat: 'lat', time: 'when' }, options)
    await expect(collect(rows)).rejects.toThrow(new MissingColumnError('Column "lon" (--lon), "when" (--time) not found; the file has: lng, lat'))
  })

  it('gives rows without an id a stable id, so a re-import is recognised', async () => {
    const csv = 'x,y\n120.19,29.70\n120.2,29.71\n'
    const read = async () => (await collect(readIncidentCsv(Readable.from([csv]), { lon: 'x', lat: 'y' }, { ...options, defaultTime: '2026-01-01T00:00:00Z' }))).map((r) => ('row' in r ? r.row.externalId : ''))
    const [a, b] = await read()
    expect(a).toMatch(/^[0-9a-f]{24}$/)
    expect(a).not.toBe(b)
    expect(await read()).toEqual([a, b])
  })

  it('streams GeoJSON points with properties, converting GCJ-02 coordinates', async () => {
    const [gx, gy] = fromWgs84('gcj02')(120.19, 29.7)
    const doc = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [gx, gy] }, properties: { no: 'G1', t: '2026-02-10T10:00:00+08:00', kind: 'theft' } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: {} },
      ],
    })
    // Split into small chunks, as a network or disk stream would deliver it.
    const chunks = doc.match(/.{1,17}/gs)!
    const rows = await collect(readIncidentGeoJson(Readable.from(chunks), { id: 'no', time: 't', category: 'kind' }, { ...options, crs: 'gcj02' }))
    expect(rows[1]).toEqual({ line: 2, field: 'geometry', reason: 'not a Point: LineString' })
    const first = rows[0] as { row: { externalId: string; lon: number; lat: number; category: string } }
    expect(first.row).toMatchObject({ externalId: 'G1', category: 'theft' })
    expect(Math.abs(first.row.lon - 120.19) * 96_700).toBeLessThan(1)
    expect(Math.abs(first.row.lat - 29.7) * 110_900).toBeLessThan(1)
  })

  it('reads the time formats of Chinese exports and refuses the rest', () => {
    expect(parseTime('2026-02-10 10:00')).toBe('2026-02-10T02:00:00.000Z')
    expect(parseTime('2026-02-10T10:00:00Z')).toBe('2026-02-10T10:00:00.000Z')
    expect(parseTime('2026-02-30 10:00:00')).toBeUndefined()
    expect(parseTime('2026-02-30T10:00:00Z')).toBeUndefined()
    expect(parseTime('2026-02-28T23:30:00-02:00')).toBe('2026-03-01T01:30:00.000Z')
    expect(parseTime('0001-01-01 00:00:00')).toBeUndefined()
    expect(parseTime('10/02/2026')).toBeUndefined()
  })
})
