// shpjs ships no types: only the entry point GridWatch uses.
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson'
  type Collection = FeatureCollection & { fileName?: string }
  /** Reads a zipped shapefile; reprojects to WGS84 using its .prj. One collection per .shp in the zip. */
  export function parseZip(buffer: ArrayBuffer | Uint8Array): Promise<Collection | Collection[]>
}
