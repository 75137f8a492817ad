import { z } from 'zod'
import { DISPUTE_DOCUMENT_MAX_BYTES, DISPUTE_DOCUMENT_TYPES, disputeDocumentKinds } from './constants'
import { calendarDay } from './dates'
import { int4Id as id } from './cameras'

/** 矛盾纠纷: the mediation workflow. One table of legal moves; the server and the web both read it. */

export const disputeStatuses = ['collected', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'evaluated', 'cancelled'] as const
export type DisputeStatus = (typeof disputeStatuses)[number]
export const disputeTiers = ['grid', 'township', 'county'] as const
export type DisputeTier = (typeof disputeTiers)[number]
export const disputeTypes = ['neighbour', 'family', 'labour', 'property', 'consumer', 'land', 'other'] as const
export const riskLevels = ['low', 'medium', 'high'] as const
export const disputeOutcomes = ['agreement', 'judicial_confirmation', 'failed_litigation'] as const

/**
 * collect → accept (or cancel) → dispatch → handle → report back → verify and close → evaluate.
 * Verification may send a case back to handling; nothing leaves `evaluated` or `cancelled`.
 */
export const disputeTransitions: Record<DisputeStatus, readonly DisputeStatus[]> = {
  collected: ['accepted', 'cancelled'],
  accepted: ['dispatched', 'cancelled'],
  dispatched: ['handling'],
  handling: ['reported_back'],
  reported_back: ['closed', 'handling'],
  closed: ['evaluated'],
  evaluated: [],
  cancelled: [],
}
export const openDisputeStatusList: readonly DisputeStatus[] = ['collected', 'accepted', 'dispatched', 'handling', 'reported_back']

/** Days a tier has to settle a case before it is overdue (configurable: GRIDWATCH_DISPUTE_DEADLINE_DAYS). */
export const DEFAULT_DEADLINE_DAYS: Record<DisputeTier, number> = { grid: 7, township: 15, county: 30 }

const note = z.string().trim().max(2000)
/** Dates of the workflow (司法确认, 回访): calendar days. */
const day = calendarDay('date')

/** POST /api/disputes — a case from an incident or on its own (a grid worker's visit). */
export const disputeCreate = z
  .object({
    incidentId: id.optional(),
    type: z.enum(disputeTypes),
    risk: z.enum(riskLevels),
    summary: z.string().trim().min(1, 'summary is required').max(2000),
    /** Where it arose; defaults to the incident's point. */
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    parties: z
      .array(z.object({ name: z.string().trim().min(1).max(80), phone: z.string().trim().max(40).nullable().default(null), role: z.string().trim().min(1).max(40) }))
      .max(20)
      .default([]),
    mediatorId: id.nullable().default(null),
  })
  .refine((d) => d.incidentId !== undefined || (d.lon !== undefined && d.lat !== undefined), { message: 'give lon and lat, or an incidentId', path: ['lon'] })

/** POST /api/disputes/:id/transition — one move of the lifecycle; closing records the outcome. */
export const disputeTransition = z
  .object({
    to: z.enum(disputeStatuses),
    note: note.optional(),
    mediatorId: id.optional(),
    outcome: z.enum(disputeOutcomes).optional(),
    agreement: note.optional(),
    /** The signed 调解协议书 attached to the case (kind `agreement`), instead of or besides the text. */
    agreementDocumentId: id.optional(),
    judicialRequestedOn: day.optional(),
    /** 民转刑: closing a case that turned into a criminal one. */
    turnedCriminal: z.boolean().optional(),
    /** Evaluation 1–5 (satisfaction of the parties), on `evaluated`. */
    rating: z.number().int().min(1).max(5).optional(),
  })
  .refine((t) => t.to !== 'closed' || t.outcome !== undefined, { message: 'closing needs an outcome', path: ['outcome'] })
  // A judicial confirmation is the court's: close with the agreement and `judicialRequestedOn`, then record the grant.
  .refine((t) => t.outcome !== 'judicial_confirmation', { message: 'close with the agreement and judicialRequestedOn; the confirmation is recorded when the court grants it', path: ['outcome'] })
  .refine((t) => t.outcome !== 'agreement' || (t.agreement?.length ?? 0) > 0 || t.agreementDocumentId !== undefined, {
    message: 'an agreement needs its text or its signed document (agreementDocumentId)',
    path: ['agreement'],
  })
  .refine((t) => t.to !== 'evaluated' || t.rating !== undefined, { message: 'an evaluation needs a rating', path: ['rating'] })

/** POST /api/disputes/:id/escalate and /deescalate — to the next tier up or down, with the reason. */
export const disputeTierChange = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(2000) })

/** POST /api/disputes/:id/judicial — the court granted (or refused) the 司法确认. */
export const disputeJudicial = z.object({ granted: z.boolean(), on: day, note: note.optional() })

/** POST /api/disputes/:id/follow-up — schedule a 回访, or record it. */
export const disputeFollowUp = z.union([z.object({ scheduleOn: day }), z.object({ visitedOn: day, note: note.min(1, 'say what the visit found') })])

export { DISPUTE_DOCUMENT_MAX_BYTES, DISPUTE_DOCUMENT_TYPES, disputeDocumentKinds }
export type DisputeDocumentKind = (typeof disputeDocumentKinds)[number]
/** POST /api/disputes/:id/documents?kind=… — the file itself is the multipart field `file`. */
export const disputeDocumentUpload = z.object({ kind: z.enum(disputeDocumentKinds) })

/** GET /api/disputes — filters of the case list (all optional) and the page: `before` is the `next` of the last page. */
export const disputeListQuery = z.object({
  grid: z.string().regex(/^[0-9]{15}$/, 'grid must be a 15-digit grid code').optional(),
  status: z.enum(disputeStatuses).optional(),
  tier: z.enum(disputeTiers).optional(),
  type: z.enum(disputeTypes).optional(),
  risk: z.enum(riskLevels).optional(),
  /** true: still being worked on; false: closed, evaluated or cancelled. */
  open: z.enum(['true', 'false']).optional(),
  /** true: open past the tier's deadline; false: everything else. */
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
})

/** Request shapes as a client writes them (defaults not yet applied). */
export type DisputeListQuery = z.input<typeof disputeListQuery>
export type DisputeCreateInput = z.input<typeof disputeCreate>
export type DisputeTransitionInput = z.input<typeof disputeTransition>
export type DisputeJudicialInput = z.input<typeof disputeJudicial>
export type DisputeFollowUpInput = z.input<typeof disputeFollowUp>

/** The answer to a refused move: what the case may do next. */
export interface DisputeConflict {
  error: { code: 'illegal_transition'; message: string; field: string; status: DisputeStatus; allowed: DisputeStatus[] }
}

/** GET /api/disputes/kpis — per area level over the cases opened in [from, to). */
export const disputeKpiQuery = z
  .object({
    level: z.enum(['grid', 'community', 'township', 'county']).default('community'),
    /** Only the cases placed in this grid (a grid card): one row at any level. */
    grid: id.optional(),
    from: z.coerce.date(),
    to: z.coerce.date(),
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })

export interface DisputeKpiCounts {
  cases: number
  resolved: number
  resolvedAtGrid: number
  /** Open cases past their tier's deadline. */
  overdue: number
  /** Cases with an earlier one at the same address (within 30 m) in the year before. */
  repeats: number
  /** 民转刑: the goal is zero. */
  turnedCriminal: number
  /** 化解率: resolved / cases; null without cases. */
  resolutionRate: number | null
  /** Share of the resolved cases settled at grid level (小事不出村). */
  gridLevelShare: number | null
}
export type DisputeKpiRow = DisputeKpiCounts & { id: number; code: string; name: string }
export interface DisputeKpis {
  level: 'grid' | 'community' | 'township' | 'county'
  from: string
  to: string
  rows: DisputeKpiRow[]
  total: DisputeKpiCounts
}

/** A case as listed (GET /api/disputes, GET /api/disputes/:id), without its parties. */
export interface DisputeRecord {
  id: number
  code: string
  incidentId: number | null
  type: (typeof disputeTypes)[number]
  risk: (typeof riskLevels)[number]
  tier: DisputeTier
  status: DisputeStatus
  summary: string
  lon: number
  lat: number
  grid: { id: number; code: string; name: string } | null
  openedAt: string
  deadlineAt: string | null
  closedAt: string | null
  outcome: (typeof disputeOutcomes)[number] | null
  partyCount: number
  mediator: { id: number; name: string; organisation: string | null } | null
  /** Open past its tier's deadline; then escalating is suggested unless it is at the county center already. */
  overdue: boolean
  suggestEscalation: boolean
  judicialRequestedOn: string | null
  judicialConfirmedOn: string | null
  judicialRefusedOn: string | null
  followUpOn: string | null
  followedUpOn: string | null
  rating: number | null
  turnedCriminal: boolean
}

/** One entry of a case's timeline: who did what when, the status before and after, and the note (a reason, a finding). */
export interface DisputeTimelineEntry {
  at: string
  actor: string
  action: string
  fromStatus: DisputeStatus | null
  toStatus: DisputeStatus | null
  note: string | null
}

/** A document of a case, described; its bytes come from GET /api/disputes/:id/documents/:documentId (audited). */
export interface DisputeDocument {
  id: number
  kind: DisputeDocumentKind
  fileName: string
  mediaType: (typeof DISPUTE_DOCUMENT_TYPES)[number]
  byteSize: number
  sha256: string
  uploadedAt: string
  uploadedBy: string | null
}

/** A party of a case. Sensitive: sent only to roles with `disputes:parties`, and every read is audited. */
export interface DisputeParty {
  id: number
  name: string
  phone: string | null
  role: string
}

/**
 * What can be done with a case now, so a client offers exactly these actions without a copy of the
 * rules: the lifecycle moves (`disputeTransitions`), a tier change (open cases, within grid…county),
 * the court's answer to a 司法确认 asked at closing and not yet answered, a 回访 (closed cases).
 */
export interface DisputeMoves {
  to: DisputeStatus[]
  escalate: boolean
  deescalate: boolean
  judicial: boolean
  followUp: boolean
}

export function disputeMoves(d: Pick<DisputeRecord, 'status' | 'tier' | 'judicialRequestedOn' | 'judicialConfirmedOn' | 'judicialRefusedOn'>): DisputeMoves {
  const open = openDisputeStatusList.includes(d.status)
  return {
    to: [...disputeTransitions[d.status]],
    escalate: open && d.tier !== 'county',
    deescalate: open && d.tier !== 'grid',
    judicial: d.judicialRequestedOn !== null && d.judicialConfirmedOn === null && d.judicialRefusedOn === null,
    followUp: d.status === 'closed' || d.status === 'evaluated',
  }
}

/**
 * The answer to every workflow step: the case as it now is, its timeline and its moves (no parties:
 * reading them is audited). The agreement's text names parties and sums: only for roles that may read
 * parties, and never in lists; so are its documents (`null` for the other roles).
 */
export type DisputeCase = DisputeRecord & { timeline: DisputeTimelineEntry[]; moves: DisputeMoves; agreement: string | null; documents: DisputeDocument[] | null }
/** GET /api/disputes/:id: the case with its parties, or `parties: null` for roles that may not see them. */
export type DisputeDetail = DisputeCase & { parties: DisputeParty[] | null }
