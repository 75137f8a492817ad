/// <reference path="../types/shpjs.d.ts" />
import { kml } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { parseZip } from 'shpjs'

export type BoundaryFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>

export interface BoundaryFile {
  features: BoundaryFeature[]
  /** Features that are not areas (points, lines, empty): position in the file and why. */
  skipped: { index: number; reason: string }[]
  format: 'geojson' | 'kml' | 'shapefile'
}

export class BoundaryFileError extends Error {
  override name = 'BoundaryFileError'
}

/**
 * Reads grid boundaries from GeoJSON, KML or a zipped Shapefile, in WGS84. A Shapefile's .prj is honoured
 * (CGCS2000 Gauss-Krüger, web mercator … are reprojected); GeoJSON is WGS84 by definition (RFC 7946).
 */
export async function readBoundaryFile(bytes: Uint8Array, fileName: string): Promise<BoundaryFile> {
  const name = fileName.toLowerCase()
  let collection: FeatureCollection
  let format: BoundaryFile['format']
  if (name.endsWith('.zip')) {
    format = 'shapefile'
    let parsed
    try {
      parsed = await parseZip(bytes)
    } catch (error) {
      throw new BoundaryFileError(`${fileName} is not a readable zipped Shapefile (.shp, .shx, .dbf and .prj in a .zip): ${(error as Error).message}`)
    }
    const layers = Array.isArray(parsed) ? parsed : [parsed]
    collection = { type: 'FeatureCollection', features: layers.flatMap((l) => l.features) }
  } else if (name.endsWith('.kml')) {
    format = 'kml'
    const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'text/xml')
    if (doc.getElementsByTagName('kml').length === 0) throw new BoundaryFileError(`${fileName} is not a KML document`)
    collection = kml(doc as unknown as Parameters<typeof kml>[0]) as FeatureCollection
  } else if (name.endsWith('.geojson') || name.endsWith('.json')) {
    format = 'geojson'
    try {
      collection = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection
    } catch (error) {
      throw new BoundaryFileError(`${fileName} is not valid JSON: ${(error as Error).message}`)
    }
    if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) throw new BoundaryFileError(`${fileName} is not a GeoJSON FeatureCollection`)
  } else {
    throw new BoundaryFileError(`Unsupported boundary file ${fileName}: use .geojson, .kml or a zipped Shapefile (.zip)`)
  }
  const features: BoundaryFeature[] = []
  const skipped: BoundaryFile['skipped'] = []
  collection.features.forEach((f, index) => {
    const type = f?.geometry?.type
    const hasCoordinates = f?.geometry && 'coordinates' in f.geometry && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length > 0
    if ((type === 'Polygon' || type === 'MultiPolygon') && !hasCoordinates) skipped.push({ index, reason: `${type} without coordinates` })
    else if (type === 'Polygon' || type === 'MultiPolygon') features.push({ ...f, properties: f.properties ?? {} } as BoundaryFeature)
    else if (type === 'GeometryCollection') {
      const polygons = f.geometry.type === 'GeometryCollection' ? f.geometry.geometries.filter((g): g is Polygon => g.type === 'Polygon') : []
      if (polygons.length > 0) features.push({ type: 'Feature', properties: f.properties ?? {}, geometry: { type: 'MultiPolygon', coordinates: polygons.map((p) => p.coordinates) } })
      else skipped.push({ index, reason: 'geometry collection without polygons' })
    } else skipped.push({ index, reason: type ? `${type} is not an area` : 'no geometry' })
  })
  return { features, skipped, format }
}
