import { z } from 'zod'
import { incidentSources, type IncidentSource } from '@gridwatch/data'
import { incidentInput } from './incidents'

/** 警网互融: what partners send us, and what an admin configures. */

export { OUTBOX_MAX_ATTEMPTS, RETRIED_4XX, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S } from './constants'

/** POST /api/exchange/inbound/{partner}/events — a matter reported on the partner's side. Signed. */
export const inboundEvent = z.object({
  /** The partner's own id for the event: re-sending it changes nothing. */
  eventId: z.string().trim().min(1).max(64),
  incident: incidentInput.omit({ source: true, externalId: true, acceptedAt: true, contactedAt: true, onSceneAt: true, closedAt: true }),
})

/** POST /api/exchange/inbound/{partner}/status — how a matter we forwarded is going. Signed. */
export const statusCallback = z.object({
  /** The `eventKey` (also sent as Idempotency-Key) of the forwarded event. */
  eventKey: z.string().trim().min(1).max(100),
  status: z.enum(['received', 'accepted', 'handling', 'resolved', 'rejected']),
  remoteRef: z.string().trim().max(64).optional(),
  note: z.string().trim().max(2000).optional(),
  at: z.iso.datetime({ offset: true }),
})

/** PUT /api/exchange/partners/{code} — a partner, the categories routed to it and (write-only) its secret. */
export const partnerInput = z.object({
  name: z.string().trim().min(1).max(80),
  endpointUrl: z.url({ protocol: /^https?$/ }).nullable(),
  /** At least 32 characters; left out when changing other fields keeps the stored one. */
  secret: z.string().min(32, 'the secret must be at least 32 characters').max(200).optional(),
  inboundSource: z.enum(incidentSources).default('12345'),
  active: z.boolean().default(true),
  categories: z.array(z.string().regex(/^[a-z0-9_]{1,32}$/, 'a category code')).max(50).default([]),
})

export const duplicateDecision = z.object({ decision: z.enum(['merge', 'dismiss']) })

export const outboxStatuses = ['pending', 'delivered', 'dead'] as const
export type OutboxStatus = (typeof outboxStatuses)[number]

/** GET /api/exchange/outbox — one status (or all), one partner (or all). */
export const outboxQuery = z.object({
  status: z.enum(outboxStatuses).optional(),
  partner: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'a partner code').optional(),
})

/** How a forwarded matter stands on the partner's side: queued/sent by us, then as their callbacks say. */
export type RemoteStatus = 'queued' | 'sent' | z.infer<typeof statusCallback>['status']

/** A partner as the API shows it: never its secret, only whether one is set. */
export interface ExchangePartnerView {
  code: string
  name: string
  endpointUrl: string | null
  inboundSource: IncidentSource
  active: boolean
  /** Category codes routed to this partner. */
  categories: string[]
  secretSet: boolean
  pending: number
  dead: number
  lastDeliveredAt: string | null
  /** When the partner last reported how a forwarded matter is going (a status callback). */
  lastCallbackAt: string | null
}

/** One event of the outbox, with how the partner says the matter stands. */
export interface OutboxEntry {
  id: number
  eventKey: string
  partner: string
  partnerName: string
  incidentId: number | null
  category: string | null
  status: OutboxStatus
  attempts: number
  nextAttemptAt: string
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
  remoteStatus: RemoteStatus | null
  remoteRef: string | null
}

/** The newest events (at most 500) and, for the same partner filter, how many there are per status. */
export interface OutboxPage {
  counts: Record<OutboxStatus, number>
  items: OutboxEntry[]
}

/** Two reports of the same category close in place and time, offered to a person to merge or dismiss. */
export interface DuplicateOffer {
  id: number
  /** The report that arrived later through the exchange. */
  incidentId: number
  duplicateOf: number
  distanceM: number
  minutesApart: number
  status: 'offered'
  category: string
  incident: DuplicateSide
  original: DuplicateSide
}
export interface DuplicateSide {
  source: IncidentSource
  externalId: string
  address: string | null
  reportedAt: string
}
