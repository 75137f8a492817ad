import type { PersonRole, PlanProblem } from '@gridwatch/server/contracts'
import type { MessageKey } from '../../i18n/messages'

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

/** A person's role in the reader's language (the type makes a new server role fail the build until it has one). */
export const personRoleLabels: Record<PersonRole, MessageKey> = {
  police_officer: 'personRolePoliceOfficer',
  auxiliary_officer: 'personRoleAuxiliaryOfficer',
  grid_worker: 'personRoleGridWorker',
  volunteer_police: 'personRoleVolunteerPolice',
  police_assistant: 'personRolePoliceAssistant',
  mediator: 'personRoleMediator',
}

const roleName = (t: Translate, role: string | undefined) => (role !== undefined && Object.hasOwn(personRoleLabels, role) ? t(personRoleLabels[role as PersonRole]) : (role ?? '?'))

/** The message of a kind when the server sent no names for it (an older server, or a kind without any). */
const plainMessages: Record<PlanProblem['kind'], MessageKey> = {
  invalid_geometry: 'probInvalid',
  overlap: 'probOverlap',
  gap: 'probGap',
  outside_community: 'probOutside',
  no_officer: 'probNoOfficer',
  duplicate_code: 'probDuplicate',
  foreign_officer: 'probForeign',
}

/**
 * A validation problem in the reader's language, naming what the server's English sentence names: the
 * grids (by their names in the plan as drawn), the community or plan area, the 网格长 with their role
 * and station, the code and the grid in force holding it, GEOS's reason.
 */
export function problemMessage(p: PlanProblem, nameOf: (key: string) => string, t: Translate): string {
  const names = p.grids.map(nameOf)
  const d = p.details ?? {}
  const vars = { a: names[0] ?? '?', b: names[1] ?? '?', names: names.map((n) => `“${n}”`).join('、') }
  switch (p.kind) {
    case 'invalid_geometry':
      if (d.reason) return t('probInvalidReason', { ...vars, reason: d.reason })
      break
    case 'gap':
      if (names.length > 0) return t('probGapNear', vars)
      break
    case 'outside_community':
      if (d.community !== undefined && d.planArea !== undefined) return t('probOutsideArea', { ...vars, community: d.community, planArea: d.planArea })
      if (d.community !== undefined) return t('probOutsideNamed', { ...vars, community: d.community })
      break
    case 'foreign_officer':
      if (d.officer !== undefined && d.role !== undefined && d.role !== 'police_officer') return t('probForeignRole', { ...vars, officer: d.officer, role: roleName(t, d.role) })
      if (d.officer !== undefined) return t('probForeignStation', { ...vars, officer: d.officer, officerStation: d.officerStation ?? t('officerNoStation'), station: d.station ?? '?' })
      break
    case 'duplicate_code':
      if (d.code !== undefined && d.other !== undefined) return t('probDuplicateElsewhere', { ...vars, code: d.code, other: d.other, community: d.community ?? '?' })
      if (d.code !== undefined) return t('probDuplicateNamed', { ...vars, code: d.code })
      break
  }
  return t(plainMessages[p.kind], vars)
}
