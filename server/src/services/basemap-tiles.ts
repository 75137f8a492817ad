import { GeoJSONVT } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Database } from '../db/client'
import { basemapFeatures, basemapLayers, type BasemapLayer } from '../spatial/basemap-features'

/** Deepest zoom with its own tiles; the map over-zooms beyond it. */
export const BASEMAP_MAX_ZOOM = 15

/**
 * The self-hosted basemap: the county's own water, roads, buildings and boundaries cut into Mapbox
 * vector tiles in memory (PGlite has no ST_AsMVT, so tiling happens here, once; tiles are cached).
 */
export function createBasemapTiles(db: Database) {
  let indexes: Promise<Record<BasemapLayer, GeoJSONVT>> | undefined
  const cache = new Map<string, Uint8Array>()
  const build = () => {
    const building = load().catch((error: unknown) => {
      indexes = undefined
      throw error
    })
    return building
  }
  const load = async () => {
    const features = await basemapFeatures(db)
    const entries = basemapLayers.map((layer) => [layer, new GeoJSONVT(features[layer], { maxZoom: BASEMAP_MAX_ZOOM, indexMaxZoom: 6, tolerance: 2, buffer: 64 })] as const)
    return Object.fromEntries(entries) as Record<BasemapLayer, GeoJSONVT>
  }
  return {
    /** Start building now (at boot) so the first visitor does not wait. */
    warm() {
      indexes ??= build()
      return indexes.then(() => undefined)
    },
    /** Forget everything: call after the basemap's source data changed. */
    invalidate() {
      indexes = undefined
      cache.clear()
    },
    async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
      const key = `${z}/${x}/${y}`
      const hit = cache.get(key)
      if (hit) return hit
      indexes ??= build()
      const layers = await indexes
      const tiles: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {}
      for (const layer of basemapLayers) {
        const tile = layers[layer].getTile(z, x, y)
        if (tile) tiles[layer] = tile
      }
      if (Object.keys(tiles).length === 0) return null
      const bytes = fromGeojsonVt(tiles, { version: 2, extent: 4096 })
      if (cache.size > 4000) cache.delete(cache.keys().next().value!)
      cache.set(key, bytes)
      return bytes
    },
  }
}
export type BasemapTiles = ReturnType<typeof createBasemapTiles>
