import { describe, expect, it } from 'vitest'
import { BoundaryFileError, boundaryLimits, readBoundaryFile } from './boundaries'

type Position = number[]
const encode = (text: string) => new TextEncoder().encode(text)
const featureCollection = (features: unknown[]) => ({ type: 'FeatureCollection', features })
const polygonFeature = (ring: Position[], properties: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } })
const readJson = (value: unknown) => readBoundaryFile(encode(JSON.stringify(value)), 'grids.geojson')

/** A closed square ring of side `size` degrees at (lon, lat). */
const square = (lon: number, lat: number, size = 0.01): Position[] => [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]

/** A closed ring of `n` vertices on a circle of ~1 km around a point in the demo county (Zhuji). */
const circle = (n: number): Position[] => {
  const ring = Array.from({ length: n - 1 }, (_, i): Position => {
    const a = (2 * Math.PI * i) / (n - 1)
    return [Number((120.2 + 0.01 * Math.cos(a)).toFixed(7)), Number((29.7 + 0.01 * Math.sin(a)).toFixed(7))]
  })
  return [...ring, ring[0]!]
}

/** The refusal of `promise`, which must be a BoundaryFileError. */
const refusal = async (promise: Promise<unknown>): Promise<BoundaryFileError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BoundaryFileError)
  return error as BoundaryFileError
}

describe('boundary file limits', () => {
  it('accepts an ordinary FeatureCollection of two grids', async () => {
    const file = await readJson(featureCollection([polygonFeature(square(120.2, 29.7), { name: '东区网格', code: '330681001001001' }), polygonFeature(square(120.21, 29.7), { name: '西区网格' })]))
    expect(file.format).toBe('geojson')
    expect(file.skipped).toEqual([])
    expect(file.features.map((f) => f.properties.name)).toEqual(['东区网格', '西区网格'])
    expect(file.features[1]!.geometry.coordinates).toEqual([square(120.21, 29.7)])
  })

  it('refuses a 1,000,000-vertex polygon quickly, naming the feature', async () => {
    const bytes = encode(JSON.stringify(featureCollection([polygonFeature(square(120.2, 29.7)), polygonFeature(circle(1_000_000))])))
    expect(bytes.length).toBeGreaterThan(20_000_000)
    const started = performance.now()
    const error = await refusal(readBoundaryFile(bytes, 'grids.geojson'))
    expect(performance.now() - started).toBeLessThan(3000)
    expect(error.field).toBe('features.1.geometry.coordinates')
    expect(error.message).toBe(`features.1: polygon has 1000000 vertices; at most ${boundaryLimits.maxVerticesPerFeature} per feature`)
  })

  it('refuses 10,001 features', async () => {
    const features = Array.from({ length: boundaryLimits.maxFeatures + 1 }, (_, i) => polygonFeature(square(120 + (i % 100) * 0.001, 29.6 + Math.floor(i / 100) * 0.001, 0.001)))
    const error = await refusal(readJson(featureCollection(features)))
    expect(error.field).toBe('features')
    expect(error.message).toMatch(/10001 features; at most 10000/)
  })

  it('refuses a file whose features together pass 2,000,000 vertices, each within its own limit', async () => {
    const ring = circle(boundaryLimits.maxVerticesPerFeature)
    const features = Array.from({ length: boundaryLimits.maxVerticesPerFile / ring.length + 1 }, () => polygonFeature(ring))
    const error = await refusal(readJson(featureCollection(features)))
    expect(error.field).toBe('features')
    expect(error.message).toBe('features.20: the file reaches 2100000 vertices here; at most 2000000 in the whole file')
  })

  it('refuses a position that JSON.parse turns into Infinity (1e400)', async () => {
    const text = JSON.stringify(featureCollection([polygonFeature(square(120.2, 29.7)), polygonFeature(square(120.21, 29.7))])).replace('[120.21,29.7]', '[1e400,29.7]')
    expect(text).toContain('1e400')
    const error = await refusal(readBoundaryFile(encode(text), 'grids.geojson'))
    expect(error.field).toBe('features.1.geometry.coordinates.0.0')
    expect(error.message).toMatch(/^features\.1: longitude Infinity is not a finite number/)
  })

  it('refuses a latitude of 95', async () => {
    const ring = square(120.2, 29.7)
    ring[2] = [120.21, 95]
    const error = await refusal(readJson(featureCollection([polygonFeature(ring)])))
    expect(error.field).toBe('features.0.geometry.coordinates.0.2')
    expect(error.message).toMatch(/^features\.0: latitude 95 is outside \[-90, 90\]/)
  })

  it('refuses a coordinate given as a string', async () => {
    const ring: unknown[] = square(120.2, 29.7)
    ring[1] = [120.21, '29.7']
    const error = await refusal(readJson(featureCollection([polygonFeature(square(120.3, 29.7)), polygonFeature(square(120.31, 29.7)), polygonFeature(ring as Position[])])))
    expect(error.field).toBe('features.2.geometry.coordinates.0.1')
    expect(error.message).toMatch(/^features\.2: latitude "29\.7" is not a finite number/)
  })

  it('refuses JSON nested 1000 deep without overflowing the stack', async () => {
    const deep = `${'['.repeat(1000)}120.2${']'.repeat(1000)}`
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${deep}}}]}`
    const error = await refusal(readBoundaryFile(encode(text), 'grids.geojson'))
    expect(error.field).toBe('file')
    expect(error.message).toMatch(/more than 64 levels deep/)
    // Brackets inside strings are text, not nesting.
    const named = await readJson(featureCollection([polygonFeature(square(120.2, 29.7), { name: '['.repeat(1000) })]))
    expect(named.features).toHaveLength(1)
  })

  it('refuses coordinates nested deeper than a MultiPolygon', async () => {
    const geometry = { type: 'MultiPolygon', coordinates: [[[square(120.2, 29.7)]]] }
    const error = await refusal(readJson(featureCollection([{ type: 'Feature', properties: {}, geometry }])))
    expect(error.field).toBe('features.0.geometry.coordinates.0.0.0')
    expect(error.message).toMatch(/nested deeper than a MultiPolygon allows/)
  })

  it('refuses a GeometryCollection inside a GeometryCollection', async () => {
    const inner = { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [square(120.2, 29.7)] }] }
    const outer = { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [square(120.21, 29.7)] }, inner] }
    const error = await refusal(readJson(featureCollection([polygonFeature(square(120.3, 29.7)), { type: 'Feature', properties: {}, geometry: outer }])))
    expect(error.field).toBe('features.1.geometry.geometries.1')
    expect(error.message).toMatch(/^features\.1: a GeometryCollection inside a GeometryCollection/)
  })

  it('checks KML too: a latitude out of range is refused', async () => {
    const placemark = (coordinates: string) => `<Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>${coordinates}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`
    const kml = `<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemark('120.2,29.7 120.21,29.7 120.21,29.71 120.2,29.7')}${placemark('120.2,29.7 120.21,95 120.21,29.71 120.2,29.7')}</Document></kml>`
    const error = await refusal(readBoundaryFile(encode(kml), 'grids.kml'))
    expect(error.field).toBe('features.1.geometry.coordinates.0.1')
    const broken = await refusal(readBoundaryFile(encode('<kml><Document></kml>'), 'grids.kml'))
    expect(broken.field).toBe('file')
  })
})
