import { Delaunay } from 'd3-delaunay'
import { createPointHash, distance, type Xy } from '../geo'
import { growRegions } from '../heap'
import type { Random } from '../random'
import type { DemoConfig } from './config'

/** A centre of population: the county seat (core) or a town seat. */
export interface Centre {
  xy: Xy
  kind: 'core' | 'town'
  sigma: number
  weight: number
}

/** One Voronoi cell inside the county: it becomes one grid. */
export interface Cell {
  seed: Xy
  /** Closed ring in metres; shared edges are bit-identical between neighbours. */
  ring: Xy[]
  neighbours: number[]
  density: number
  urban: boolean
}

export interface TownshipPlan {
  kind: 'street' | 'town' | 'township'
  /** Seat of the township: its government, its police post. */
  seat: Xy
  centre: Centre
  cells: number[]
  station: number
}

export interface CommunityPlan {
  township: number
  cells: number[]
  urban: boolean
  /** The village or community centre. */
  centre: Xy
}

export interface Tiling {
  centres: Centre[]
  density: (p: Xy) => number
  inside: (p: Xy) => boolean
  cells: Cell[]
  townships: TownshipPlan[]
  communities: CommunityPlan[]
  stations: { townships: number[] }[]
  /** Inside cells that border the outside of the county. */
  borderCells: number[]
  /** The cell whose seed is nearest to p (the containing cell for points inside the county). */
  cellAt: (p: Xy) => number
  communityOfCell: Int32Array
  bbox: [number, number, number, number]
}

const URBAN_DENSITY = 8

export function planTiling(config: DemoConfig, random: Random): Tiling {
  const { sizes } = config
  const [rx, ry] = config.radiusM
  const phases = [random.range(0, 6.3), random.range(0, 6.3), random.range(0, 6.3)]
  const outlineFactor = (theta: number) =>
    1 + 0.12 * Math.sin(2 * theta + phases[0]!) + 0.07 * Math.sin(3 * theta + phases[1]!) + 0.04 * Math.sin(5 * theta + phases[2]!)
  const rho = ([x, y]: Xy) => Math.hypot(x / rx, y / ry) / outlineFactor(Math.atan2(y / ry, x / rx))
  const inside = (p: Xy) => rho(p) < 1

  const centres = placeCentres(config, random, rho)
  const density = (p: Xy) => {
    let d = 1
    for (const c of centres) {
      const dd = distance(p, c.xy)
      if (dd < 4 * c.sigma) d += c.weight * Math.exp(-(dd * dd) / (2 * c.sigma * c.sigma))
    }
    return d
  }

  const margin = 4000
  const bbox: [number, number, number, number] = [-rx * 1.25 - margin, -ry * 1.25 - margin, rx * 1.25 + margin, ry * 1.25 + margin]
  const seeds = sampleSeeds(sizes.grids, bbox, inside, density, random)
  const voronoi = Delaunay.from(seeds.points).voronoi(bbox)

  const insideIndex = new Int32Array(seeds.points.length).fill(-1)
  seeds.inside.forEach((i, k) => (insideIndex[i] = k))
  const borderCells: number[] = []
  const cells: Cell[] = seeds.inside.map((i, k) => {
    const all = [...voronoi.neighbors(i)]
    const neighbours = all.map((n) => insideIndex[n]!).filter((n) => n >= 0)
    if (neighbours.length < all.length) borderCells.push(k)
    const seed = seeds.points[i]!
    const d = density(seed)
    return { seed, ring: voronoi.cellPolygon(i) as Xy[], neighbours, density: d, urban: d > URBAN_DENSITY }
  })

  const townships = planTownships(sizes, centres, cells, random)
  const communities = planCommunities(sizes.communities, townships, cells, random)
  const stations = planStations(sizes, townships, cells)
  stations.forEach((s, si) => s.townships.forEach((t) => (townships[t]!.station = si)))
  const finder = Delaunay.from(cells.map((c) => c.seed))
  let lastFound = 0
  const cellAt = (p: Xy) => (lastFound = finder.find(p[0], p[1], lastFound))
  const communityOfCell = new Int32Array(cells.length)
  communities.forEach((c, ci) => c.cells.forEach((cell) => (communityOfCell[cell] = ci)))
  return { centres, density, inside, cells, townships, communities, stations, borderCells, bbox, cellAt, communityOfCell }
}

function placeCentres(config: DemoConfig, random: Random, rho: (p: Xy) => number): Centre[] {
  const core: Centre = { xy: [random.normal(0, 1200), random.normal(0, 1200)], kind: 'core', sigma: 2200, weight: 45 }
  const centres: Centre[] = [core]
  const towns = config.sizes.townships - config.sizes.streets
  const [rx, ry] = config.radiusM
  for (let t = 0; t < towns; t++) {
    let best: Xy | undefined
    let bestScore = -Infinity
    for (let k = 0; k < 40; k++) {
      const p: Xy = [random.range(-rx * 1.2, rx * 1.2), random.range(-ry * 1.2, ry * 1.2)]
      if (rho(p) > 0.82) continue
      const score = Math.min(...centres.map((c) => distance(p, c.xy) / (c.kind === 'core' ? 1.8 : 1)))
      if (score > bestScore) {
        bestScore = score
        best = p
      }
    }
    centres.push({ xy: best ?? [0, 0], kind: 'town', sigma: random.range(650, 900), weight: random.range(8, 14) })
  }
  return centres
}

/**
 * Grid seeds drawn with probability proportional to population density, with a minimum spacing that
 * shrinks where density is high: small grids in town centres, large ones in the countryside.
 */
function sampleSeeds(target: number, bbox: [number, number, number, number], inside: (p: Xy) => boolean, density: (p: Xy) => number, random: Random) {
  const [x0, y0, x1, y1] = bbox
  let mass = 0
  let insideSamples = 0
  let maxDensity = 1
  for (let i = 0; i < 4000; i++) {
    const p: Xy = [random.range(x0, x1), random.range(y0, y1)]
    if (!inside(p)) continue
    const d = density(p)
    mass += d
    insideSamples++
    maxDensity = Math.max(maxDensity, d)
  }
  const insideArea = ((x1 - x0) * (y1 - y0) * insideSamples) / 4000
  // Density-weighted area of one grid: a grid at density d covers about unit / d square metres.
  const unit = (insideArea / target) * (mass / insideSamples)
  const minSpacing = (p: Xy) => 0.6 * Math.sqrt(unit / density(p))
  const hash = createPointHash(250)
  const points: Xy[] = []
  const insideList: number[] = []
  const ceiling = maxDensity * 1.05
  for (let attempts = 0; insideList.length < target && attempts < 3_000_000; attempts++) {
    const p: Xy = [random.range(x0, x1), random.range(y0, y1)]
    const d = density(p)
    if (random.next() * ceiling > d) continue
    if (hash.anyWithin(p, minSpacing(p))) continue
    hash.add(p)
    if (inside(p)) insideList.push(points.length)
    points.push(p)
  }
  // Close the outside with a frame of seeds so that border cells are bounded by Voronoi edges, not the bbox.
  const frameStep = 2500
  for (let x = x0; x <= x1; x += frameStep) points.push([x, y0], [x, y1])
  for (let y = y0 + frameStep; y < y1; y += frameStep) points.push([x0, y], [x1, y])
  return { points, inside: insideList }
}

function nearestFreeCell(cells: Cell[], p: Xy, taken: Set<number>, allowed?: (i: number) => boolean) {
  let best = -1
  let bestD = Infinity
  cells.forEach((c, i) => {
    if (taken.has(i) || (allowed && !allowed(i))) return
    const d = distance(c.seed, p)
    if (d < bestD) {
      bestD = d
      best = i
    }
  })
  return best
}

function planTownships(sizes: DemoConfig['sizes'], centres: Centre[], cells: Cell[], random: Random): TownshipPlan[] {
  const core = centres[0]!
  const seats: { seat: Xy; centre: Centre; kind: TownshipPlan['kind'] }[] = []
  const phase = random.range(0, Math.PI * 2)
  for (let s = 0; s < sizes.streets; s++) {
    const a = phase + (2 * Math.PI * s) / sizes.streets
    const r = sizes.streets === 1 ? 0 : 1600
    seats.push({ seat: [core.xy[0] + r * Math.cos(a), core.xy[1] + r * Math.sin(a)], centre: core, kind: 'street' })
  }
  for (const c of centres.slice(1)) seats.push({ seat: c.xy, centre: c, kind: c.weight < 10 && random.chance(0.5) ? 'township' : 'town' })
  const taken = new Set<number>()
  const seedCells = seats.map((s) => {
    const i = nearestFreeCell(cells, s.seat, taken)
    taken.add(i)
    return i
  })
  const region = growRegions({
    nodeCount: cells.length,
    neighbours: (i) => cells[i]!.neighbours,
    seeds: seedCells,
    stepCost: (a, b, r) => distance(cells[a]!.seed, cells[b]!.seed) / (seats[r]!.kind === 'street' ? 1 : 1.7),
  })
  return seats.map((s, t) => ({ ...s, cells: cellsOf(region, t), station: -1 }))
}

function cellsOf(region: Int32Array, r: number) {
  const out: number[] = []
  region.forEach((v, i) => v === r && out.push(i))
  return out
}

/** Hop distances from `start` inside a set of cells (breadth-first). */
function hops(cells: Cell[], start: number, member: (i: number) => boolean) {
  const dist = new Map<number, number>([[start, 0]])
  const queue = [start]
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q]!
    for (const n of cells[i]!.neighbours) {
      if (!member(n) || dist.has(n)) continue
      dist.set(n, dist.get(i)! + 1)
      queue.push(n)
    }
  }
  return dist
}

function planCommunities(total: number, townships: TownshipPlan[], cells: Cell[], random: Random): CommunityPlan[] {
  // Urban communities hold ~9 grids, villages ~4.5: allocate the total by that weight.
  const weights = townships.map((t) => t.cells.reduce((w, i) => w + (cells[i]!.urban ? 1 / 9 : 1 / 4.5), 0))
  const counts = allocate(total, weights, townships.map((t) => t.cells.length))
  const communities: CommunityPlan[] = []
  townships.forEach((township, ti) => {
    const member = new Set(township.cells)
    const first = nearestFreeCell(cells, township.seat, new Set(), (i) => member.has(i))
    const seeds = [first]
    const minHops = new Map(hops(cells, first, (i) => member.has(i)))
    while (seeds.length < counts[ti]!) {
      let far = -1
      let farD = -1
      for (const [i, d] of minHops) if (d > farD && !seeds.includes(i)) ((far = i), (farD = d))
      if (far < 0) break
      seeds.push(far)
      for (const [i, d] of hops(cells, far, (c) => member.has(c))) if (d < (minHops.get(i) ?? Infinity)) minHops.set(i, d)
    }
    const speed = seeds.map(() => random.range(0.75, 1.35))
    const region = growRegions({
      nodeCount: cells.length,
      neighbours: (i) => cells[i]!.neighbours,
      seeds,
      allowed: (i) => member.has(i),
      stepCost: (_a, _b, r) => 1 / speed[r]!,
    })
    seeds.forEach((seedCell, r) => {
      const own = cellsOf(region, r)
      const urban = own.filter((i) => cells[i]!.urban).length * 2 > own.length
      communities.push({ township: ti, cells: own, urban, centre: cells[seedCell]!.seed })
    })
  })
  return communities
}

/** Largest-remainder allocation of `total` by weight, at least 1 and at most `caps[i]` each. */
function allocate(total: number, weights: number[], caps: number[]) {
  const sum = weights.reduce((a, b) => a + b, 0) || 1
  const raw = weights.map((w) => (w / sum) * total)
  const counts = raw.map((r, i) => Math.max(1, Math.min(caps[i]!, Math.floor(r))))
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => ({ i, rem: r - Math.floor(r) })).sort((a, b) => b.rem - a.rem)
  for (let k = 0; left > 0 && k < order.length * 4; k++) {
    const i = order[k % order.length]!.i
    if (counts[i]! < caps[i]!) ((counts[i]! += 1), left--)
  }
  return counts
}

function planStations(sizes: DemoConfig['sizes'], townships: TownshipPlan[], cells: Cell[]) {
  const townshipOfCell = new Int32Array(cells.length)
  townships.forEach((t, ti) => t.cells.forEach((c) => (townshipOfCell[c] = ti)))
  const adjacency = townships.map(() => new Set<number>())
  cells.forEach((c, i) =>
    c.neighbours.forEach((n) => {
      const a = townshipOfCell[i]!
      const b = townshipOfCell[n]!
      if (a !== b) (adjacency[a]!.add(b), adjacency[b]!.add(a))
    }),
  )
  const streets = townships.map((t, i) => (t.kind === 'street' ? i : -1)).filter((i) => i >= 0)
  const towns = townships.map((t, i) => (t.kind !== 'street' ? i : -1)).filter((i) => i >= 0)
  const streetStations = towns.length === 0 ? sizes.stations : Math.max(1, Math.min(sizes.stations - 1, Math.round(streets.length / 2)))
  const groups = [
    ...groupTownships(streets, streetStations, townships, adjacency),
    ...groupTownships(towns, Math.min(towns.length, sizes.stations - streetStations), townships, adjacency),
  ]
  return groups.filter((g) => g.length > 0).map((g) => ({ townships: g }))
}

/** Splits a set of townships into `k` contiguous groups (farthest-first seeds, then region growing). */
function groupTownships(members: number[], k: number, townships: TownshipPlan[], adjacency: Set<number>[]) {
  if (members.length === 0 || k <= 0) return []
  const seat = (i: number) => townships[i]!.seat
  const seeds = [members[0]!]
  while (seeds.length < k) {
    let far = -1
    let farD = -1
    for (const m of members) {
      if (seeds.includes(m)) continue
      const d = Math.min(...seeds.map((s) => distance(seat(s), seat(m))))
      if (d > farD) ((farD = d), (far = m))
    }
    seeds.push(far)
  }
  const memberSet = new Set(members)
  const region = growRegions({
    nodeCount: townships.length,
    neighbours: (i) => adjacency[i]!,
    seeds,
    allowed: (i) => memberSet.has(i),
    stepCost: (a, b) => distance(seat(a), seat(b)),
  })
  // A township cut off from every seed of its group still needs a station: the nearest seed takes it.
  for (const m of members) {
    if (region[m]! >= 0) continue
    let best = 0
    seeds.forEach((s, si) => distance(seat(s), seat(m)) < distance(seat(seeds[best]!), seat(m)) && (best = si))
    region[m] = best
  }
  return seeds.map((_, si) => members.filter((m) => region[m] === si))
}
