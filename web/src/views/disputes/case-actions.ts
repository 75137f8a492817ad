import type { DisputeFollowUpInput, DisputeJudicialInput, DisputeMoves, DisputeStatus, DisputeTransitionInput } from '@gridwatch/server/contracts'
import type { MessageKey } from '../../i18n/messages'

/** One thing that can be done with a case, as a button offers it. */
export type CaseAction = { kind: 'move'; to: DisputeStatus } | { kind: 'escalate' } | { kind: 'deescalate' } | { kind: 'judicial' } | { kind: 'schedule' } | { kind: 'visit' }

/** What the forms hold; field names are the server's, so its errors land next to the right input. */
export interface ActionDraft {
  note: string
  mediatorId: string
  outcome: 'agreement' | 'failed_litigation' | ''
  agreement: string
  /** The attached signed agreement to close on, `''` for none. */
  agreementDocumentId: string
  judicialRequestedOn: string
  turnedCriminal: boolean
  rating: number | null
  reason: string
  granted: boolean
  on: string
  scheduleOn: string
  visitedOn: string
}

export type ActionRequest =
  | { call: 'move'; body: DisputeTransitionInput }
  | { call: 'tier'; direction: 'up' | 'down'; reason: string }
  | { call: 'judicial'; body: DisputeJudicialInput }
  | { call: 'followUp'; body: DisputeFollowUpInput }

/**
 * The actions a case offers now, in the order of the work: the lifecycle moves the server says are
 * allowed, then tier changes, the court's answer and the 回访 (scheduled first, then recorded).
 */
export function caseActions(moves: DisputeMoves, followUp: { scheduled: boolean; done: boolean }): CaseAction[] {
  const actions: CaseAction[] = moves.to.map((to) => ({ kind: 'move', to }))
  if (moves.escalate) actions.push({ kind: 'escalate' })
  if (moves.deescalate) actions.push({ kind: 'deescalate' })
  if (moves.judicial) actions.push({ kind: 'judicial' })
  if (moves.followUp && !followUp.done) actions.push(followUp.scheduled ? { kind: 'visit' } : { kind: 'schedule' })
  return actions
}

/** A stable id per action, for the buttons (`data-action`) and the open form. */
export const actionId = (a: CaseAction) => (a.kind === 'move' ? `move-${a.to}` : a.kind)

const moveVerbs: Record<DisputeStatus, MessageKey> = {
  collected: 'dspStatusCollected',
  accepted: 'dspDoAccept',
  cancelled: 'dspDoCancel',
  dispatched: 'dspDoDispatch',
  handling: 'dspDoHandle',
  reported_back: 'dspDoReport',
  closed: 'dspDoClose',
  evaluated: 'dspDoEvaluate',
}

/** The button's words: a verb per move; "send back" when verification returns a case to handling. */
export function actionLabel(a: CaseAction, from: DisputeStatus): MessageKey {
  if (a.kind === 'move') return a.to === 'handling' && from === 'reported_back' ? 'dspBackToHandling' : moveVerbs[a.to]
  return ({ escalate: 'dspEscalate', deescalate: 'dspDeescalate', judicial: 'dspJudicialAnswer', schedule: 'dspScheduleFollowUp', visit: 'dspRecordFollowUp' } as const)[a.kind]
}

const text = (s: string) => (s.trim() === '' ? undefined : s.trim())

/**
 * The request an action's form sends. Optional fields left empty are left out; required ones are
 * sent as typed, so the server's named-field answer (400 `rating`, `reason` …) shows next to them.
 */
export function actionRequest(a: CaseAction, d: ActionDraft): ActionRequest {
  switch (a.kind) {
    case 'escalate':
    case 'deescalate':
      return { call: 'tier', direction: a.kind === 'escalate' ? 'up' : 'down', reason: d.reason }
    case 'judicial':
      return { call: 'judicial', body: { granted: d.granted, on: d.on, note: text(d.note) } }
    case 'schedule':
      return { call: 'followUp', body: { scheduleOn: d.scheduleOn } }
    case 'visit':
      return { call: 'followUp', body: { visitedOn: d.visitedOn, note: d.note } }
    case 'move': {
      const body: DisputeTransitionInput = { to: a.to, note: text(d.note) }
      if (a.to === 'dispatched' && d.mediatorId) body.mediatorId = Number(d.mediatorId)
      if (a.to === 'evaluated' && d.rating !== null) body.rating = d.rating
      if (a.to === 'closed') {
        if (d.outcome) body.outcome = d.outcome
        if (d.outcome === 'agreement' && d.agreementDocumentId) body.agreementDocumentId = Number(d.agreementDocumentId)
        // Text or signed paper: the text as typed unless the paper stands in for it (then a blank one is left out).
        if (d.outcome === 'agreement' && (!d.agreementDocumentId || text(d.agreement))) body.agreement = d.agreement
        if (d.outcome === 'agreement' && text(d.judicialRequestedOn)) body.judicialRequestedOn = d.judicialRequestedOn
        body.turnedCriminal = d.turnedCriminal
      }
      return { call: 'move', body }
    }
  }
}

/**
 * A fresh form: dates default to today (the court's answer, the visit) or a fortnight on (the 回访 to
 * schedule); closing on an agreement offers the newest signed one attached, if any.
 */
export function emptyDraft(today: string, inAFortnight: string, mediatorId: number | null, agreementDocumentId: number | null = null): ActionDraft {
  return {
    note: '',
    mediatorId: mediatorId === null ? '' : String(mediatorId),
    outcome: 'agreement',
    agreement: '',
    agreementDocumentId: agreementDocumentId === null ? '' : String(agreementDocumentId),
    judicialRequestedOn: '',
    turnedCriminal: false,
    rating: null,
    reason: '',
    granted: true,
    on: today,
    scheduleOn: inAFortnight,
    visitedOn: today,
  }
}
