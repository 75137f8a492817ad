import type { DisputeRecord, DisputeTier, DisputeTimelineEntry } from '@gridwatch/server/contracts'
import { ApiError } from '../../api/client'
import { IllegalMoveError } from '../../api/disputes'
import type { MessageKey } from '../../i18n/messages'
import { countyDay, countyMidnight } from '../wall/county-time'
import { documentActionLabels, DOCUMENT_MAX_BYTES, formatByteSize } from './dispute-documents'
import { statusLabels, tierLabels, tierList } from './dispute-labels'

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string
const DAY_MS = 86_400_000

/**
 * What a timeline entry says, in the user's language. The workflow writes its actions as codes
 * (`accepted`, `escalated to township`, `followed up`); older entries (imported, the demo county's)
 * may carry free text, shown as written unless the status changed.
 */
export function timelineAction(t: Translate, entry: Pick<DisputeTimelineEntry, 'action' | 'fromStatus' | 'toStatus'>): string {
  const tierChange = /^(de-)?escalated to (\w+)$/.exec(entry.action)
  if (tierChange && tierList.includes(tierChange[2] as DisputeTier)) {
    return t(tierChange[1] ? 'dspActDeescalated' : 'dspActEscalated', { tier: t(tierLabels[tierChange[2] as DisputeTier]) })
  }
  const fixed: Record<string, MessageKey> = {
    'judicial confirmation granted': 'dspActJudicialGranted',
    'judicial confirmation refused': 'dspActJudicialRefused',
    'follow-up scheduled': 'dspActFollowUpScheduled',
    'followed up': 'dspActFollowedUp',
    ...documentActionLabels,
  }
  if (fixed[entry.action]) return t(fixed[entry.action]!)
  if (entry.toStatus && entry.toStatus !== entry.fromStatus) return t(statusLabels[entry.toStatus])
  return entry.action
}

/** A timeline note in the user's language where the server wrote a known phrase. */
export function timelineNote(t: Translate, note: string | null): string | null {
  const fromIncident = note ? /^from incident (\d+)$/.exec(note) : null
  return fromIncident ? t('dspActCollectedFrom', { id: fromIncident[1]! }) : note
}

/** The server's own rule per field and status, said in the user's language; anything else as the server wrote it. */
const fieldErrors: Record<string, MessageKey> = {
  'reason:400': 'errDspReason',
  'outcome:400': 'errDspOutcome',
  'agreement:400': 'errDspAgreement',
  'rating:400': 'errDspRating',
  'judicialRequestedOn:400': 'errDspDate',
  'on:400': 'errDspDate',
  'scheduleOn:400': 'errDspDate',
  'visitedOn:400': 'errDspDate',
  'summary:400': 'errDspSummary',
  'lon:400': 'errDspPlace',
  'lat:400': 'errDspPlace',
  'lon:422': 'errDspOutside',
  'incidentId:422': 'errDspOutside',
  'incidentId:404': 'errDspIncident',
  'incidentId:400': 'errDspIncident',
  'mediatorId:422': 'errDspMediator',
  'granted:409': 'errDspNotRequested',
  'id:404': 'errDspMissing',
  'file:400': 'errDocEmpty',
  'file:413': 'errDocTooLarge',
  'file:422': 'errDocType',
  'kind:400': 'errDocKind',
  'documentId:404': 'errDocMissing',
  'agreementDocumentId:400': 'errDspAgreementDocument',
  'agreementDocumentId:422': 'errDspAgreementDocument',
}

/** An error of a dispute request as the form shows it: next to the field it names, in the user's language. */
export function disputeErrorText(t: Translate, error: Error): string {
  if (error instanceof IllegalMoveError) {
    const allowed = error.allowed.map((s) => t(statusLabels[s])).join('、') || '—'
    return t('errDspMove', { status: error.current ? t(statusLabels[error.current]) : '—', allowed })
  }
  if (!(error instanceof ApiError) || !error.field) return error.message
  if (error.field === 'tier' && error.status === 409) return t(/county/.test(error.message) ? 'errDspTierTop' : 'errDspTierBottom')
  if (error.field.startsWith('parties.') && error.status === 400) return t('errDspParty')
  if (error.field === 'note' && error.status === 400 && /visit/.test(error.message)) return t('errDspFinding')
  const key = fieldErrors[`${error.field}:${error.status}`]
  return key ? t(key, { max: formatByteSize(DOCUMENT_MAX_BYTES) }) : error.message
}

/**
 * An error of attaching or removing a paper: a refusal because of where the case stands (cancelled:
 * no papers; closed: they stay) in those words, anything else as the forms say it.
 */
export function documentErrorText(t: Translate, error: Error): string {
  if (error instanceof IllegalMoveError && error.current === 'cancelled') return t('errDocCancelled')
  if (error instanceof IllegalMoveError && (error.current === 'closed' || error.current === 'evaluated')) return t('errDocKept')
  return disputeErrorText(t, error)
}

/** The field an error belongs next to (a party's row for `parties.2.name`), or null for the form as a whole. */
export const errorField = (error: Error | null): string | null => (error instanceof ApiError && !(error instanceof IllegalMoveError) ? (error.field?.replace(/^parties\.\d+\..*$/, 'parties') ?? null) : null)

export const kpiPeriods = ['month', '30d', 'year', '12m'] as const
export type KpiPeriod = (typeof kpiPeriods)[number]
export const kpiPeriodLabels: Record<KpiPeriod, MessageKey> = { month: 'dspPeriodMonth', '30d': 'dspPeriod30d', year: 'dspPeriodYear', '12m': 'dspPeriod12m' }

/**
 * The KPI period in county days, up to the end of today (so a case opened a moment ago counts): this
 * month, the last 30 days, this calendar year (as the wall's 化解率), or the last 12 months. The
 * county keeps no daylight saving, so a county day is always 24 hours.
 */
export function kpiPeriod(period: KpiPeriod, now: Date): { from: Date; to: Date } {
  const today = countyMidnight(now)
  const to = new Date(today.getTime() + DAY_MS)
  const [year, month] = countyDay(now).split('-').map(Number) as [number, number]
  // Noon UTC of the first day lies inside that county day: its midnight is where the period starts.
  if (period === 'month') return { from: countyMidnight(new Date(Date.UTC(year, month - 1, 1, 12))), to }
  if (period === 'year') return { from: countyMidnight(new Date(Date.UTC(year, 0, 1, 12))), to }
  const days = period === '30d' ? 30 : 365
  return { from: new Date(today.getTime() - (days - 1) * DAY_MS), to }
}

/** Whole days to a case's deadline (negative: past it), or null without a deadline or once it is finished. */
export function daysToDeadline(record: Pick<DisputeRecord, 'deadlineAt' | 'closedAt' | 'status'>, now: number): number | null {
  if (!record.deadlineAt || record.status === 'cancelled' || record.status === 'closed' || record.status === 'evaluated') return null
  const ms = Date.parse(record.deadlineAt) - now
  return ms >= 0 ? Math.ceil(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS)
}

/** A county calendar day (YYYY-MM-DD) of an ISO instant. */
export const dayOf = (iso: string) => countyDay(new Date(iso))

/** Open cases now, per tier and overdue: the strip's "在办" bar. */
export function tallyOpen(cases: readonly Pick<DisputeRecord, 'tier' | 'overdue'>[]) {
  const byTier: Record<DisputeTier, number> = { grid: 0, township: 0, county: 0 }
  let overdue = 0
  for (const c of cases) {
    byTier[c.tier]++
    if (c.overdue) overdue++
  }
  return { total: cases.length, byTier, overdue }
}
