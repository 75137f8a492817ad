import type { CameraColumns } from './layers/cameras-layer'

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number]

/** Binary polygons for deck.gl's SolidPolygonLayer: one closed, clockwise ring per camera. */
export interface SectorData {
  length: number
  startIndices: Int32Array
  /** Row in the camera columns of each sector. */
  cameraRows: Int32Array
  attributes: {
    getPolygon: { value: Float64Array; size: 2 }
    getFillColor: { value: Uint8Array; size: 4; normalized: true }
  }
}

/** At most this many sectors are built (a zoomed-in view holds far fewer cameras). */
const MAX_SECTORS = 5000
const WGS84_A = 6_378_137
const WGS84_E2 = 0.006_694_379_990_14

/** Metres per degree of latitude and longitude at a latitude (WGS84 ellipsoid, local approximation). */
export function metresPerDegree(latDeg: number) {
  const phi = (latDeg * Math.PI) / 180
  const s = Math.sin(phi)
  const w = Math.sqrt(1 - WGS84_E2 * s * s)
  const lat = ((Math.PI / 180) * WGS84_A * (1 - WGS84_E2)) / (w * w * w)
  const lon = ((Math.PI / 180) * WGS84_A * Math.cos(phi)) / w
  return { lat, lon }
}

/**
 * The field-of-view sectors (bearing from north, fov angle, range in metres) of the cameras inside
 * `bounds`, computed on demand for what is on screen: 14,000 sectors county-wide would be wasted work
 * at zoom levels where they are a few pixels wide. Colours follow the camera status colours.
 */
export function cameraSectors(cams: CameraColumns, bounds: Bounds, statusColors: readonly (readonly number[])[]): SectorData {
  const rows: number[] = []
  for (let i = 0; i < cams.length && rows.length < MAX_SECTORS; i++) {
    const lon = cams.lon[i]!
    const lat = cams.lat[i]!
    if (lon >= bounds[0] && lon <= bounds[2] && lat >= bounds[1] && lat <= bounds[3]) rows.push(i)
  }
  const segmentsOf = (fov: number) => Math.max(4, Math.ceil(Math.min(360, fov) / 10))
  let vertices = 0
  for (const i of rows) vertices += segmentsOf(cams.fov[i]!) + 3
  const positions = new Float64Array(vertices * 2)
  const fills = new Uint8Array(vertices * 4)
  const startIndices = new Int32Array(rows.length + 1)
  let v = 0
  rows.forEach((i, n) => {
    startIndices[n] = v
    const lon = cams.lon[i]!
    const lat = cams.lat[i]!
    const fov = Math.min(360, cams.fov[i]!)
    const { lat: mLat, lon: mLon } = metresPerDegree(lat)
    const range = cams.rangeM[i]!
    const segments = segmentsOf(fov)
    const color = statusColors[cams.status[i]!] ?? statusColors[1]!
    const put = (x: number, y: number) => {
      positions[2 * v] = x
      positions[2 * v + 1] = y
      fills.set([color[0]!, color[1]!, color[2]!, 64], 4 * v)
      v++
    }
    // Centre, then the arc with growing bearing (clockwise seen from above), then back to the centre.
    put(lon, lat)
    const start = cams.bearing[i]! - fov / 2
    for (let s = 0; s <= segments; s++) {
      const b = ((start + (fov * s) / segments) * Math.PI) / 180
      put(lon + (range * Math.sin(b)) / mLon, lat + (range * Math.cos(b)) / mLat)
    }
    put(lon, lat)
  })
  startIndices[rows.length] = v
  return {
    length: rows.length,
    startIndices,
    cameraRows: Int32Array.from(rows),
    attributes: {
      getPolygon: { value: positions, size: 2 },
      getFillColor: { value: fills, size: 4, normalized: true },
    },
  }
}

/** No sectors (zoomed out, or no cameras). */
export const emptySectors = (): SectorData => ({
  length: 0,
  startIndices: new Int32Array(1),
  cameraRows: new Int32Array(0),
  attributes: { getPolygon: { value: new Float64Array(0), size: 2 }, getFillColor: { value: new Uint8Array(0), size: 4, normalized: true } },
})
