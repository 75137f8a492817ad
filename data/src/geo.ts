/** Planar coordinates in metres: x east, y north, relative to a local origin. */
export type Xy = [number, number]
export type LngLat = [number, number]

/**
 * A local equirectangular projection. Over a county (~50 km) its distance error is well under 0.1%,
 * which is plenty for generating a synthetic city; real measurements are done in PostGIS.
 */
export function createLocalProjection(origin: LngLat) {
  const [lon0, lat0] = origin
  const metresPerDegLat = 110_574
  const metresPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180)
  const round7 = (v: number) => Math.round(v * 1e7) / 1e7
  return {
    origin,
    toLngLat: ([x, y]: Xy): LngLat => [round7(lon0 + x / metresPerDegLon), round7(lat0 + y / metresPerDegLat)],
    toXy: ([lon, lat]: LngLat): Xy => [(lon - lon0) * metresPerDegLon, (lat - lat0) * metresPerDegLat],
  }
}
export type LocalProjection = ReturnType<typeof createLocalProjection>

export const distance = (a: Xy, b: Xy) => Math.hypot(a[0] - b[0], a[1] - b[1])

/** Bearing in degrees clockwise from north, 0 ≤ b < 360. */
export function bearingOf(from: Xy, to: Xy) {
  const deg = (Math.atan2(to[0] - from[0], to[1] - from[1]) * 180) / Math.PI
  return (deg + 360) % 360
}

export function polygonCentroid(ring: readonly Xy[]): Xy {
  let area = 0
  let cx = 0
  let cy = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!
    const [x1, y1] = ring[i]!
    const f = x0 * y1 - x1 * y0
    area += f
    cx += (x0 + x1) * f
    cy += (y0 + y1) * f
  }
  if (area === 0) return ring[0]!
  return [cx / (3 * area), cy / (3 * area)]
}

export function pointInRing([x, y]: Xy, ring: readonly Xy[]) {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Distance from p to the segment ab, and the closest point. */
export function closestOnSegment(p: Xy, a: Xy, b: Xy): { point: Xy; distance: number } {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2))
  const point: Xy = [a[0] + t * dx, a[1] + t * dy]
  return { point, distance: distance(p, point) }
}

export function closestOnLine(p: Xy, line: readonly Xy[]) {
  let best = { point: line[0]!, distance: Infinity, segment: 0 }
  for (let i = 1; i < line.length; i++) {
    const c = closestOnSegment(p, line[i - 1]!, line[i]!)
    if (c.distance < best.distance) best = { ...c, segment: i - 1 }
  }
  return best
}

/** A rectangle of width × depth metres centred on c, rotated by `angle` radians; closed ring. */
export function rectangle(c: Xy, width: number, depth: number, angle: number): Xy[] {
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const corners: Xy[] = [
    [-width / 2, -depth / 2],
    [width / 2, -depth / 2],
    [width / 2, depth / 2],
    [-width / 2, depth / 2],
  ].map(([u, v]) => [c[0] + u! * cos - v! * sin, c[1] + u! * sin + v! * cos])
  return [...corners, corners[0]!]
}

/** Spatial hash for "is anything within r of here?" checks while placing many objects. */
export function createPointHash(cellSize: number) {
  const cells = new Map<string, Xy[]>()
  const key = (x: number, y: number) => `${Math.floor(x / cellSize)},${Math.floor(y / cellSize)}`
  return {
    add(p: Xy) {
      const k = key(p[0], p[1])
      const list = cells.get(k)
      if (list) list.push(p)
      else cells.set(k, [p])
    },
    anyWithin(p: Xy, r: number) {
      const span = Math.ceil(r / cellSize)
      const cx = Math.floor(p[0] / cellSize)
      const cy = Math.floor(p[1] / cellSize)
      for (let i = cx - span; i <= cx + span; i++) {
        for (let j = cy - span; j <= cy + span; j++) {
          for (const q of cells.get(`${i},${j}`) ?? []) if (distance(p, q) < r) return true
        }
      }
      return false
    },
  }
}
