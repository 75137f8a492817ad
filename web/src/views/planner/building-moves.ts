import { booleanIntersects, booleanPointInPolygon } from '@turf/turf'
import type { Position } from 'geojson'
import type { PlanGrid } from '../../api/plans'
import { boxesMeet, interiorPoint, moveFootprint, overlapOf, polygonsOf, unionOf, type Outline } from './plan-geometry'

/**
 * The building tool (B) as pure functions: the footprints a painted pointer path passed over, and
 * moving them all into the selected grid in one edit, from neighbouring grids only.
 */

/** Screen pixels between two looks at the map along a painted path (a fast stroke skips no building). */
export const PAINT_STEP_PX = 4
/** Grids closer than this (m) are neighbours: tolerates digitising gaps below the validation's 1 m². */
export const NEIGHBOUR_TOLERANCE_M = 0.5
const M_PER_DEG = 111_320

type ScreenPoint = [number, number]

/** Points every `step` pixels from `from` (excluded) to `to` (included): where to look along one pointer move. */
export function pathSamples(from: ScreenPoint, to: ScreenPoint, step = PAINT_STEP_PX): ScreenPoint[] {
  const n = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]) / step))
  return Array.from({ length: n }, (_, i) => [from[0] + ((to[0] - from[0]) * (i + 1)) / n, from[1] + ((to[1] - from[1]) * (i + 1)) / n])
}

/** A footprint as maplibre hands it out (queryRenderedFeatures): an id when the tiles carry one. */
export interface RenderedFootprint {
  id?: string | number
  geometry: { type: string; coordinates?: unknown }
}

/**
 * Who a footprint is, to count it once however often the path crosses it. The basemap's tiles carry no
 * feature ids, so the rounded outline stands in (the same tile gives the same outline every time).
 */
export function footprintKey(f: RenderedFootprint): string {
  if (f.id !== undefined && f.id !== null) return `id:${f.id}`
  const rings = polygonsOf(f.geometry as Outline).flat(1)
  return rings.map((ring) => ring.map((p) => `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`).join(' ')).join('|')
}

/** Adds the polygon footprints not collected yet; true when any was new. */
export function collectFootprints(collected: Map<string, Outline>, found: readonly RenderedFootprint[]): boolean {
  let added = false
  for (const f of found) {
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') continue
    const key = footprintKey(f)
    if (collected.has(key)) continue
    collected.set(key, f.geometry as Outline)
    added = true
  }
  return added
}

/** Metres per degree east and north at a latitude. */
const scaleAt = (lat: number): [number, number] => [M_PER_DEG * Math.cos((lat * Math.PI) / 180), M_PER_DEG]

/** Distance (m) from a point to a segment, in a local plane. */
function segmentDistanceM(p: Position, a: Position, b: Position, [kx, ky]: [number, number]) {
  const [px, py, ax, ay, bx, by] = [p[0]! * kx, p[1]! * ky, a[0]! * kx, a[1]! * ky, b[0]! * kx, b[1]! * ky]
  const [dx, dy] = [bx - ax, by - ay]
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  return Math.hypot(ax + dx * t - px, ay + dy * t - py)
}

/** Whether some vertex of `a` lies within `toleranceM` of an edge of `b`. */
function vertexNear(a: Outline, b: Outline, toleranceM: number) {
  const k = scaleAt(polygonsOf(a)[0]![0]![0]![1]!)
  const edges = polygonsOf(b).flat(1)
  for (const p of polygonsOf(a).flat(2)) {
    for (const ring of edges) for (let i = 1; i < ring.length; i++) if (segmentDistanceM(p, ring[i - 1]!, ring[i]!, k) <= toleranceM) return true
  }
  return false
}

/** Neighbours: the outlines meet (a shared edge or corner), or leave at most a digitising gap between them. */
export function gridsTouch(a: Outline, b: Outline, toleranceM = NEIGHBOUR_TOLERANCE_M): boolean {
  const margin = toleranceM / M_PER_DEG / 0.5 // degrees, generous in longitude up to 60° of latitude
  const grown: Outline = { type: 'Polygon', coordinates: [boxRing(a, margin)] }
  if (!boxesMeet(grown, b)) return false
  if (booleanIntersects(a, b)) return true
  return vertexNear(a, b, toleranceM) || vertexNear(b, a, toleranceM)
}

function boxRing(g: Outline, margin: number): Position[] {
  const all = polygonsOf(g).flat(2)
  const xs = all.map((p) => p[0]!)
  const ys = all.map((p) => p[1]!)
  const [w, s, e, n] = [Math.min(...xs) - margin, Math.min(...ys) - margin, Math.max(...xs) + margin, Math.max(...ys) + margin]
  return [[w, s], [e, s], [e, n], [w, n], [w, s]]
}

/**
 * Footprints merged where they overlap: a building cut at a tile's edge comes from both tiles, in two
 * overlapping pieces. Buildings themselves do not overlap (neighbours sharing a wall only touch).
 */
export function mergePieces(footprints: readonly Outline[]): Outline[] {
  const buildings: Outline[] = []
  for (const f of footprints) {
    const i = buildings.findIndex((b) => boxesMeet(b, f) && overlapOf(b, f) !== null)
    if (i < 0) buildings.push(f)
    else buildings[i] = unionOf([buildings[i]!, f]) ?? buildings[i]!
  }
  return buildings
}

export type BuildingMove =
  | { ok: true; grids: PlanGrid[]; movedM2: number; buildings: number; from: string[] }
  | { ok: false; reason: 'buildingNoTarget' | 'buildingSame' }
  /** Some footprint lies in a grid that does not touch the target: nothing moves. */
  | { ok: false; reason: 'buildingNotNeighbour'; far: string[] }

/**
 * Moves every painted footprint into the target grid as one edit. Refused whole when a grid giving
 * land does not touch the target (a building two grids away would leave the target in pieces).
 * `buildings` counts the footprints whose centre was outside the target (those whose households move).
 */
export function moveFootprints(grids: readonly PlanGrid[], targetKey: string, footprints: readonly Outline[]): BuildingMove {
  const target = grids.find((g) => g.properties.key === targetKey)
  if (!target) return { ok: false, reason: 'buildingNoTarget' }
  const painted = footprints.length === 0 ? null : unionOf([...footprints])
  if (!painted) return { ok: false, reason: 'buildingSame' }
  const result = moveFootprint(grids, targetKey, painted)
  if (result.movedM2 === 0) return { ok: false, reason: 'buildingSame' }
  const far = result.from.filter((key) => !gridsTouch(grids.find((g) => g.properties.key === key)!.geometry, target.geometry))
  if (far.length > 0) return { ok: false, reason: 'buildingNotNeighbour', far }
  const buildings = mergePieces(footprints).filter((f) => !booleanPointInPolygon(interiorPoint(f), target.geometry)).length
  return { ok: true, grids: result.grids, movedM2: result.movedM2, buildings, from: result.from }
}
