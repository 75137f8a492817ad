import type { Position } from 'geojson'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { inspect } from './browser-session'

/** The planner's map as a browser test reads it: its deck.gl layers, screen points, a map at rest. */

export const layerCount = async (p: Page, id: string) => (await inspect(p, (map) => map.layers())).find((l) => l.id === id)?.count ?? null

/** Where a [lon, lat] is on the screen. */
export async function screenPoint(p: Page, at: Position): Promise<[number, number]> {
  const [x, y] = await inspect(p, (map, lngLat: [number, number]) => map.project(lngLat), at)
  const box = (await p.locator('[data-testid=map]').boundingBox())!
  return [box.x + x, box.y + y]
}

/** The map has stopped moving and drawn its tiles. */
export async function settled(p: Page) {
  await expect
    .poll(async () => {
      const before = await inspect(p, (map) => map.zoom())
      await p.waitForTimeout(300)
      return before === (await inspect(p, (map) => map.zoom())) && (await inspect(p, (map) => map.isReady()))
    }, { timeout: 60_000 })
    .toBe(true)
}
