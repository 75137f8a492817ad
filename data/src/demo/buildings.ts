import { createPointHash, pointInRing, rectangle, type Xy } from '../geo'
import type { Random } from '../random'
import type { Block, StreetLattice, WaterPlan } from './roads'
import type { Tiling } from './tiling'

export type BuildingUse = 'residential' | 'commercial' | 'industrial' | 'public' | 'rural_house'
export interface BuildingPlan {
  ring: Xy[]
  centre: Xy
  use: BuildingUse
  floors: number
  households: number
  population: number
}

/** "Is p in (or within `clearance` m of) water?": rivers are densified into a point hash for speed. */
export function createWaterTest(water: WaterPlan[]) {
  const step = 10
  const rivers = water
    .filter((w) => w.line)
    .map((w) => {
      const hash = createPointHash(100)
      const line = w.line!
      for (let i = 1; i < line.length; i++) {
        const [a, b] = [line[i - 1]!, line[i]!]
        const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / step))
        for (let k = 0; k <= n; k++) hash.add([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n])
      }
      return { hash, half: (w.widthM ?? 0) / 2 }
    })
  const lakes = water.filter((w) => w.ring).map((w) => w.ring!)
  return (p: Xy, clearance = 15) =>
    rivers.some((r) => r.hash.anyWithin(p, r.half + clearance + step / 2)) || lakes.some((ring) => pointInRing(p, ring))
}

/** Buildings of town blocks (estates, old low-rise, commercial, industrial) and village houses. */
export function planBuildings(tiling: Tiling, lattices: StreetLattice[], water: WaterPlan[], fill: number, random: Random): BuildingPlan[] {
  const inWater = createWaterTest(water)
  const out: BuildingPlan[] = []
  const add = (centre: Xy, width: number, depth: number, angle: number, use: BuildingUse, floors: number, householdsPerFloor: number) => {
    if (!tiling.inside(centre) || inWater(centre, Math.max(width, depth) / 2 + 10)) return
    const households = Math.round(floors * householdsPerFloor)
    const perHousehold = use === 'rural_house' ? 3.1 : 2.7
    out.push({ ring: rectangle(centre, width, depth, angle), centre, use, floors, households, population: Math.round(households * random.range(perHousehold - 0.4, perHousehold + 0.4)) })
  }
  for (const lattice of lattices) {
    const core = tiling.centres[lattice.centreIndex]!.kind === 'core'
    for (const block of lattice.blocks) {
      if (block.reserved || !random.chance(fill * 0.92)) continue
      fillBlock(block, core, random, add)
    }
  }
  // Village houses in one or two clusters per village.
  const hash = createPointHash(20)
  for (const community of tiling.communities) {
    if (community.urban) continue
    const clusters = [community.centre]
    if (community.cells.length > 3) clusters.push(tiling.cells[random.pick(community.cells)]!.seed)
    const angle = random.range(0, Math.PI)
    for (const c of clusters) {
      const houses = Math.max(4, Math.round(random.range(110, 230) * fill))
      for (let k = 0, tries = 0; k < houses && tries < houses * 6; tries++) {
        const p: Xy = [c[0] + random.normal(0, 130), c[1] + random.normal(0, 130)]
        if (hash.anyWithin(p, 17)) continue
        hash.add(p)
        add(p, random.range(9, 12), random.range(10, 14), angle + random.normal(0, 0.08), 'rural_house', random.int(2, 4), random.chance(0.3) ? 0.67 : 0.34)
        k++
      }
    }
  }
  // Industrial parks beside the bigger towns.
  tiling.centres.forEach((centre, i) => {
    if (i > 0 && !random.chance(0.6)) return
    const a = random.range(0, 2 * Math.PI)
    const d = (i === 0 ? 3600 : 1300) + random.range(0, 500)
    const park: Xy = [centre.xy[0] + d * Math.cos(a), centre.xy[1] + d * Math.sin(a)]
    const angle = random.range(0, Math.PI)
    for (let u = -1; u <= 1; u++) {
      for (let v = -1; v <= 1; v++) {
        if (!random.chance(0.8 * Math.max(fill, 0.3))) continue
        const p: Xy = [park[0] + u * 120 * Math.cos(angle) - v * 150 * Math.sin(angle), park[1] + u * 120 * Math.sin(angle) + v * 150 * Math.cos(angle)]
        add(p, random.range(50, 90), random.range(70, 110), angle, 'industrial', random.int(1, 3), 0)
      }
    }
  })
  return out
}

type Add = (centre: Xy, width: number, depth: number, angle: number, use: BuildingUse, floors: number, householdsPerFloor: number) => void

function fillBlock(block: Block, core: boolean, random: Random, add: Add) {
  const { centre, angle, size } = block
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const at = (u: number, v: number): Xy => [centre[0] + u * cos - v * sin, centre[1] + u * sin + v * cos]
  const roll = random.next()
  if (core && block.radial < 0.3 && roll < 0.5) {
    // Commercial centre: a few large, tall buildings.
    for (const [u, v] of [[-0.25, -0.25], [0.25, -0.25], [-0.25, 0.25], [0.25, 0.25]] as const) {
      if (random.chance(0.8)) add(at(u * size, v * size), size * 0.38, size * 0.3, angle, 'commercial', random.int(5, 32), 0)
    }
  } else if (core && roll < 0.6) {
    // Residential estate: rows of slab blocks.
    const rows = Math.max(2, Math.floor(size / 42))
    const floors = random.int(6, 28)
    for (let r = 0; r < rows; r++) {
      const v = -size / 2 + ((r + 0.5) * size) / rows
      for (const u of [-size / 4, size / 4]) add(at(u, v), size * 0.38, 14, angle, 'residential', floors, random.int(2, 6))
    }
  } else if (core && block.radial > 0.8 && roll < 0.8) {
    add(at(0, 0), size * 0.6, size * 0.5, angle, 'industrial', random.int(1, 4), 0)
  } else {
    // Older low-rise quarter: many small houses.
    const n = core ? 6 : 4
    const step = size / n
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (!random.chance(0.85)) continue
        const p = at(-size / 2 + (i + 0.5) * step + random.normal(0, 2), -size / 2 + (j + 0.5) * step + random.normal(0, 2))
        const use: BuildingUse = random.chance(0.15) ? 'commercial' : 'residential'
        add(p, step * 0.7, step * 0.75, angle, use, random.int(2, core ? 7 : 4), use === 'residential' ? random.int(1, 2) : 0)
      }
    }
  }
}
