import { bearingOf, distance, type Xy } from '../geo'
import type { Random } from '../random'
import type { BuildingPlan } from './buildings'
import type { RoadPlan, StreetLattice } from './roads'
import type { KeySitePlan } from './sites'
import type { Tiling } from './tiling'

export type CameraKind = 'fixed' | 'ptz' | 'dome'
export type CameraStatus = 'online' | 'offline' | 'fault'
export type CameraOwner = 'public' | 'community' | 'private'
export interface CameraPlan {
  point: Xy
  bearing: number
  fov: number
  rangeM: number
  heightM: number
  kind: CameraKind
  status: CameraStatus
  owner: CameraOwner
  /** Where it was placed, for its name. */
  place: 'crossing' | 'road' | 'village' | 'estate' | 'site'
}

const norm = (deg: number) => ((deg % 360) + 360) % 360

/**
 * 雪亮工程 cameras: dense at town crossings and along main roads, at village entrances, in residential
 * estates and around key sites. Candidates come from every pool; the target count is reached by taking
 * all structural ones first and filling up with estate cameras.
 */
export function planCameras(tiling: Tiling, lattices: StreetLattice[], roads: RoadPlan[], buildings: BuildingPlan[], sites: KeySitePlan[], target: number, random: Random): CameraPlan[] {
  const cams: CameraPlan[] = []
  const make = (point: Xy, bearing: number, place: CameraPlan['place'], owner: CameraOwner, kind?: CameraKind): CameraPlan => {
    const k = kind ?? (random.chance(0.18) ? 'ptz' : random.chance(0.35) ? 'dome' : 'fixed')
    const fov = k === 'ptz' ? random.range(50, 70) : k === 'dome' ? random.range(85, 115) : random.range(45, 80)
    const rangeM = k === 'ptz' ? random.range(100, 160) : k === 'dome' ? random.range(25, 50) : random.range(50, 120)
    const roll = random.next()
    return {
      point,
      bearing: norm(Math.round((bearing + random.normal(0, 6)) * 10) / 10),
      fov: Math.round(fov),
      rangeM: Math.round(rangeM),
      heightM: Math.round(random.range(3.5, 8) * 10) / 10,
      kind: k,
      status: roll < 0.92 ? 'online' : roll < 0.97 ? 'offline' : 'fault',
      owner,
      place,
    }
  }
  for (const lattice of lattices) {
    const dir = (lattice.angle * 180) / Math.PI
    const share = lattice.centreIndex === 0 ? 0.75 : 0.55
    for (const c of lattice.crossings) {
      if (!random.chance(share)) continue
      const n = random.int(2, 4)
      for (let k = 0; k < n; k++) cams.push(make([c[0] + random.normal(0, 6), c[1] + random.normal(0, 6)], 90 - dir + 90 * k, 'crossing', 'public'))
    }
  }
  for (const road of roads) {
    if (road.class !== 'primary' && road.class !== 'secondary' && road.class !== 'expressway') continue
    const every = road.class === 'expressway' ? 1500 : 380
    let carried = random.range(0, every)
    for (let i = 1; i < road.line.length; i++) {
      const a = road.line[i - 1]!
      const b = road.line[i]!
      const len = distance(a, b)
      for (let t = every - carried; t < len; t += every) {
        const p: Xy = [a[0] + ((b[0] - a[0]) * t) / len, a[1] + ((b[1] - a[1]) * t) / len]
        if (tiling.inside(p)) cams.push(make(p, bearingOf(a, b) + (random.chance(0.5) ? 0 : 180), 'road', 'public', 'fixed'))
      }
      carried = (carried + len) % every
    }
  }
  for (const community of tiling.communities) {
    if (community.urban) continue
    const road = roads.find((r) => r.class === 'village' && r.line[0] === community.centre)
    const n = random.int(2, 4)
    for (let k = 0; k < n; k++) {
      const p: Xy = road && k === 0 ? road.line[Math.min(1, road.line.length - 1)]! : [community.centre[0] + random.normal(0, 90), community.centre[1] + random.normal(0, 90)]
      cams.push(make(p, road ? bearingOf(p, community.centre) : random.range(0, 360), 'village', 'community'))
    }
  }
  for (const site of sites) {
    const n = site.kind === 'bank' ? 2 : random.int(3, 6)
    for (let k = 0; k < n; k++) {
      const a = random.range(0, 2 * Math.PI)
      const r = site.kind === 'bank' ? 15 : 60
      const p: Xy = [site.point[0] + r * Math.cos(a), site.point[1] + r * Math.sin(a)]
      cams.push(make(p, bearingOf(p, site.point), 'site', site.kind === 'bank' ? 'private' : 'public'))
    }
  }
  // Fill up (or thin out) to the target with estate cameras at residential buildings.
  const structural = cams.length > target ? thin(cams, target, random) : cams
  const homes = buildings.filter((b) => b.use !== 'industrial')
  while (structural.length < target && homes.length > 0) {
    const b = random.pick(homes)
    const p: Xy = [b.centre[0] + random.normal(0, 12), b.centre[1] + random.normal(0, 12)]
    structural.push(make(p, random.range(0, 360), 'estate', random.chance(0.6) ? 'community' : 'private', random.chance(0.7) ? 'dome' : 'fixed'))
  }
  return structural
}

function thin<T>(items: T[], target: number, random: Random): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
  }
  return copy.slice(0, target)
}
