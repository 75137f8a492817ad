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

/** An unreadable or refused file. `field` names where, JSON-path-like: `file`, `features`, `features.3.geometry.coordinates.0.17`. */
export class BoundaryFileError extends Error {
  override name = 'BoundaryFileError'
  readonly field?: string
  constructor(message: string, field?: string) {
    super(message)
    this.field = field
  }
}

/**
 * What a boundary file may hold. Grids are drawn by hand or exported from a GIS: these are far above any
 * real county and far below what would tie up the server or the database.
 */
export const boundaryLimits = {
  maxFeatures: 10_000,
  /** Positions in one feature, all rings and parts together. */
  maxVerticesPerFeature: 100_000,
  maxVerticesPerFile: 2_000_000,
  /** Arrays nested in `coordinates`, itself included: a MultiPolygon is polygons → rings → positions. */
  maxCoordinateDepth: 4,
  /** A GeometryCollection may not contain another. */
  maxGeometryCollectionDepth: 1,
  /** Objects and arrays nested in a GeoJSON text; a FeatureCollection of MultiPolygons needs 8. */
  maxJsonDepth: 64,
  /** A position is [lon, lat] or [lon, lat, altitude] in WGS84 degrees. */
  longitude: [-180, 180],
  latitude: [-90, 90],
} as const

/**
 * Reads grid boundaries from GeoJSON, KML or a zipped Shapefile, in WGS84. A Shapefile's .prj is honoured
 * (CGCS2000 Gauss-Krüger, web mercator … are reprojected); GeoJSON is WGS84 by definition (RFC 7946).
 * Files beyond `boundaryLimits`, or with positions that are not WGS84 lon/lat, are refused whole.
 */
export async function readBoundaryFile(bytes: Uint8Array, fileName: string): Promise<BoundaryFile> {
  const { collection, format } = await parseCollection(bytes, fileName)
  checkFeatures(collection.features)
  const features: BoundaryFeature[] = []
  const skipped: BoundaryFile['skipped'] = []
  collection.features.forEach((f, index) => {
    const type = f?.geometry?.type
    const hasCoordinates = f?.geometry && 'coordinates' in f.geometry && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length > 0
    if ((type === 'Polygon' || type === 'MultiPolygon') && !hasCoordinates) skipped.push({ index, reason: `${type} without coordinates` })
    else if (type === 'Polygon' || type === 'MultiPolygon') features.push({ ...f, properties: f.properties ?? {} } as BoundaryFeature)
    else if (type === 'GeometryCollection') {
      const polygons = f.geometry.type === 'GeometryCollection' && Array.isArray(f.geometry.geometries) ? f.geometry.geometries.filter(isFilledPolygon) : []
      if (polygons.length > 0) features.push({ type: 'Feature', properties: f.properties ?? {}, geometry: { type: 'MultiPolygon', coordinates: polygons.map((p) => p.coordinates) } })
      else skipped.push({ index, reason: 'geometry collection without polygons' })
    } else skipped.push({ index, reason: type ? `${type} is not an area` : 'no geometry' })
  })
  return { features, skipped, format }
}

async function parseCollection(bytes: Uint8Array, fileName: string): Promise<{ collection: FeatureCollection; format: BoundaryFile['format'] }> {
  const name = fileName.toLowerCase()
  if (name.endsWith('.zip')) return { collection: await parseShapefile(bytes, fileName), format: 'shapefile' }
  if (name.endsWith('.kml')) return { collection: parseKml(bytes, fileName), format: 'kml' }
  if (name.endsWith('.geojson') || name.endsWith('.json')) return { collection: parseGeoJson(bytes, fileName), format: 'geojson' }
  throw new BoundaryFileError(`Unsupported boundary file ${fileName}: use .geojson, .kml or a zipped Shapefile (.zip)`, 'file')
}

async function parseShapefile(bytes: Uint8Array, fileName: string): Promise<FeatureCollection> {
  let parsed
  try {
    parsed = await parseZip(bytes)
  } catch (error) {
    throw new BoundaryFileError(`${fileName} is not a readable zipped Shapefile (.shp, .shx, .dbf and .prj in a .zip): ${(error as Error).message}`, 'file')
  }
  const layers = Array.isArray(parsed) ? parsed : [parsed]
  return { type: 'FeatureCollection', features: layers.flatMap((l) => l.features) }
}

function parseKml(bytes: Uint8Array, fileName: string): FeatureCollection {
  let doc
  try {
    // Malformed XML still throws; the no-op only keeps xmldom from logging every warning.
    doc = new DOMParser({ onError: () => {} }).parseFromString(new TextDecoder().decode(bytes), 'text/xml')
  } catch (error) {
    throw new BoundaryFileError(`${fileName} is not readable XML: ${(error as Error).message}`, 'file')
  }
  if (doc.getElementsByTagName('kml').length === 0) throw new BoundaryFileError(`${fileName} is not a KML document`, 'file')
  return kml(doc as unknown as Parameters<typeof kml>[0]) as FeatureCollection
}

function parseGeoJson(bytes: Uint8Array, fileName: string): FeatureCollection {
  const text = new TextDecoder().decode(bytes)
  // JSON.parse recurses: a text of nested brackets would overflow the stack (a 500) before any check ran.
  const depth = jsonDepth(text, boundaryLimits.maxJsonDepth)
  if (depth > boundaryLimits.maxJsonDepth) throw new BoundaryFileError(`${fileName} nests JSON more than ${boundaryLimits.maxJsonDepth} levels deep`, 'file')
  let collection: FeatureCollection
  try {
    collection = JSON.parse(text) as FeatureCollection
  } catch (error) {
    throw new BoundaryFileError(`${fileName} is not valid JSON: ${(error as Error).message}`, 'file')
  }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) throw new BoundaryFileError(`${fileName} is not a GeoJSON FeatureCollection`, 'file')
  return collection
}

/** Deepest nesting of `[` and `{` outside strings, stopping once past `stopAbove`. Malformed text is left to JSON.parse. */
function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // backslash: the next character is escaped
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > stopAbove) return deepest
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return deepest
}

const isFilledPolygon = (g: unknown): g is Polygon => isObject(g) && g.type === 'Polygon' && Array.isArray(g.coordinates) && g.coordinates.length > 0

/** Array levels from `coordinates` (level 1) down to a position, by geometry type. Look up with Object.hasOwn: types come from the file. */
const positionLevel: Record<string, number> = { Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: boundaryLimits.maxCoordinateDepth }

/** One geometry with coordinates to check; a GeometryCollection gives one per member. */
interface Part {
  type: string
  coordinates: unknown[]
  /** Path from the feature, e.g. `geometry.geometries.1.coordinates`. */
  path: string
}

/**
 * Refuses the file at the first feature over a limit or with a position that is not WGS84 lon/lat. Vertices are
 * counted from array lengths before any position is looked at, so an absurd polygon is refused cheaply.
 */
function checkFeatures(features: unknown[]): void {
  const limits = boundaryLimits
  if (features.length > limits.maxFeatures) throw new BoundaryFileError(`The file has ${features.length} features; at most ${limits.maxFeatures}`, 'features')
  let total = 0
  for (let index = 0; index < features.length; index++) {
    const feature = `features.${index}`
    const parts = geometryParts(features[index], feature)
    const vertices = parts.reduce((sum, part) => sum + countPositions(part, feature), 0)
    if (vertices > limits.maxVerticesPerFeature) {
      const what = parts.length === 1 ? parts[0]!.type.toLowerCase() : 'geometry'
      throw new BoundaryFileError(`${feature}: ${what} has ${vertices} vertices; at most ${limits.maxVerticesPerFeature} per feature`, `${feature}.${parts.length === 1 ? parts[0]!.path : 'geometry'}`)
    }
    total += vertices
    if (total > limits.maxVerticesPerFile) throw new BoundaryFileError(`${feature}: the file reaches ${total} vertices here; at most ${limits.maxVerticesPerFile} in the whole file`, 'features')
    for (const part of parts) checkPositions(part, feature)
  }
}

/** The feature's geometries of a known type with coordinate arrays; others are skipped later as not areas. */
function geometryParts(feature: unknown, at: string): Part[] {
  const geometry = isObject(feature) ? feature.geometry : undefined
  if (!isObject(geometry)) return []
  if (geometry.type !== 'GeometryCollection') return coordinatePart(geometry, 'geometry')
  if (!Array.isArray(geometry.geometries)) return []
  return geometry.geometries.flatMap((member: unknown, i) => {
    const path = `geometry.geometries.${i}`
    if (isObject(member) && member.type === 'GeometryCollection') throw new BoundaryFileError(`${at}: a GeometryCollection inside a GeometryCollection is not supported`, `${at}.${path}`)
    return isObject(member) ? coordinatePart(member, path) : []
  })
}

function coordinatePart(geometry: Record<string, unknown>, path: string): Part[] {
  const { type, coordinates } = geometry
  return typeof type === 'string' && Object.hasOwn(positionLevel, type) && Array.isArray(coordinates) ? [{ type, coordinates, path: `${path}.coordinates` }] : []
}

/**
 * Calls `visit` with each array whose items should be positions (a ring, a line), checking that every level above
 * is an array. Recursion is at most `maxCoordinateDepth` deep whatever the input.
 */
function walkPositionLists(part: Part, at: string, visit: (positions: unknown[], trail: readonly number[]) => void): void {
  const level = positionLevel[part.type]!
  if (level === 1) return visit([part.coordinates], [])
  const trail: number[] = []
  const walk = (node: unknown[], depth: number): void => {
    if (depth === level - 1) return visit(node, trail)
    node.forEach((child, i) => {
      trail.push(i)
      if (!Array.isArray(child)) throw positionError(part, at, trail, `${part.type} coordinates must be arrays ${level} levels deep; found ${show(child)}`)
      walk(child, depth + 1)
      trail.pop()
    })
  }
  walk(part.coordinates, 1)
}

function countPositions(part: Part, at: string): number {
  let count = 0
  walkPositionLists(part, at, (positions) => void (count += positions.length))
  return count
}

function checkPositions(part: Part, at: string): void {
  const point = positionLevel[part.type] === 1
  walkPositionLists(part, at, (positions, trail) => {
    for (let i = 0; i < positions.length; i++) {
      const problem = positionProblem(positions[i], part.type)
      if (problem) throw positionError(part, at, point ? trail : [...trail, i], problem)
    }
  })
}

const axes = ['longitude', 'latitude', 'altitude'] as const

/** Why `p` is not a WGS84 [lon, lat] or [lon, lat, altitude] position, or undefined if it is one. */
function positionProblem(p: unknown, type: string): string | undefined {
  if (!Array.isArray(p)) return `a position must be [longitude, latitude]; found ${show(p)}`
  if (p.some(Array.isArray)) return `coordinates are nested deeper than a ${type} allows`
  if (p.length !== 2 && p.length !== 3) return `a position must be [longitude, latitude] or [longitude, latitude, altitude]; found ${p.length} values`
  for (let axis = 0; axis < p.length; axis++) {
    const value: unknown = p[axis]
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${axes[axis]} ${show(value)} is not a finite number`
  }
  const [lon, lat] = p as number[]
  const [west, east] = boundaryLimits.longitude
  const [south, north] = boundaryLimits.latitude
  if (lon! < west || lon! > east) return `longitude ${lon} is outside [${west}, ${east}]; positions must be WGS84 degrees`
  if (lat! < south || lat! > north) return `latitude ${lat} is outside [${south}, ${north}]; positions must be WGS84 degrees`
  return undefined
}

function positionError(part: Part, at: string, trail: readonly number[], problem: string): BoundaryFileError {
  const path = [part.path, ...trail].join('.')
  return new BoundaryFileError(`${at}: ${problem} (at ${path})`, `${at}.${path}`)
}

/** A short rendering of an offending value for a message; input may be huge or hostile. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)
  if (Array.isArray(value)) return 'an array'
  if (value === null || typeof value !== 'object') return String(value)
  return 'an object'
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
