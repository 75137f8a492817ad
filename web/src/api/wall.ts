import type { GridCard, WallKpis } from '@gridwatch/server/contracts'
import { api, readJson } from './client'

/** The KPI strip of a county day (default: today), in the user's scope. */
export async function loadWallKpis(day?: string): Promise<WallKpis> {
  return readJson<WallKpis>(await api.api.wall.kpis.$get({ query: day ? { day } : {} }))
}

/** A grid's card: who is responsible, 12-month trend, open disputes, cameras. */
export async function loadGridCard(id: number): Promise<GridCard> {
  return readJson<GridCard>(await api.api.grids[':id'].card.$get({ param: { id: String(id) } }))
}
