import type { Geometry, Position } from 'geojson'

/** Every position of a geometry (any type, any nesting). */
function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates]
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat()
    case 'MultiPolygon':
      return g.coordinates.flat(2)
    case 'GeometryCollection':
      return g.geometries.flatMap(positions)
  }
}

/** A geometry's bounding box, [west, south, east, north]. */
export function boundsOf(g: Geometry): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const p of positions(g)) {
    w = Math.min(w, p[0]!)
    e = Math.max(e, p[0]!)
    s = Math.min(s, p[1]!)
    n = Math.max(n, p[1]!)
  }
  return [w, s, e, n]
}

/** The centre of a geometry's bounding box, [lon, lat]; for a line, its middle vertex (a point on it). */
export function centerOf(g: Geometry): [number, number] {
  if (g.type === 'LineString' && g.coordinates.length > 0) {
    const p = g.coordinates[Math.floor(g.coordinates.length / 2)]!
    return [p[0]!, p[1]!]
  }
  const [w, s, e, n] = boundsOf(g)
  return [(w + e) / 2, (s + n) / 2]
}
