import type { BlockMove, PlanSuggestion } from '@gridwatch/server/contracts'
import type { Polygon, Position } from 'geojson'
import type { PlanGrid } from '../../api/plans'
import { interiorPoint } from './plan-geometry'

/**
 * A rebalancing suggestion as the planner previews it: the moved blocks and arrows for the map, the
 * per-grid workloads before and after for the chart, the balance figures' change, and the grids to
 * save when it is accepted. Pure functions of the server's answer and the plan.
 */

/** A balance figure before and after; `change` relative to before (null when either is unknown or before is 0). */
export interface FigureChange {
  before: number | null
  after: number | null
  change: number | null
  /** Lower is better for the workload's CV and max/min: null when unknown or the same. */
  verdict: 'better' | 'worse' | null
}

/** Relative changes smaller than this are "the same". */
const SAME = 1e-9

export function figureChange(before: number | null, after: number | null): FigureChange {
  if (before === null || after === null) return { before, after, change: null, verdict: null }
  const change = before === 0 ? null : (after - before) / before
  const verdict = Math.abs(after - before) <= SAME ? null : after < before ? 'better' : 'worse'
  return { before, after, change, verdict }
}

export interface WorkloadBar {
  key: string
  name: string
  before: number
  after: number
}

/**
 * Each grid's workload (incidents, 12 months) before and after the moves, busiest first (as before).
 * `grids` are the scores of the revision the suggestion was made for.
 */
export function workloadBars(grids: readonly { key: string; name: string; incidents12m: number }[], moves: readonly BlockMove[]): WorkloadBar[] {
  const after = new Map(grids.map((g) => [g.key, g.incidents12m]))
  for (const m of moves) {
    after.set(m.from, (after.get(m.from) ?? 0) - m.incidents12m)
    after.set(m.to, (after.get(m.to) ?? 0) + m.incidents12m)
  }
  return grids.map((g) => ({ key: g.key, name: g.name, before: g.incidents12m, after: after.get(g.key)! })).sort((a, b) => b.before - a.before || a.key.localeCompare(b.key))
}

/**
 * The plan's grids with the suggestion accepted: the grids a move touches take the server's outline,
 * every other grid stays the very object it was (its history, its code kept at publishing).
 */
export function applySuggestion(grids: readonly PlanGrid[], suggestion: PlanSuggestion): PlanGrid[] {
  const touched = new Set(suggestion.moves.flatMap((m) => [m.from, m.to]))
  const outlines = new Map(suggestion.grids.features.filter((f) => touched.has(f.properties.key)).map((f) => [f.properties.key, f.geometry]))
  return grids.map((g) => {
    const geometry = outlines.get(g.properties.key)
    return geometry ? { ...g, geometry } : g
  })
}

/** One moved block on the map, numbered as in the list of moves (from 1). */
export interface MovedBlock {
  type: 'Feature'
  geometry: Polygon
  properties: { n: number; from: string; to: string; label: Position }
}

/** An arrow from a moved block towards the grid it joins: [start, tip] in [lng, lat]. */
export interface MoveArrow {
  n: number
  path: [Position, Position]
}

export interface SuggestionOverlay {
  blocks: MovedBlock[]
  arrows: MoveArrow[]
}

/**
 * The arrow stops short of the receiving grid's label (which stays readable); a far label only sets
 * its direction: at most ARROW_MIN_CAP_M long, or 1.5 × the block's size for a big (rural) block.
 */
const ARROW_REACH = 0.8
const ARROW_MIN_CAP_M = 350
const M_PER_DEG = 111_320

/**
 * The moved blocks (hatched on the map, numbered) and an arrow from each block's centre towards the
 * label of the grid it joins (where that grid's name is drawn).
 */
export function suggestionOverlay(suggestion: PlanSuggestion, grids: readonly PlanGrid[]): SuggestionOverlay {
  const labelOf = new Map(grids.map((g) => [g.properties.key, interiorPoint(g.geometry)]))
  const blocks: MovedBlock[] = []
  const arrows: MoveArrow[] = []
  suggestion.moves.forEach((m, i) => {
    const n = i + 1
    const start = interiorPoint(m.geometry)
    blocks.push({ type: 'Feature', geometry: m.geometry, properties: { n, from: m.from, to: m.to, label: start } })
    const target = labelOf.get(m.to)
    const path = target ? arrowBetween(start, target, Math.max(ARROW_MIN_CAP_M, 1.5 * Math.sqrt(m.areaM2))) : null
    if (path) arrows.push({ n, path })
  })
  return { blocks, arrows }
}

/** A local equirectangular frame in metres round a point: arrows keep their shape at any latitude. */
function localFrame(origin: Position) {
  const kx = M_PER_DEG * Math.cos((origin[1]! * Math.PI) / 180)
  return {
    toMetres: (p: Position): [number, number] => [(p[0]! - origin[0]!) * kx, (p[1]! - origin[1]!) * M_PER_DEG],
    toLngLat: (x: number, y: number): Position => [origin[0]! + x / kx, origin[1]! + y / M_PER_DEG],
  }
}

/** From `start` 80% of the way to `target`, at most `maxM` metres; null when they (nearly) coincide. */
export function arrowBetween(start: Position, target: Position, maxM: number): [Position, Position] | null {
  const frame = localFrame(start)
  const [x, y] = frame.toMetres(target)
  const distance = Math.hypot(x, y)
  const length = Math.min(distance * ARROW_REACH, maxM)
  if (length < 1) return null
  return [start, frame.toLngLat((x / distance) * length, (y / distance) * length)]
}

/**
 * An arrow's head, `headM` long (at most 60% of the arrow) and 0.9 × as wide, its tip at the arrow's
 * end; and the shaft, shortened to end at the head's base (a wide line would poke through the tip).
 */
export function arrowHead([start, tip]: [Position, Position], headM: number): { shaft: Position[]; head: Position[] } {
  const frame = localFrame(start)
  const [x, y] = frame.toMetres(tip)
  const length = Math.hypot(x, y)
  const [ux, uy] = [x / length, y / length]
  const h = Math.min(headM, 0.6 * length)
  const [bx, by] = [x - ux * h, y - uy * h]
  const half = h * 0.45
  return {
    shaft: [start, frame.toLngLat(bx, by)],
    head: [tip, frame.toLngLat(bx - uy * half, by + ux * half), frame.toLngLat(bx + uy * half, by - ux * half), tip],
  }
}

/** Ground metres per screen pixel at a zoom level and latitude (maplibre's 512-pixel tiles). */
export const metresPerPixel = (zoom: number, lat: number) => (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom)

/** The [west, south, east, north] box of the blocks and arrows (to fly to), null without moves. */
export function overlayBounds(overlay: SuggestionOverlay): [number, number, number, number] | null {
  const points = [...overlay.blocks.flatMap((b) => b.geometry.coordinates.flat()), ...overlay.arrows.map((a) => a.path[1])]
  if (points.length === 0) return null
  const xs = points.map((p) => p[0]!)
  const ys = points.map((p) => p[1]!)
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}
