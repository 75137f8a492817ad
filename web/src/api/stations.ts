import { api, readJson } from './client'

export interface StationChoice {
  id: number
  name: string
}

/**
 * The police stations a user can be scoped to. There is no stations route: the police-post layer names
 * each post's station, and carries its id as `stationId` where the server provides it. Without ids the
 * list is empty and the user form asks for the station number instead.
 */
export async function loadStations(): Promise<StationChoice[]> {
  const posts = await readJson<{ features: { properties: { station?: string; stationId?: number } }[] }>(await api.api.map.posts.$get())
  const byId = new Map<number, string>()
  for (const { properties: p } of posts.features) if (typeof p.stationId === 'number' && p.station) byId.set(p.stationId, p.station)
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
}
