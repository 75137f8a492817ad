import type { DirectoryPerson, PeopleQuery } from '@gridwatch/server/contracts'
import { api, readJson } from './client'

/** The directory of people for pickers (`people:read`): names, badges, stations, current grid duties. */

/**
 * Active people matching the filter: `role`, `station`, `area` (a community or township: the people of
 * its station), `q` (part of a name or badge number), `limit` (default 500).
 */
export async function listPeople(filter: PeopleQuery = {}, c: { signal?: AbortSignal } = {}): Promise<DirectoryPerson[]> {
  const query: Record<string, string> = {}
  for (const [name, value] of Object.entries(filter)) if (value !== undefined) query[name] = String(value)
  return readJson<DirectoryPerson[]>(await api.api.people.$get({ query }, c.signal ? { init: { signal: c.signal } } : undefined))
}

/** The police officers (民警) of a community's station: who may be a grid's 网格长. */
export const listStationOfficers = (communityId: number, c: { signal?: AbortSignal } = {}) => listPeople({ role: 'police_officer', area: communityId }, c)
