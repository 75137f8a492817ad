import type { Page } from 'playwright-core'

/** What `window.gridwatchMap` (web/src/map/debug-hook.ts) offers a test. */
export type PickResult = { layer: string | null; index: number; object: Record<string, unknown> | null } | null
export interface MapInspector {
  isReady(): boolean
  layers(): { id: string; visible: boolean; count: number }[]
  project(lngLat: [number, number]): [number, number]
  pick(x: number, y: number, radius?: number): PickResult
  renderedBasemapFeatures(layer: string): number
  mapLayerOrder(): string[]
  zoom(): number
  jumpTo(view: { center: [number, number]; zoom: number }): void
  feedIds(): number[]
  kpis(): Record<string, number | null>
  incidentWindow(): { from: string } | null
  incidentCountOnMap(id: number): number
  firstDrawnAt(id: number): number | null
  live: { state(): string; lastEventId(): number | null; drop(): void }
}

/** The deck.gl layers of the wall for a role that sees everything, bottom to top. */
export const wallLayerIds = ['grids', 'areas', 'camera-fov', 'cameras', 'incident-heat', 'incident-points', 'posts', 'incident-focus', 'incident-pulse']

/** Runs `fn` in the page with the map inspector (the function travels as source text). */
export const inspect = <T>(page: Page, fn: (map: MapInspector, arg: never) => T, arg?: unknown) =>
  page.evaluate(([body, a]) => new Function('map', 'arg', `return (${body})(map, arg)`)((window as unknown as { gridwatchMap: MapInspector }).gridwatchMap, a), [fn.toString(), arg] as const) as Promise<T>

export const DEMO_PASSWORD = 'gridwatch-demo'

/** Opens the app and signs in through the sign-in form, as a user would; resolves once the app shell is up. */
export async function signInThroughForm(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  if (!page.url().startsWith(baseUrl)) await page.goto(baseUrl)
  const form = page.locator('[data-testid=sign-in]')
  await form.waitFor({ timeout: 60_000 })
  await form.locator('input[name=username]').fill(username)
  await form.locator('input[name=password]').fill(password)
  await form.locator('button[type=submit]').click()
  await page.locator('[data-testid=who]').waitFor({ timeout: 60_000 })
}

/** Waits until the map has drawn its tiles and `layers` deck.gl layers. */
export async function waitForMap(page: Page, layers: number) {
  await page.waitForFunction(
    (n) => {
      const map = (window as unknown as { gridwatchMap?: { isReady(): boolean; layers(): unknown[] } }).gridwatchMap
      return map?.isReady() === true && map.layers().length === n
    },
    layers,
    { timeout: 120_000 },
  )
}
