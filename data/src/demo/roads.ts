import { Delaunay } from 'd3-delaunay'
import { closestOnLine, distance, type Xy } from '../geo'
import type { Namer } from '../reference/names'
import type { Random } from '../random'
import type { Tiling } from './tiling'

export type RoadClass = 'expressway' | 'primary' | 'secondary' | 'street' | 'village'
export interface RoadPlan {
  name: string | null
  class: RoadClass
  line: Xy[]
}

/** A city block between lattice streets: where buildings and key sites go. */
export interface Block {
  centre: Xy
  angle: number
  size: number
  /** 0 at the centre of its town, 1 at the edge. */
  radial: number
  centreIndex: number
  reserved: boolean
}

export interface StreetLattice {
  centreIndex: number
  centre: Xy
  angle: number
  spacing: number
  radius: number
  blocks: Block[]
  /** Street crossings, with the direction of the lattice (radians). */
  crossings: Xy[]
}

/** A natural-looking line between two points: recursive midpoint displacement. */
export function wiggle(a: Xy, b: Xy, random: Random, roughness = 0.08, maxSegment = 400): Xy[] {
  const len = distance(a, b)
  if (len <= maxSegment) return [a, b]
  const offset = random.normal(0, len * roughness)
  const nx = -(b[1] - a[1]) / len
  const ny = (b[0] - a[0]) / len
  const mid: Xy = [(a[0] + b[0]) / 2 + nx * offset, (a[1] + b[1]) / 2 + ny * offset]
  return [...wiggle(a, mid, random, roughness, maxSegment).slice(0, -1), ...wiggle(mid, b, random, roughness, maxSegment)]
}

export function planLattices(tiling: Tiling, random: Random): StreetLattice[] {
  return tiling.centres.map((c, centreIndex) => {
    const core = c.kind === 'core'
    const spacing = core ? 230 : 170
    const radius = core ? 2700 : 550 + 25 * c.weight
    const angle = random.range(0, Math.PI / 2)
    const cos = Math.cos(angle)
    const sin = Math.sin(angle)
    const at = (u: number, v: number): Xy => [c.xy[0] + u * cos - v * sin, c.xy[1] + u * sin + v * cos]
    const n = Math.floor(radius / spacing)
    const blocks: Block[] = []
    const crossings: Xy[] = []
    for (let i = -n; i <= n; i++) {
      for (let j = -n; j <= n; j++) {
        const u = (i + 0.5) * spacing
        const v = (j + 0.5) * spacing
        const r = Math.hypot(u, v)
        if (r < radius - spacing * 0.6) blocks.push({ centre: at(u, v), angle, size: spacing - 18, radial: r / radius, centreIndex, reserved: false })
        if (Math.hypot(i * spacing, j * spacing) < radius * 0.97) crossings.push(at(i * spacing, j * spacing))
      }
    }
    return { centreIndex, centre: c.xy, angle, spacing, radius, blocks, crossings }
  })
}

export function planRoads(tiling: Tiling, lattices: StreetLattice[], random: Random, namer: Namer): RoadPlan[] {
  const roads: RoadPlan[] = []
  const centres = tiling.centres
  // Main roads: a minimum spanning tree of the town seats plus the short Delaunay edges (loops, as real networks have).
  const pts = centres.map((c) => c.xy)
  const edges = new Map<string, [number, number]>()
  const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`)
  const inTree = new Set([0])
  while (inTree.size < pts.length) {
    let best: [number, number] | undefined
    let bestD = Infinity
    for (const a of inTree) pts.forEach((p, b) => !inTree.has(b) && distance(pts[a]!, p) < bestD && ((bestD = distance(pts[a]!, p)), (best = [a, b])))
    inTree.add(best![1])
    edges.set(key(...best!), best!)
  }
  if (pts.length >= 3) {
    const { halfedges, triangles } = Delaunay.from(pts)
    for (let e = 0; e < triangles.length; e++) {
      if (halfedges[e]! > e) continue
      const a = triangles[e]!
      const b = triangles[e % 3 === 2 ? e - 2 : e + 1]!
      if (distance(pts[a]!, pts[b]!) < 15_000) edges.set(key(a, b), [a, b])
    }
  }
  let provincial = 200
  let county = 300
  for (const [a, b] of edges.values()) {
    const primary = a === 0 || b === 0
    const name = primary ? `S${provincial++}省道` : `X${county++}县道`
    roads.push({ name, class: primary ? 'primary' : 'secondary', line: wiggle(pts[a]!, pts[b]!, random, 0.06) })
  }
  // One expressway crosses the whole county near the county seat.
  const heading = random.range(0, Math.PI)
  const through: Xy = [centres[0]!.xy[0] + random.normal(0, 2500), centres[0]!.xy[1] + random.normal(0, 2500)]
  const far = 70_000
  roads.push({
    name: 'G99枫源高速',
    class: 'expressway',
    line: wiggle([through[0] - far * Math.cos(heading), through[1] - far * Math.sin(heading)], [through[0] + far * Math.cos(heading), through[1] + far * Math.sin(heading)], random, 0.03, 800),
  })
  // Town streets on a lattice.
  for (const lattice of lattices) {
    const cos = Math.cos(lattice.angle)
    const sin = Math.sin(lattice.angle)
    const at = (u: number, v: number): Xy => [lattice.centre[0] + u * cos - v * sin, lattice.centre[1] + u * sin + v * cos]
    const n = Math.floor(lattice.radius / lattice.spacing)
    for (let k = -n; k <= n; k++) {
      const u = k * lattice.spacing
      const half = Math.sqrt(Math.max(0, lattice.radius ** 2 - u ** 2))
      if (half < lattice.spacing) continue
      roads.push({ name: namer.place('路'), class: 'street', line: [at(u, -half), at(u, half)] })
      roads.push({ name: namer.place('街'), class: 'street', line: [at(-half, u), at(half, u)] })
    }
  }
  // Every village is linked to the nearest main road.
  const main = roads.filter((r) => r.class === 'primary' || r.class === 'secondary')
  for (const community of tiling.communities) {
    if (community.urban) continue
    let best = { point: community.centre, distance: Infinity }
    for (const r of main) {
      const c = closestOnLine(community.centre, r.line)
      if (c.distance < best.distance) best = c
    }
    if (best.distance > 60) roads.push({ name: null, class: 'village', line: wiggle(community.centre, best.point, random, 0.1, 150) })
  }
  return roads
}

export interface WaterPlan {
  name: string
  kind: 'river' | 'lake' | 'reservoir'
  /** Rivers: centre line and width; buffered into a polygon in PostGIS. */
  line?: Xy[]
  widthM?: number
  /** Lakes and reservoirs: closed ring. */
  ring?: Xy[]
}

export function planWater(tiling: Tiling, random: Random, namer: Namer): WaterPlan[] {
  const [x0, y0, x1, y1] = tiling.bbox
  const core = tiling.centres[0]!.xy
  const side = random.chance(0.5) ? 1 : -1
  const river: Xy[] = wiggle([core[0] + random.normal(0, 6000), y0], [core[0] + side * 1800, core[1]], random, 0.1, 250)
  river.push(...wiggle([core[0] + side * 1800, core[1]], [core[0] + random.normal(0, 6000), y1], random, 0.1, 250).slice(1))
  const water: WaterPlan[] = [{ name: namer.place('江'), kind: 'river', line: river, widthM: 140 }]
  const town = tiling.centres[1]
  if (town) {
    const join = closestOnLine(town.xy, river).point
    water.push({ name: namer.place('溪'), kind: 'river', line: wiggle(town.xy, join, random, 0.12, 250), widthM: 45 })
  }
  for (let k = 0, tries = 0; k < 2 && tries < 500; tries++) {
    const c: Xy = [random.range(x0, x1), random.range(y0, y1)]
    if (!tiling.inside(c) || tiling.density(c) > 1.05 || tiling.centres.some((t) => distance(t.xy, c) < 3000)) continue
    const r = random.range(500, 1000)
    const phase = random.range(0, 6.3)
    const ring: Xy[] = []
    for (let i = 0; i < 24; i++) {
      const a = (i / 24) * 2 * Math.PI
      const rr = r * (1 + 0.25 * Math.sin(3 * a + phase)) * (1.4 - 0.4 * Math.abs(Math.cos(a)))
      ring.push([c[0] + rr * Math.cos(a), c[1] + 0.7 * rr * Math.sin(a)])
    }
    ring.push(ring[0]!)
    water.push({ name: namer.place('水库'), kind: 'reservoir', ring })
    k++
  }
  return water
}
