import type { MapHandle } from './use-map'

/**
 * A read-only window into the map for end-to-end tests and support: which deck.gl layers are drawn
 * with how many features, and what is under a pixel. Exposes no data beyond what the map shows.
 */
export function exposeMapForInspection(handle: MapHandle | null, counts: () => Record<string, number>) {
  const target = window as unknown as { gridwatchMap?: unknown }
  if (!handle) {
    delete target.gridwatchMap
    return
  }
  target.gridwatchMap = {
    isReady: () => handle.map.loaded() && handle.map.areTilesLoaded(),
    layers: () => {
      const counted = counts()
      return (handle.overlay as unknown as { _deck?: { props: { layers: { id: string; props: { visible?: boolean } }[] } } })._deck?.props.layers.map((l) => ({
        id: l.id,
        visible: l.props.visible !== false,
        count: counted[l.id] ?? 0,
      })) ?? []
    },
    project: (lngLat: [number, number]) => {
      const p = handle.map.project(lngLat)
      return [p.x, p.y]
    },
    pick: (x: number, y: number, radius = 3) => {
      const info = handle.overlay.pickObject({ x, y, radius })
      return info ? { layer: info.layer?.id ?? null, index: info.index, object: info.object ? JSON.parse(JSON.stringify(info.object, (_k, v) => (typeof v === 'object' && v?.type === 'Polygon' ? undefined : v))) : null } : null
    },
    renderedBasemapFeatures: (layer: string) => handle.map.queryRenderedFeatures({ layers: [layer] }).length,
  }
}
