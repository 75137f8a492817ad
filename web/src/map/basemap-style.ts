import type { StyleSpecification } from 'maplibre-gl'

/**
 * Dark basemap for wall screens, drawn from the county's own data served by our server as vector
 * tiles. No `glyphs`: maplibre renders labels with the system's local fonts, so nothing is fetched
 * from outside. `scale` enlarges text and lines on big screens (2 on a 3840-pixel wall), so a name
 * reads from across the room.
 */
export function basemapStyle(origin: string, maxZoom: number, scale = 1): StyleSpecification {
  const px = (n: number) => n * scale
  return {
    version: 8,
    name: 'GridWatch dark',
    sources: {
      county: { type: 'vector', tiles: [`${origin}/api/basemap/tiles/{z}/{x}/{y}.pbf`], minzoom: 0, maxzoom: maxZoom, attribution: 'GridWatch' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#0a111d' } },
      { id: 'water', type: 'fill', source: 'county', 'source-layer': 'water', paint: { 'fill-color': '#0f2a44' } },
      {
        id: 'buildings',
        type: 'fill',
        source: 'county',
        'source-layer': 'buildings',
        minzoom: 12,
        paint: { 'fill-color': '#1d2a3d', 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 12, 0.3, 15, 0.9], 'fill-outline-color': '#27374f' },
      },
      road('roads-village', 'village', '#26334a', [[11, 0.4], [16, 3]], scale),
      road('roads-street', 'street', '#2c3a52', [[11, 0.4], [16, 6]], scale),
      road('roads-secondary', 'secondary', '#4a5a73', [[8, 0.6], [16, 8]], scale),
      road('roads-primary', 'primary', '#7a6a45', [[8, 0.9], [16, 10]], scale),
      road('roads-expressway', 'expressway', '#b07b2c', [[6, 1], [16, 12]], scale),
      {
        id: 'boundaries-community',
        type: 'line',
        source: 'county',
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 'community'],
        minzoom: 10,
        paint: { 'line-color': '#5d7396', 'line-width': px(1), 'line-dasharray': [3, 2] },
      },
      {
        id: 'boundaries-township',
        type: 'line',
        source: 'county',
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 'township'],
        paint: { 'line-color': '#8fa6c9', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, px(1.2), 14, px(2.5)] },
      },
      {
        id: 'boundaries-county',
        type: 'line',
        source: 'county',
        'source-layer': 'boundaries',
        filter: ['==', ['get', 'level'], 'county'],
        paint: { 'line-color': '#c6d4ea', 'line-width': px(3) },
      },
      {
        id: 'labels-township',
        type: 'symbol',
        source: 'county',
        'source-layer': 'places',
        filter: ['==', ['get', 'level'], 'township'],
        maxzoom: 13,
        layout: { 'text-field': ['get', 'name'], 'text-size': ['interpolate', ['linear'], ['zoom'], 8, px(15), 12, px(22)] },
        paint: { 'text-color': '#eef4ff', 'text-halo-color': '#0a111d', 'text-halo-width': px(2.5) },
      },
      {
        id: 'labels-community',
        type: 'symbol',
        source: 'county',
        'source-layer': 'places',
        filter: ['==', ['get', 'level'], 'community'],
        minzoom: 12,
        layout: { 'text-field': ['get', 'name'], 'text-size': px(14) },
        paint: { 'text-color': '#c3d0e4', 'text-halo-color': '#0a111d', 'text-halo-width': px(2) },
      },
    ],
  }
}

function road(id: string, cls: string, color: string, widths: [number, number][], scale: number) {
  return {
    id,
    type: 'line' as const,
    source: 'county',
    'source-layer': 'roads',
    filter: ['==', ['get', 'class'], cls] as ['==', ['get', string], string],
    layout: { 'line-cap': 'round' as const, 'line-join': 'round' as const },
    paint: { 'line-color': color, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], ...widths.flatMap(([zoom, width]) => [zoom, width * scale])] as never },
  }
}
