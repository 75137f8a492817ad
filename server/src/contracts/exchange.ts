import { z } from 'zod'
import { incidentSources } from '@gridwatch/data'
import { incidentInput } from './incidents'

/** 警网互融: what partners send us, and what an admin configures. */

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
