import type { MapHandle } from './use-map'

/**
 * `window.gridwatchMap`: a read-only window into the wall for end-to-end tests, benchmarks and
 * support. It exposes nothing beyond what the screen shows (plus the live connection's state).
 *
 *   isReady()                  map style and tiles loaded
 *   layers()                   every deck.gl layer: { id, visible, count } — count is the number of
 *                              items the layer was given (features, points, sectors)
 *   project([lng, lat])        → [x, y] in map-container pixels
 *   pick(x, y, radius?)        what deck.gl has under a pixel: { layer, index, object }
 *   renderedBasemapFeatures(l) features maplibre drew for basemap layer `l`
 *   mapLayerOrder()            maplibre's layer ids bottom to top (deck.gl's interleaved groups included)
 *   zoom(), jumpTo({ center, zoom })
 *   feedIds()                  incident ids of the feed rows, top to bottom
 *   kpis()                     the KPI strip's numbers as shown: { name: number | null }
 *   incidentWindow()           { from } (ISO) of the incidents loaded on the map, or null
 *   incidentCountOnMap(id)     how many times an incident is in the map's data (0 or 1)
 *   firstDrawnAt(id)           performance.timeOrigin + performance.now() of the first frame drawn
 *                              (deck.gl onAfterRender) after the map data containing the incident was
 *                              set, or null — the screen end of an event-to-screen latency
 *   live.state()               'connecting' | 'live' | 'reconnecting' | 'closed'
 *   live.lastEventId()         id of the last live event received
 *   live.drop()                drops the live connection as a network failure would (it resumes)
 *   cameraColor(id)            [r, g, b] the cameras layer draws a camera in (live status colours), or null
 *   coverage()                 the coverage view: { viewAreas: { bbox, cameras } | null } — the box
 *                              and camera set of the view areas on the map (null elsewhere)
 */
export interface WallInspection {
  feedIds(): number[]
  kpis(): Record<string, number | null>
  incidentWindow(): { from: string } | null
  incidentCountOnMap(id: number): number
  firstDrawnAt(id: number): number | null
  live: { state(): string; lastEventId(): number | null; drop(): void } | null
  cameraColor(id: number): [number, number, number] | null
}

/** What the coverage view adds: which request its view areas answer. */
export interface CoverageInspection {
  viewAreas: { bbox: string; cameras: string } | null
}

/** The parts a view answers: the wall all of WallInspection, the coverage view its own. */
export type ViewInspection = Partial<WallInspection> & { coverage?: CoverageInspection }

type DeckLayerLike = { id: string; props: { visible?: boolean; data?: unknown } }

/** Items a layer was given: GeoJSON features, an array's rows, or binary data's `length`. */
function itemCount(data: unknown): number {
  if (Array.isArray(data)) return data.length
  if (data && typeof data === 'object') {
    const d = data as { features?: unknown[]; length?: number }
    if (Array.isArray(d.features)) return d.features.length
    if (typeof d.length === 'number') return d.length
  }
  return 0
}

export function exposeMapForInspection(handle: MapHandle | null, wall: () => ViewInspection) {
  const target = window as unknown as { gridwatchMap?: unknown }
  if (!handle) {
    delete target.gridwatchMap
    return
  }
  const deckLayers = () => (handle.overlay as unknown as { _deck?: { props: { layers: DeckLayerLike[] } } })._deck?.props.layers ?? []
  target.gridwatchMap = {
    isReady: () => handle.map.loaded() && handle.map.areTilesLoaded(),
    layers: () => deckLayers().map((l) => ({ id: l.id, visible: l.props.visible !== false, count: itemCount(l.props.data) })),
    project: (lngLat: [number, number]) => {
      const p = handle.map.project(lngLat)
      return [p.x, p.y]
    },
    pick: (x: number, y: number, radius = 3) => {
      const info = handle.overlay.pickObject({ x, y, radius })
      return info ? { layer: info.layer?.id ?? null, index: info.index, object: info.object ? JSON.parse(JSON.stringify(info.object, (_k, v) => (typeof v === 'object' && v?.type === 'Polygon' ? undefined : v))) : null } : null
    },
    renderedBasemapFeatures: (layer: string) => handle.map.queryRenderedFeatures({ layers: [layer] }).length,
    mapLayerOrder: () => handle.map.getLayersOrder(),
    zoom: () => handle.map.getZoom(),
    jumpTo: (view: { center: [number, number]; zoom: number }) => handle.map.jumpTo(view),
    feedIds: () => wall().feedIds?.() ?? [],
    kpis: () => wall().kpis?.() ?? {},
    incidentWindow: () => wall().incidentWindow?.() ?? null,
    incidentCountOnMap: (id: number) => wall().incidentCountOnMap?.(id) ?? 0,
    firstDrawnAt: (id: number) => wall().firstDrawnAt?.(id) ?? null,
    cameraColor: (id: number) => wall().cameraColor?.(id) ?? null,
    coverage: () => wall().coverage ?? null,
    live: {
      state: () => wall().live?.state() ?? 'closed',
      lastEventId: () => wall().live?.lastEventId() ?? null,
      drop: () => wall().live?.drop(),
    },
  }
}
