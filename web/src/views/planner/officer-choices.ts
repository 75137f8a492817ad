import type { DirectoryPerson } from '@gridwatch/server/contracts'
import type { PlanGrid } from '../../api/plans'

/** A police officer the planner may make a grid's 网格长, with the grids they answer for already. */
export interface OfficerChoice {
  person: DirectoryPerson
  /** Grids in force they are 网格长 of (by name). */
  inForce: string[]
  /** Grids of this plan naming them 网格长, the grid being edited aside (by name). */
  inPlan: string[]
}

/** Whether a person's name or badge number contains the query (blank: everyone). */
export function matchesOfficer(person: DirectoryPerson, query: string): boolean {
  const q = query.trim().toLowerCase()
  return q === '' || person.name.toLowerCase().includes(q) || (person.badgeNo ?? '').toLowerCase().includes(q)
}

/**
 * The station's officers matching the query, in the directory's order, each with the grids in force
 * and in the plan they answer for (the plan's own choices count: a planner spreads the load by them).
 */
export function officerChoices(people: readonly DirectoryPerson[], planGrids: readonly PlanGrid[], gridKey: string, query: string): OfficerChoice[] {
  const inPlan = new Map<number, string[]>()
  for (const g of planGrids) {
    const id = g.properties.responsibleOfficerId
    if (id === null || g.properties.key === gridKey) continue
    inPlan.set(id, [...(inPlan.get(id) ?? []), g.properties.name])
  }
  return people
    .filter((p) => matchesOfficer(p, query))
    .map((person) => ({
      person,
      inForce: person.duties.filter((d) => d.duty === 'responsible_officer').map((d) => d.gridName),
      inPlan: inPlan.get(person.id) ?? [],
    }))
}
