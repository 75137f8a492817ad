import type { MapAreaProperties } from '@gridwatch/server/contracts'
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import type { CameraColumns } from '../map/layers/cameras-layer'
import type { GridProperties } from '../map/layers/grids-layer'
import type { PostProperties } from '../map/layers/posts-layer'
import { api, readArrowColumns, readJson, readOk, type OkBody } from './client'

export type BasemapInfo = { bounds: [number, number, number, number] | null; maxZoom: number }
export type GridCollection = FeatureCollection<Polygon | MultiPolygon, GridProperties>
export type PostCollection = FeatureCollection<Point, PostProperties>
export type HealthCounts = OkBody<Awaited<ReturnType<typeof api.api.health.counts.$get>>>

/** A township or community outline (`GET /api/map/areas`). */
export type AreaProperties = MapAreaProperties
export type AreaCollection = FeatureCollection<MultiPolygon, AreaProperties>

/** Per-grid statistics of a window (`GET /api/grids/stats`). */
export type GridStatsPage = OkBody<Awaited<ReturnType<typeof api.api.grids.stats.$get>>>
export type GridStats = GridStatsPage['grids'][number]

const cameraColumnNames = ['id', 'lon', 'lat', 'bearing', 'fov', 'rangeM', 'status', 'kind'] as const

export const loadBasemapInfo = async () => readJson<BasemapInfo>(await api.api.basemap.info.$get())
export const loadGrids = async () => readJson<GridCollection>(await api.api.map.grids.$get())
export const loadPosts = async () => readJson<PostCollection>(await api.api.map.posts.$get())
export const loadAreas = async () => readJson<AreaCollection>(await api.api.map.areas.$get())
export const loadHealthCounts = async () => readOk(await api.api.health.counts.$get())

/** Cameras in the user's scope as typed-array columns (`cameras:read`). */
export async function loadCameras(): Promise<CameraColumns> {
  const { length, columns } = await readArrowColumns(await api.api.map.cameras.$get(), cameraColumnNames)
  return { length, ...columns }
}

/** Per-grid statistics of [from, to) in the user's scope, against the boundary version in force. */
export async function loadGridStats(window: { from: Date; to: Date }): Promise<GridStatsPage> {
  return readOk(await api.api.grids.stats.$get({ query: { from: window.from.toISOString(), to: window.to.toISOString() } }))
}
