import { bearing as bearingBetween, circle, destination, sector } from '@turf/turf'
import type { CameraRecord } from '@gridwatch/server/contracts'
import type { Feature, Polygon } from 'geojson'

/** A camera's nominal view: where it stands, which way it looks, how wide and how far. */
export interface SectorSpec {
  lon: number
  lat: number
  /** Degrees clockwise from north. */
  bearing: number
  /** Field-of-view angle, degrees. */
  fov: number
  rangeM: number
  kind: CameraRecord['kind']
}

/** As the server builds view areas: a PTZ camera (it turns) or a 360° lens sees the full circle. */
export const seesAllRound = (s: SectorSpec) => s.kind === 'ptz' || s.fov >= 360

/**
 * The sector a camera would see with nothing in the way, for the live preview while its form is
 * open. Only a picture: the stored view area (buildings cut out) comes from the server after saving.
 */
export function sectorPolygon(s: SectorSpec): Feature<Polygon> {
  const center: [number, number] = [s.lon, s.lat]
  if (seesAllRound(s)) return circle(center, s.rangeM, { units: 'meters', steps: 72 })
  // One vertex every 2.5° of arc, like the server's sectors.
  const steps = Math.max(4, Math.ceil(s.fov / 2.5))
  return sector(center, s.rangeM, s.bearing - s.fov / 2, s.bearing + s.fov / 2, { units: 'meters', steps })
}

/** Where the bearing handle sits: at the end of the camera's line of sight. */
export function handlePosition(s: SectorSpec): [number, number] {
  const [lon, lat] = destination([s.lon, s.lat], s.rangeM, s.bearing, { units: 'meters' }).geometry.coordinates
  return [lon!, lat!]
}

/** The whole-degree bearing (0–359, clockwise from north) from one point towards another. */
export function bearingToward(from: [number, number], to: [number, number]): number {
  return (((Math.round(bearingBetween(from, to)) % 360) + 360) % 360)
}
