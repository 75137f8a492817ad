import { Delaunay } from 'd3-delaunay'
import { createPointHash, distance, type Xy } from '../geo'
import type { Random } from '../random'
import { planCommunities, planStations, planTownships } from './areas'
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
