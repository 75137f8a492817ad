import { distance, type Xy } from '../geo'
import { growRegions } from '../heap'
import type { Random } from '../random'
import type { DemoConfig } from './config'
import type { Cell, Centre, CommunityPlan, TownshipPlan } from './tiling'

/*
 * Administrative areas from grid cells: townships grow from their seats over the cell graph, communities
 * grow inside their township, stations group neighbouring townships. Region growing keeps every area
 * contiguous, and since areas are unions of whole cells they tile each other exactly.
 */

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

export function planTownships(sizes: DemoConfig['sizes'], centres: Centre[], cells: Cell[], random: Random): TownshipPlan[] {
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

export function planCommunities(total: number, townships: TownshipPlan[], cells: Cell[], random: Random): CommunityPlan[] {
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

export function planStations(sizes: DemoConfig['sizes'], townships: TownshipPlan[], cells: Cell[]) {
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
