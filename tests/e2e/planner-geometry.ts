import type { MultiPolygon, Position } from 'geojson'

/** Plain geometry for the planner's browser tests: where to draw, click and paint, and a KML of a plan. */

/**
 * A vertical cut through the middle of a polygon's box, from just below its lowest crossing to just
 * above its highest: it cuts this grid through and only enters its neighbours.
 */
export function lineAcross(ring: Position[]): [Position, Position] {
  const xs = ring.map((p) => p[0]!)
  const x = (Math.min(...xs) + Math.max(...xs)) / 2
  const ys: number[] = []
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1] as [number, number]
    const [x1, y1] = ring[i] as [number, number]
    if (x0 > x !== x1 > x) ys.push(y0 + ((x - x0) / (x1 - x0)) * (y1 - y0))
  }
  const low = Math.min(...ys)
  const high = Math.max(...ys)
  const margin = (high - low) * 0.04
  return [
    [x, low - margin],
    [x, high + margin],
  ]
}

/** Ray casting over rings (holes included). */
function inRings(point: Position, rings: Position[][]): boolean {
  const [x, y] = point as [number, number]
  let hit = false
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number]
      const [xj, yj] = ring[j] as [number, number]
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit
    }
  }
  return hit
}

/** Ray casting over every ring (holes included) of a MultiPolygon. */
export const inside = (point: Position, g: MultiPolygon): boolean => inRings(point, g.coordinates.flat(1))

/** Grids of one tiling share the vertices of their common edges. */
export function shareAnEdge(a: MultiPolygon, b: MultiPolygon) {
  const key = (p: Position) => `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`
  const mine = new Set(a.coordinates.flat(2).map(key))
  return b.coordinates.flat(2).filter((p) => mine.has(key(p))).length >= 2
}

/** The basemap tile (at its deepest zoom, 15) a point lies in: a footprint within one tile reaches the map whole. */
export function tileOf([lon, lat]: Position) {
  const n = 2 ** 15
  const rad = (lat! * Math.PI) / 180
  return `${Math.floor(((lon! + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)}`
}

/** The mean of a closed ring's corners: inside a convex footprint. */
export const centreOf = (ring: Position[]): Position => [0, 1].map((i) => ring.slice(1).reduce((s, p) => s + p[i]!, 0) / (ring.length - 1))

export interface Footprint {
  ring: Position[]
  centre: Position
  households: number
}

type Xy = [number, number]
const M_PER_DEG = 111_320
/** Metres east and north of the equator/meridian: fine for distances of a few hundred metres. */
const metres = (p: Position, kx: number): Xy => [p[0]! * kx, p[1]! * M_PER_DEG]
const pointSegment = ([px, py]: Xy, [ax, ay]: Xy, [bx, by]: Xy) => {
  const [dx, dy] = [bx - ax, by - ay]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  return Math.hypot(ax + dx * t - px, ay + dy * t - py)
}
const cross = (o: Xy, a: Xy, b: Xy) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
const segmentsCross = (a: Xy, b: Xy, c: Xy, d: Xy) => cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0

/** How far (m) a straight pointer path from `a` to `b` passes from a footprint: 0 when it enters it. */
function pathGapM(a: Position, b: Position, f: Footprint): number {
  const kx = M_PER_DEG * Math.cos((a[1]! * Math.PI) / 180)
  if (inRings(a, [f.ring]) || inRings(b, [f.ring])) return 0
  const [p, q] = [metres(a, kx), metres(b, kx)]
  let gap = Infinity
  for (let i = 1; i < f.ring.length; i++) {
    const [c, d] = [metres(f.ring[i - 1]!, kx), metres(f.ring[i]!, kx)]
    if (segmentsCross(p, q, c, d)) return 0
    gap = Math.min(gap, pointSegment(p, c, d), pointSegment(q, c, d), pointSegment(c, p, q), pointSegment(d, p, q))
  }
  return gap
}

/**
 * Buildings to paint in one stroke, centre to centre: `count` of the `candidates`, each step at most
 * `maxStepM` long and passing at least `clearM` from every other building (of `all`), so the stroke
 * paints exactly these. Null when the candidates allow no such stroke.
 */
export function paintableChain(candidates: readonly Footprint[], all: readonly Footprint[], count: number, maxStepM = 120, clearM = 3): Footprint[] | null {
  const near = (a: Position, b: Position) => Math.hypot((a[0]! - b[0]!) * M_PER_DEG * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * M_PER_DEG)
  const clear = (a: Footprint, b: Footprint, chain: readonly Footprint[]) =>
    all.every((o) => chain.some((c) => c.ring === o.ring) || o.ring === b.ring || near(o.centre, a.centre) > maxStepM + 200 || pathGapM(a.centre, b.centre, o) > clearM)
  for (const start of candidates) {
    const chain = [start]
    while (chain.length < count) {
      const last = chain[chain.length - 1]!
      const next = candidates
        .filter((c) => !chain.includes(c) && near(c.centre, last.centre) <= maxStepM)
        .sort((a, b) => near(a.centre, last.centre) - near(b.centre, last.centre))
        .find((c) => clear(last, c, chain))
      if (!next) break
      chain.push(next)
    }
    if (chain.length === count) return chain
  }
  return null
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const coordinates = (ring: Position[]) => ring.map((p) => `${p[0]},${p[1]}`).join(' ')

/** A KML document of polygons with their name and code (ExtendedData `code`), as GIS tools write it. */
export function kmlOf(grids: readonly { name: string; code: string | null; geometry: MultiPolygon }[]): string {
  const placemarks = grids.map((g) => {
    const polygons = g.geometry.coordinates.map(([outer, ...holes]) => {
      const inner = holes.map((h) => `<innerBoundaryIs><LinearRing><coordinates>${coordinates(h)}</coordinates></LinearRing></innerBoundaryIs>`).join('')
      return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coordinates(outer!)}</coordinates></LinearRing></outerBoundaryIs>${inner}</Polygon>`
    })
    const code = g.code ? `<ExtendedData><Data name="code"><value>${g.code}</value></Data></ExtendedData>` : ''
    return `<Placemark><name>${escapeXml(g.name)}</name>${code}<MultiGeometry>${polygons.join('')}</MultiGeometry></Placemark>`
  })
  // No xmlns needed: the server's reader looks elements up by name.
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml><Document>${placemarks.join('\n')}</Document></kml>\n`
}
