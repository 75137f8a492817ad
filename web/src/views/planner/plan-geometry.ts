import { area, bbox, booleanIntersects, difference, featureCollection, intersect, multiPolygon, polygon, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import type { PlanGrid } from '../../api/plans'

/**
 * The planner's edits as pure functions of the plan's grids: split along a line, merge, carve a new
 * grid out of its neighbours, reshape, move a building's footprint, delete. Each returns a new array
 * (the history keeps the old one). Overlays run in turf (polyclip-ts, exact arithmetic); every result
 * is rounded to 1e-9° (0.1 mm, the server's overlay grid) so shared edges stay identical on both sides.
 */

export type Outline = Polygon | MultiPolygon
type Rings = Position[][]

/** Pieces smaller than this (m²) are slivers of the cut, not grids. */
const MIN_PIECE_M2 = 1
/** Half the width of the strip cut along a split line, metres: thin enough to vanish in the validation's tolerance. */
const CUT_HALF_WIDTH_M = 0.01
const M_PER_DEG = 111_320

const round9 = (v: number) => Math.round(v * 1e9) / 1e9

/** Rounds to 1e-9° and drops repeated positions; rings left with fewer than 4 positions go. */
function cleanRings(rings: Rings): Rings | null {
  const out: Rings = []
  for (const ring of rings) {
    const clean: Position[] = []
    for (const p of ring) {
      const q = [round9(p[0]!), round9(p[1]!)]
      const last = clean[clean.length - 1]
      if (!last || last[0] !== q[0] || last[1] !== q[1]) clean.push(q)
    }
    if (clean.length >= 4) out.push(clean)
    else if (out.length === 0) return null
  }
  return out.length > 0 ? out : null
}

/** The polygons of an outline, each as rings. */
export const polygonsOf = (g: Outline): Rings[] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)

/** Polygons back into an outline (a Polygon when there is one), cleaned; null when nothing is left. */
export function outlineOf(polygons: Rings[]): Outline | null {
  const kept = polygons.map(cleanRings).filter((p): p is Rings => p !== null)
  if (kept.length === 0) return null
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept }
}

const asFeature = (g: Outline): Feature<Outline> => (g.type === 'Polygon' ? polygon(g.coordinates) : multiPolygon(g.coordinates))
const geometryOf = (f: Feature<Outline> | null) => (f ? outlineOf(polygonsOf(f.geometry).filter((p) => area(polygon(p)) >= MIN_PIECE_M2)) : null)

export const areaM2 = (g: Outline) => area(asFeature(g))
export const minus = (a: Outline, b: Outline) => geometryOf(difference(featureCollection([asFeature(a), asFeature(b)])))
export const overlapOf = (a: Outline, b: Outline) => geometryOf(intersect(featureCollection([asFeature(a), asFeature(b)])))
export const unionOf = (parts: Outline[]) => (parts.length === 1 ? outlineOf(polygonsOf(parts[0]!)) : geometryOf(union(featureCollection(parts.map(asFeature)))))

/** Whether two outlines' boxes meet (a cheap test before an overlay). */
export function boxesMeet(a: Outline | Feature<Outline>, b: Outline | Feature<Outline>) {
  const [aw, as, ae, an] = bbox(a)
  const [bw, bs, be, bn] = bbox(b)
  return aw <= be && bw <= ae && as <= bn && bs <= an
}

/** `n1`, `n2`, …: keys not used by any grid of the plan. */
export function freshKeys(grids: readonly PlanGrid[], count: number): string[] {
  let n = 0
  for (const g of grids) {
    const m = /^n(\d+)$/.exec(g.properties.key)
    if (m) n = Math.max(n, Number(m[1]))
  }
  return Array.from({ length: count }, (_, i) => `n${n + i + 1}`)
}

/** A thin strip along a polyline (each segment a rectangle, lengthened a little so the joints overlap). */
export function cutStrip(line: Position[], halfWidthM = CUT_HALF_WIDTH_M): Outline {
  const kx = M_PER_DEG * Math.cos((line[0]![1]! * Math.PI) / 180)
  const rects: Outline[] = []
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = [line[i - 1]![0]! * kx, line[i - 1]![1]! * M_PER_DEG]
    const [x1, y1] = [line[i]![0]! * kx, line[i]![1]! * M_PER_DEG]
    const len = Math.hypot(x1 - x0, y1 - y0)
    if (len === 0) continue
    const [ux, uy] = [((x1 - x0) / len) * halfWidthM, ((y1 - y0) / len) * halfWidthM]
    const corner = (x: number, y: number): Position => [x / kx, y / M_PER_DEG]
    const a = corner(x0 - ux - uy, y0 - uy + ux)
    rects.push({ type: 'Polygon', coordinates: [[a, corner(x1 + ux - uy, y1 + uy + ux), corner(x1 + ux + uy, y1 + uy - ux), corner(x0 - ux + uy, y0 - uy - ux), a]] })
  }
  if (rects.length === 0) throw new Error('a cut needs two distinct points')
  return rects.length === 1 ? rects[0]! : geometryOf(union(featureCollection(rects.map(asFeature))))!
}

export type NameFor = (base: string, n: number) => string

/**
 * Splits every grid the line cuts through. In each, the largest piece stays the grid (its key, code and
 * source grid) and takes the strip of the cut; the others become new grids of the same community,
 * kind and 网格长, without code or source (numbered when published). `cut` lists the grids split.
 */
export function splitGrids(grids: readonly PlanGrid[], line: Position[], nameFor: NameFor): { grids: PlanGrid[]; cut: string[]; created: string[] } {
  const strip = cutStrip(line)
  const out: PlanGrid[] = []
  const cut: string[] = []
  const created: string[] = []
  for (const grid of grids) {
    const pieces = boxesMeet(grid.geometry, strip) ? polygonsOf(grid.geometry).flatMap((part) => piecesOf({ type: 'Polygon', coordinates: part }, strip)) : []
    if (pieces.length < 2) {
      out.push(grid)
      continue
    }
    pieces.sort((a, b) => areaM2(b) - areaM2(a))
    const fresh = pieces.slice(1)
    const kept = minus(grid.geometry, unionOf(fresh)!)
    if (!kept) {
      out.push(grid)
      continue
    }
    cut.push(grid.properties.key)
    out.push({ ...grid, geometry: kept })
    const keys = freshKeys([...grids, ...out], fresh.length)
    fresh.forEach((geometry, i) => {
      created.push(keys[i]!)
      out.push({ type: 'Feature', geometry, properties: { ...grid.properties, key: keys[i]!, name: nameFor(grid.properties.name, i + 2), sourceGridId: null, code: null } })
    })
  }
  return { grids: out, cut, created }
}

/** The pieces a strip cuts a polygon into (one piece: it did not cut through). */
function piecesOf(part: Polygon, strip: Outline): Outline[] {
  const rest = minus(part, strip)
  if (!rest) return []
  const pieces = polygonsOf(rest).map((p) => outlineOf([p])!)
  return pieces.length >= 2 ? pieces : []
}

export type EditError = 'mergeTooFew' | 'mergeCommunities' | 'drawOutside' | 'drawNoCommunity' | 'notAGrid'

/** Merges grids of one community into the largest of them (its key, name, source, code and 网格长). */
export function mergeGrids(grids: readonly PlanGrid[], keys: readonly string[]): { grids: PlanGrid[]; kept: string } | { error: EditError } {
  const chosen = grids.filter((g) => keys.includes(g.properties.key))
  if (chosen.length < 2) return { error: 'mergeTooFew' }
  if (new Set(chosen.map((g) => g.properties.communityId)).size > 1) return { error: 'mergeCommunities' }
  const largest = [...chosen].sort((a, b) => areaM2(b.geometry) - areaM2(a.geometry))[0]!
  const geometry = unionOf(chosen.map((g) => g.geometry))!
  const out = grids.filter((g) => !keys.includes(g.properties.key) || g === largest).map((g) => (g === largest ? { ...g, geometry } : g))
  return { grids: out, kept: largest.properties.key }
}

export interface CarveOptions {
  key: string
  name: string
  /** The plan's area: the new grid is clipped to it (null: as drawn). */
  clip: Outline | null
  /** The community whose outline holds a point, or null. */
  communityAt: (at: Position) => number | null
}

/**
 * A new grid where the planner drew, clipped to the plan's area and taken out of the grids it covers
 * (a grid it swallows whole is gone). It belongs to the community under it, and takes the 网格长 of the
 * grid that gave up the most land.
 */
export function carveGrid(grids: readonly PlanGrid[], drawn: Polygon, o: CarveOptions): { grids: PlanGrid[] } | { error: EditError } {
  const geometry = o.clip ? overlapOf(drawn, o.clip) : outlineOf([drawn.coordinates])
  if (!geometry) return { error: 'drawOutside' }
  let donor: { grid: PlanGrid; m2: number } | null = null
  const out: PlanGrid[] = []
  for (const g of grids) {
    if (!boxesMeet(g.geometry, geometry)) {
      out.push(g)
      continue
    }
    const rest = minus(g.geometry, geometry)
    const given = areaM2(g.geometry) - (rest ? areaM2(rest) : 0)
    if (given >= MIN_PIECE_M2 && (!donor || given > donor.m2)) donor = { grid: g, m2: given }
    if (rest) out.push(rest === g.geometry ? g : { ...g, geometry: rest })
  }
  const inside = interiorPoint(geometry)
  const communityId = o.communityAt(inside) ?? donor?.grid.properties.communityId ?? null
  if (communityId === null) return { error: 'drawNoCommunity' }
  const officer = donor && donor.grid.properties.communityId === communityId ? donor.grid.properties.responsibleOfficerId : null
  out.push({ type: 'Feature', geometry, properties: { key: o.key, name: o.name, kind: 'base', communityId, sourceGridId: null, code: null, responsibleOfficerId: officer } })
  return { grids: out }
}

/** A grid's new outline; the neighbours it now covers give that land up (one it would swallow keeps its own). */
export function reshapeGrid(grids: readonly PlanGrid[], key: string, geometry: Outline): PlanGrid[] {
  const clean = outlineOf(polygonsOf(geometry))
  if (!clean) return [...grids]
  return grids.map((g) => {
    if (g.properties.key === key) return { ...g, geometry: clean }
    if (!boxesMeet(g.geometry, clean)) return g
    const rest = minus(g.geometry, clean)
    return rest ? { ...g, geometry: rest } : g
  })
}

/**
 * Moves a building's footprint (its part inside other grids) into the target grid: the grids it lay
 * in lose it, the target gains it. `movedM2` is 0 when the footprint was in the target already.
 */
export function moveFootprint(grids: readonly PlanGrid[], targetKey: string, footprint: Outline): { grids: PlanGrid[]; movedM2: number; from: string[] } {
  const taken: Outline[] = []
  const from: string[] = []
  const out = grids.map((g) => {
    if (g.properties.key === targetKey || !boxesMeet(g.geometry, footprint)) return g
    const part = overlapOf(g.geometry, footprint)
    if (!part) return g
    const rest = minus(g.geometry, footprint)
    // A grid that is nothing but this building stays: emptying it is a delete, not a paint stroke.
    if (!rest) return g
    taken.push(part)
    from.push(g.properties.key)
    return { ...g, geometry: rest }
  })
  if (taken.length === 0) return { grids: [...grids], movedM2: 0, from }
  const target = out.find((g) => g.properties.key === targetKey)
  if (!target) return { grids: [...grids], movedM2: 0, from: [] }
  const geometry = unionOf([target.geometry, ...taken])!
  return { grids: out.map((g) => (g === target ? { ...g, geometry } : g)), movedM2: taken.reduce((s, t) => s + areaM2(t), 0), from }
}

export const deleteGrids = (grids: readonly PlanGrid[], keys: readonly string[]) => grids.filter((g) => !keys.includes(g.properties.key))

/** A point inside an outline (the middle of the longest horizontal run through its largest polygon's box). */
export function interiorPoint(g: Outline): Position {
  const largest = polygonsOf(g).sort((a, b) => area(polygon(b)) - area(polygon(a)))[0]!
  const [w, s, e, n] = bbox(polygon(largest))
  for (const f of [0.5, 0.3, 0.7, 0.1, 0.9]) {
    const y = s + (n - s) * f
    const xs = crossings(largest, y)
    let best: [number, number] | null = null
    for (let i = 0; i + 1 < xs.length; i += 2) if (!best || xs[i + 1]! - xs[i]! > best[1] - best[0]) best = [xs[i]!, xs[i + 1]!]
    if (best && best[1] > best[0]) return [(best[0] + best[1]) / 2, y]
  }
  return [(w + e) / 2, (s + n) / 2]
}

function crossings(rings: Rings, y: number): number[] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [x0, y0] = ring[i - 1] as [number, number]
      const [x1, y1] = ring[i] as [number, number]
      if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) / (y1 - y0)) * (x1 - x0))
    }
  }
  return xs.sort((a, b) => a - b)
}

/** Whether a drawn line touches a grid at all (to tell "missed every grid" from "did not cut through"). */
export const lineTouches = (grids: readonly PlanGrid[], line: Position[]) =>
  grids.some((g) => booleanIntersects({ type: 'LineString', coordinates: line }, asFeature(g.geometry)))
