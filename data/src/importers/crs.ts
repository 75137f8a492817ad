import gcoord from 'gcoord'
import proj4 from 'proj4'

/**
 * Coordinate systems Chinese data arrives in, converted to WGS84 [lon, lat] on the way in:
 * - `wgs84` (EPSG:4326): GPS, most GIS exports.
 * - `gcj02`: 国测局 "Mars" coordinates of Gaode/Tencent web maps; `bd09`: Baidu maps. Converted by gcoord.
 * - `cgcs2000` (EPSG:4490): the national geographic system, within centimetres of WGS84.
 * - `EPSG:4491`–`EPSG:4554`: CGCS2000 Gauss-Krüger zones (3° and 6°, with or without the zone prefix),
 *   and `EPSG:3857` (web mercator), projected to WGS84 by proj4.
 */
export type CrsName = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000' | `EPSG:${number}`
export type ToWgs84 = (x: number, y: number) => [number, number]

const gaussKruger = (lon0: number, falseEasting: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${falseEasting} +y_0=0 +ellps=GRS80 +units=m +no_defs`

/** proj4 definitions of the CGCS2000 Gauss-Krüger families, as registered by EPSG. */
function cgcs2000Definition(code: number): string | undefined {
  if (code === 4490) return '+proj=longlat +ellps=GRS80 +no_defs'
  if (code >= 4491 && code <= 4501) {
    const zone = 13 + (code - 4491) // 6° zones 13–23, false easting carries the zone number
    return gaussKruger(zone * 6 - 3, zone * 1_000_000 + 500_000)
  }
  if (code >= 4502 && code <= 4512) return gaussKruger(75 + (code - 4502) * 6, 500_000) // 6° CM 75E–135E
  if (code >= 4513 && code <= 4533) {
    const zone = 25 + (code - 4513) // 3° zones 25–45
    return gaussKruger(zone * 3, zone * 1_000_000 + 500_000)
  }
  if (code >= 4534 && code <= 4554) return gaussKruger(75 + (code - 4534) * 3, 500_000) // 3° CM 75E–135E
  return undefined
}

export class UnknownCrsError extends Error {
  override name = 'UnknownCrsError'
}

export function parseCrs(value: string): CrsName {
  const v = value.trim()
  const lower = v.toLowerCase()
  if (lower === 'wgs84' || lower === 'epsg:4326') return 'wgs84'
  if (lower === 'gcj02' || lower === 'gcj-02') return 'gcj02'
  if (lower === 'bd09' || lower === 'bd-09') return 'bd09'
  if (lower === 'cgcs2000' || lower === 'epsg:4490') return 'cgcs2000'
  const m = /^epsg:(\d{4,5})$/.exec(lower)
  if (m && (Number(m[1]) === 3857 || cgcs2000Definition(Number(m[1])))) return `EPSG:${Number(m[1])}`
  throw new UnknownCrsError(`Unknown coordinate system "${value}": use wgs84, gcj02, bd09, cgcs2000, EPSG:3857 or a CGCS2000 Gauss-Krüger EPSG code (4491–4554)`)
}

/** How to reach each system from WGS84 and back: gcoord for the web-map systems, proj4 for the rest. */
function converters(crs: CrsName): { to: ToWgs84; from: ToWgs84 } {
  const same: ToWgs84 = (x, y) => [x, y]
  if (crs === 'wgs84') return { to: same, from: same }
  if (crs === 'gcj02' || crs === 'bd09') {
    const system = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09
    return {
      to: (x, y) => gcoord.transform([x, y], system, gcoord.WGS84) as [number, number],
      from: (x, y) => gcoord.transform([x, y], gcoord.WGS84, system) as [number, number],
    }
  }
  const code = crs === 'cgcs2000' ? 4490 : Number(crs.slice(5))
  const converter = proj4(code === 3857 ? 'EPSG:3857' : cgcs2000Definition(code)!, 'EPSG:4326')
  return {
    to: (x, y) => converter.forward([x, y]) as [number, number],
    from: (x, y) => converter.inverse([x, y]) as [number, number],
  }
}

export const toWgs84 = (crs: CrsName): ToWgs84 => converters(crs).to

/** The other direction, for tests and fixtures: WGS84 to a named system. */
export const fromWgs84 = (crs: CrsName): ToWgs84 => converters(crs).from
