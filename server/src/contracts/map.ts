/** Properties of the map's GeoJSON layers (GET /api/map/grids, /posts, /areas), built in PostGIS. */

/** A grid of the boundary version in force. */
export interface MapGridProperties {
  id: number
  code: string
  name: string
  kind: 'base' | 'dedicated'
  community: string
  communityId: number
  township: string
  townshipId: number
  population: number
  households: number
}

/** A police post (警务室/站). */
export interface MapPostProperties {
  id: number
  code: string
  name: string
  kind: 'room' | 'station' | 'self_service_24h'
  staff: number
  station: string
  stationId: number
}

/** A township or community outline. */
export interface MapAreaProperties {
  id: number
  code: string
  name: string
  level: 'township' | 'community'
  kind: string
  parentId: number | null
}
