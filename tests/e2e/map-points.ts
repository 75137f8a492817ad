import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { Page } from 'playwright-core'
import { inspect } from './browser-session'

export type GridFeature = Feature<Polygon | MultiPolygon, { id: number; name: string }>

/** A point inside a grid: the mean of its outer ring's corners (the demo's grids are convex Voronoi cells). */
export function insideOf(grid: GridFeature): [number, number] {
  const ring = (grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : grid.geometry.coordinates[0]![0]!).slice(0, -1)
  return [ring.reduce((s, c) => s + c[0]!, 0) / ring.length, ring.reduce((s, c) => s + c[1]!, 0) / ring.length]
}

/**
 * Clicks the map where a [lon, lat] is drawn, at `zoom`. The pointer comes in from the side first, as a
 * hand on a mouse does (hover effects run before the click).
 */
export async function clickMapAt(p: Page, lngLat: [number, number], zoom: number) {
  await inspect(p, (map, view: { center: [number, number]; zoom: number }) => map.jumpTo(view), { center: lngLat, zoom })
  await p.waitForTimeout(500)
  const [x, y] = await inspect(p, (map, at: [number, number]) => map.project(at), lngLat)
  const box = (await p.locator('[data-testid=map]').boundingBox())!
  await p.mouse.move(box.x + x - 20, box.y + y - 20)
  await p.mouse.move(box.x + x, box.y + y, { steps: 4 })
  await p.waitForTimeout(300)
  await p.mouse.click(box.x + x, box.y + y)
}
