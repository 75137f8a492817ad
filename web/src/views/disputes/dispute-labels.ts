import type { DisputeRecord, DisputeStatus, DisputeTier } from '@gridwatch/server/contracts'
import type { MessageKey } from '../../i18n/messages'

/** Labels and colours of the dispute codes; `satisfies Record<…>` keeps each table complete. */

export type DisputeType = DisputeRecord['type']
export type RiskLevel = DisputeRecord['risk']
export type DisputeOutcome = NonNullable<DisputeRecord['outcome']>

export const statusLabels = {
  collected: 'dspStatusCollected',
  accepted: 'dspStatusAccepted',
  dispatched: 'dspStatusDispatched',
  handling: 'dspStatusHandling',
  reported_back: 'dspStatusReportedBack',
  closed: 'dspStatusClosed',
  evaluated: 'dspStatusEvaluated',
  cancelled: 'dspStatusCancelled',
} as const satisfies Record<DisputeStatus, MessageKey>
export const statusList = Object.keys(statusLabels) as DisputeStatus[]

export const tierLabels = { grid: 'dspTierGrid', township: 'dspTierTownship', county: 'dspTierCounty' } as const satisfies Record<DisputeTier, MessageKey>
export const tierList = Object.keys(tierLabels) as DisputeTier[]

export const typeLabels = {
  neighbour: 'dspTypeNeighbour',
  family: 'dspTypeFamily',
  labour: 'dspTypeLabour',
  property: 'dspTypeProperty',
  consumer: 'dspTypeConsumer',
  land: 'dspTypeLand',
  other: 'dspTypeOther',
} as const satisfies Record<DisputeType, MessageKey>
export const typeList = Object.keys(typeLabels) as DisputeType[]

export const riskLabels = { low: 'dspRiskLow', medium: 'dspRiskMedium', high: 'dspRiskHigh' } as const satisfies Record<RiskLevel, MessageKey>
export const riskList = Object.keys(riskLabels) as RiskLevel[]

export const outcomeLabels = { agreement: 'dspOutcomeAgreement', judicial_confirmation: 'dspOutcomeJudicial', failed_litigation: 'dspOutcomeLitigation' } as const satisfies Record<DisputeOutcome, MessageKey>

/** A party's role as the form offers it (the server takes any short text; these are the usual ones). */
export const partyRoleLabels: Record<string, MessageKey> = { applicant: 'dspPartyApplicant', respondent: 'dspPartyRespondent', third_party: 'dspPartyThird' }

/**
 * Tier colours on the map, in the legend and on the badges: grid (小事不出村) calm teal, the township
 * mediation center amber, the county center red — the further up, the hotter.
 */
export const tierColours = { grid: [56, 214, 190], township: [255, 184, 64], county: [255, 82, 102] } as const satisfies Record<DisputeTier, readonly [number, number, number]>
export const riskColours = { low: '#7fd1a8', medium: '#ffc94d', high: '#ff6b6b' } as const satisfies Record<RiskLevel, string>

export const tierCss = (tier: DisputeTier) => `rgb(${tierColours[tier].join(', ')})`
