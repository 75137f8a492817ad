import type { IncidentNearby, IncidentRecord } from '@gridwatch/server/contracts'
import { api, readArrowColumns, readJson, readOk, type OkBody } from './client'

export type IncidentCategory = OkBody<Awaited<ReturnType<typeof api.api.incidents.categories.$get>>>[number]

const columnNames = ['id', 'lon', 'lat', 'time', 'category'] as const

/** The category table (names in both languages, map colour); `map:read`. */
export async function loadCategories(): Promise<IncidentCategory[]> {
  return readOk(await api.api.incidents.categories.$get())
}

/**
 * The incidents reported since `from` (no upper bound: the live feed continues from here) as Arrow
 * columns, with the category codes the `category` index column refers to.
 */
export async function loadIncidentColumns(from: Date) {
  const { length, columns, metadata } = await readArrowColumns(await api.api.incidents.columns.$get({ query: { from: from.toISOString() } }), columnNames)
  const categoryCodes = (metadata.get('categories') ?? '').split(',').filter(Boolean)
  return { length, ...columns, categoryCodes }
}

/** The newest incidents in scope, newest first (the feed before the live events). */
export async function loadRecentIncidents(limit: number): Promise<IncidentRecord[]> {
  return (await readOk(await api.api.incidents.$get({ query: { limit: String(limit) } }))).items
}

export async function loadIncident(id: number): Promise<IncidentRecord> {
  return readOk(await api.api.incidents[':id'].$get({ param: { id: String(id) } }))
}

/** The nearest police posts and cameras of an incident. */
export async function loadIncidentNearby(id: number): Promise<IncidentNearby> {
  return readJson<IncidentNearby>(await api.api.incidents[':id'].nearby.$get({ param: { id: String(id) } }))
}
