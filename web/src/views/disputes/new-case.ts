import type { DisputeCreateInput } from '@gridwatch/server/contracts'
import type { DisputeType, RiskLevel } from './dispute-labels'

export interface PartyDraft {
  name: string
  phone: string
  role: string
}

export interface NewCaseDraft {
  incidentId: string
  type: DisputeType
  risk: RiskLevel
  summary: string
  parties: PartyDraft[]
  mediatorId: string
}

export const emptyParty = (role = 'applicant'): PartyDraft => ({ name: '', phone: '', role })
export const emptyNewCase = (): NewCaseDraft => ({ incidentId: '', type: 'neighbour', risk: 'low', summary: '', parties: [emptyParty('applicant'), emptyParty('respondent')], mediatorId: '' })

/**
 * The request that opens the case. With an incident id the place is the incident's (the point picked
 * on the map is then left out); party rows left wholly empty are dropped, half-filled ones go as typed
 * so the server names the field (`parties.1.name`). What does not read as an id goes as typed too.
 */
export function newCaseRequest(draft: NewCaseDraft, picked: { lon: number; lat: number } | null): DisputeCreateInput {
  const incident = draft.incidentId.trim()
  const body: DisputeCreateInput = {
    type: draft.type,
    risk: draft.risk,
    summary: draft.summary,
    parties: draft.parties
      .filter((p) => p.name.trim() !== '' || p.phone.trim() !== '')
      .map((p) => ({ name: p.name, phone: p.phone.trim() === '' ? null : p.phone.trim(), role: p.role })),
    mediatorId: draft.mediatorId ? Number(draft.mediatorId) : null,
  }
  if (incident) body.incidentId = (/^\d+$/.test(incident) ? Number(incident) : incident) as number
  else if (picked) Object.assign(body, { lon: picked.lon, lat: picked.lat })
  return body
}
