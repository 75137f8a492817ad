import type { Position } from 'geojson'
import type { SnappableContext, TerraDrawMouseEvent } from 'terra-draw'
import type { PlanGrid } from '../../api/plans'
import { polygonsOf } from './plan-geometry'

/** How near (screen pixels) a vertex or an edge must be to pull the pointer onto it. */
export const SNAP_PX = 12

/**
 * Snaps the pointer to the nearest vertex of another grid within SNAP_PX, else to the nearest point of
 * another grid's edge. The point on an edge is interpolated in degrees along that edge (not unprojected
 * from the screen), so it lies on the neighbour's boundary as exactly as the numbers allow.
 */
export function snapToEdges(event: TerraDrawMouseEvent, context: Pick<SnappableContext, 'project'>, grids: readonly PlanGrid[], exceptKey: string | null): Position | undefined {
  const px = event.containerX
  const py = event.containerY
  let vertex: { at: Position; d: number } | null = null
  let edge: { at: Position; d: number } | null = null
  for (const grid of grids) {
    if (grid.properties.key === exceptKey) continue
    for (const rings of polygonsOf(grid.geometry)) {
      for (const ring of rings) {
        let prev: { p: Position; x: number; y: number } | null = null
        for (const p of ring) {
          const { x, y } = context.project(p[0]!, p[1]!)
          const dv = Math.hypot(x - px, y - py)
          if (dv <= SNAP_PX && (!vertex || dv < vertex.d)) vertex = { at: p, d: dv }
          if (prev) {
            const hit = nearestOnSegment(px, py, prev, { p, x, y })
            if (hit && hit.d <= SNAP_PX && (!edge || hit.d < edge.d)) edge = hit
          }
          prev = { p, x, y }
        }
      }
    }
  }
  return vertex?.at ?? edge?.at
}

function nearestOnSegment(px: number, py: number, a: { p: Position; x: number; y: number }, b: { p: Position; x: number; y: number }) {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const len2 = dx * dx + dy * dy
  if (len2 === 0) return null
  const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len2))
  const at: Position = [a.p[0]! + (b.p[0]! - a.p[0]!) * t, a.p[1]! + (b.p[1]! - a.p[1]!) * t]
  return { at, d: Math.hypot(a.x + dx * t - px, a.y + dy * t - py) }
}
