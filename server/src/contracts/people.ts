import { z } from 'zod'

/** 民警, 辅警, 网格员, 义警, 警务助理, 调解员 (the `person_role` enum). */
export const personRoles = ['police_officer', 'auxiliary_officer', 'grid_worker', 'volunteer_police', 'police_assistant', 'mediator'] as const
export type PersonRole = (typeof personRoles)[number]

/** GET /api/people: filters of the directory. `area` is a community or township: the people of its station. */
export const peopleQuery = z.object({
  role: z.enum(personRoles).optional(),
  station: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  area: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  q: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
})
export type PeopleQuery = z.input<typeof peopleQuery>

/** One person of the directory: who they are and what grids they answer for now. Phones are not listed. */
export interface DirectoryPerson {
  id: number
  name: string
  role: PersonRole
  badgeNo: string | null
  station: { id: number; name: string } | null
  /** Mediators: their panel or organisation (老娘舅 panel, law firm, volunteer team). */
  organisation: string | null
  /** Current duties in grids of the version in force. */
  duties: { gridId: number; gridCode: string; gridName: string; duty: 'responsible_officer' | 'assistant' | 'grid_worker' }[]
}
