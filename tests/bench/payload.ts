import { createRandom } from '@gridwatch/data'
import { encodeArrow } from '@gridwatch/server/bench'
import { tableFromIPC } from 'apache-arrow'

/**
 * The map's incident feed for N incidents: the Arrow columns the server sends (same encoder) against the
 * same rows as a GeoJSON FeatureCollection; bytes and the browser-side decode into usable columns.
 */
export function benchPayload(n: number) {
  const random = createRandom(5)
  const columns = {
    id: Int32Array.from({ length: n }, (_, i) => i + 1),
    lon: Float64Array.from({ length: n }, () => 120 + random.next() * 0.5),
    lat: Float64Array.from({ length: n }, () => 29.5 + random.next() * 0.4),
    time: Float64Array.from({ length: n }, () => 1.76e12 + Math.floor(random.next() * 3e10)),
    category: Uint8Array.from({ length: n }, () => random.int(0, 11)),
    grid: Int32Array.from({ length: n }, () => random.int(1, 800)),
    closed: Uint8Array.from({ length: n }, () => (random.chance(0.9) ? 1 : 0)),
    priority: Uint8Array.from({ length: n }, () => random.int(1, 4)),
  }
  const arrow = encodeArrow(columns, { categories: 'dispute,domestic,theft,fraud,fight,traffic,fire,assistance,noise,municipal,consumer,other' })
  const geojson = JSON.stringify({
    type: 'FeatureCollection',
    features: Array.from({ length: n }, (_, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [columns.lon[i], columns.lat[i]] },
      properties: { id: columns.id[i], time: columns.time[i], category: columns.category[i], grid: columns.grid[i], closed: columns.closed[i], priority: columns.priority[i] },
    })),
  })
  const geojsonBytes = Buffer.byteLength(geojson)
  // Decode as the browser does: into columns ready for the GPU.
  const decodeArrow = () => {
    const t = tableFromIPC(arrow)
    return ['lon', 'lat', 'time', 'category', 'grid'].map((c) => t.getChild(c)!.toArray())
  }
  const decodeGeojson = () => {
    const fc = JSON.parse(geojson) as { features: { geometry: { coordinates: number[] }; properties: Record<string, number> }[] }
    const lon = new Float64Array(fc.features.length)
    const lat = new Float64Array(fc.features.length)
    fc.features.forEach((f, i) => ((lon[i] = f.geometry.coordinates[0]!), (lat[i] = f.geometry.coordinates[1]!)))
    return [lon, lat]
  }
  const best = (fn: () => unknown) => {
    let min = Infinity
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now()
      fn()
      min = Math.min(min, performance.now() - t0)
    }
    return min
  }
  return { n, arrowBytes: arrow.byteLength, geojsonBytes, arrowDecodeMs: best(decodeArrow), geojsonDecodeMs: best(decodeGeojson) }
}
