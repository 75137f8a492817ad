import { distance, rectangle, type Xy } from '../geo'
import type { Namer } from '../reference/names'
import type { Random } from '../random'
import type { StreetLattice } from './roads'
import type { Tiling } from './tiling'

export type KeySiteKind = 'school' | 'hospital' | 'market' | 'station' | 'bank' | 'government'
export interface KeySitePlan {
  name: string
  kind: KeySiteKind
  point: Xy
  footprint?: Xy[]
}

export type PostKind = 'room' | 'station' | 'self_service_24h'
export interface PostPlan {
  name: string
  kind: PostKind
  point: Xy
  staff: number
}

const footprintShare: Partial<Record<KeySiteKind, number>> = { school: 0.8, hospital: 0.65, market: 0.55, station: 0.5, government: 0.45 }

/** Schools, hospitals, markets, stations, banks and government seats; reserves their blocks. */
/** `centreStems[i]`: the name of the town whose seat is centre i (without 镇/乡), used to name its sites. */
export function planKeySites(tiling: Tiling, lattices: StreetLattice[], random: Random, namer: Namer, centreStems: string[]): KeySitePlan[] {
  const sites: KeySitePlan[] = []
  for (const lattice of lattices) {
    const core = lattice.centreIndex === 0
    const free = () => lattice.blocks.filter((b) => !b.reserved)
    const take = (kind: KeySiteKind, name: string, near: 'centre' | 'edge' | 'any') => {
      const blocks = free()
      if (blocks.length === 0) return
      const sorted = near === 'any' ? blocks : [...blocks].sort((a, b) => (near === 'centre' ? a.radial - b.radial : b.radial - a.radial))
      const block = near === 'any' ? random.pick(blocks) : sorted[random.int(0, Math.min(3, sorted.length - 1))]!
      block.reserved = true
      const share = footprintShare[kind] ?? 0.4
      sites.push({ name, kind, point: block.centre, footprint: rectangle(block.centre, block.size * share, block.size * share * 0.8, block.angle) })
    }
    const stem = centreStems[lattice.centreIndex] ?? ''
    if (core) {
      take('government', '县人民政府', 'centre')
      take('hospital', '县人民医院', 'centre')
      take('hospital', '县中医院', 'any')
      take('station', '县汽车客运中心', 'edge')
      take('station', '枫源火车站', 'edge')
      for (let i = 0; i < 3; i++) take('market', namer.place('农贸市场'), 'any')
      const schools = Math.max(2, Math.round(lattice.blocks.length / 30))
      for (let i = 0; i < schools; i++) take('school', namer.place(random.chance(0.5) ? '小学' : '中学'), 'any')
    } else {
      take('government', `${stem}人民政府`, 'centre')
      take('hospital', `${stem}卫生院`, 'any')
      take('market', `${stem}农贸市场`, 'centre')
      take('station', `${stem}客运站`, 'edge')
      take('school', `${stem}中心小学`, 'any')
      if (random.chance(0.6)) take('school', `${stem}初级中学`, 'any')
    }
    // Bank branches sit at street corners, not on whole blocks.
    const banks = core ? 10 : random.int(1, 2)
    for (let i = 0; i < banks && lattice.crossings.length > 0; i++) {
      const corner = random.pick(lattice.crossings)
      const p: Xy = [corner[0] + random.range(15, 30), corner[1] + random.range(15, 30)]
      sites.push({ name: `${random.pick(['工商银行', '农业银行', '农商银行', '建设银行', '邮储银行'])}${namer.place('支行')}`, kind: 'bank', point: p, footprint: rectangle(p, 22, 18, lattice.angle) })
    }
  }
  tiling.communities.forEach((community, i) => {
    if (community.urban || i % 3 !== 0) return
    const p: Xy = [community.centre[0] + random.normal(0, 120), community.centre[1] + random.normal(0, 120)]
    sites.push({ name: namer.place('村小学'), kind: 'school', point: p, footprint: rectangle(p, 90, 70, random.range(0, Math.PI)) })
  })
  return sites.filter((s) => tiling.inside(s.point))
}

/** 警务站 at town seats, 24-hour self-service posts in the county seat, 警务室 in the largest communities. */
export function planPosts(tiling: Tiling, lattices: StreetLattice[], target: number, random: Random, communityNames: string[]): PostPlan[] {
  const posts: PostPlan[] = []
  tiling.townships.forEach((t) => {
    if (t.kind === 'street') return
    posts.push({ name: `${communityNames[tiling.communityOfCell[tiling.cellAt(t.seat)]!]}警务站`, kind: 'station', point: [t.seat[0] + 60, t.seat[1] - 40], staff: random.int(3, 8) })
  })
  const coreCrossings = [...(lattices[0]?.crossings ?? [])].sort((a, b) => distance(a, lattices[0]!.centre) - distance(b, lattices[0]!.centre))
  const selfService = Math.min(6, Math.max(1, Math.round(target / 10)))
  for (let i = 0; i < selfService && i * 7 < coreCrossings.length; i++) {
    const c = coreCrossings[i * 7]!
    posts.push({ name: `24小时自助警务站${i + 1}号`, kind: 'self_service_24h', point: [c[0] + 12, c[1] + 12], staff: 0 })
  }
  const byGrids = tiling.communities.map((c, i) => ({ i, n: c.cells.length + (c.urban ? 4 : 0) })).sort((a, b) => b.n - a.n)
  for (const { i } of byGrids) {
    if (posts.length >= target) break
    const c = tiling.communities[i]!.centre
    if (posts.some((p) => distance(p.point, c) < 400)) continue
    posts.push({ name: `${communityNames[i]}警务室`, kind: 'room', point: [c[0] + random.normal(0, 40), c[1] + random.normal(0, 40)], staff: random.int(1, 3) })
  }
  return posts.filter((p) => tiling.inside(p.point))
}
