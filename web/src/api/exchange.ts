import type { DuplicateOffer, ExchangePartnerView, OutboxPage, OutboxStatus } from '@gridwatch/server/contracts'
import type { InferRequestType } from 'hono/client'
import { api, readJson, readOk } from './client'

/** 警网互融: partners, the outbox and the duplicate offers (README "Event exchange"). */

export type PartnerInput = InferRequestType<(typeof api.api.exchange.partners)[':partner']['$put']>['json']
export type DuplicateDecision = InferRequestType<(typeof api.api.exchange.duplicates)[':id']['$post']>['json']['decision']

/** Partners without their secrets (only whether one is set); `exchange:manage`. */
export async function listPartners(): Promise<ExchangePartnerView[]> {
  return readJson<ExchangePartnerView[]>(await api.api.exchange.partners.$get())
}

/** Creates or changes a partner; throws the server's ApiError (its `field` names the input at fault). */
export async function savePartner(code: string, input: PartnerInput): Promise<ExchangePartnerView> {
  return readJson<ExchangePartnerView>(await api.api.exchange.partners[':partner'].$put({ param: { partner: code }, json: input }))
}

/** The newest outbox events (one status, one partner, or all) and the counts per status. */
export async function loadOutbox(filter: { status?: OutboxStatus; partner?: string }): Promise<OutboxPage> {
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as typeof filter
  return readJson<OutboxPage>(await api.api.exchange.outbox.$get({ query }))
}

/** Sends a given-up (dead) event again; audited on the server. */
export async function retryOutboxEvent(id: number): Promise<{ id: number; eventKey: string }> {
  return readOk(await api.api.exchange.outbox[':id'].retry.$post({ param: { id: String(id) } }))
}

/** Likely duplicates waiting for a person (both reports in the caller's scope); `incidents:read`. */
export async function listDuplicateOffers(): Promise<DuplicateOffer[]> {
  return readJson<DuplicateOffer[]>(await api.api.exchange.duplicates.$get())
}

/** Merges (the later report is closed into the earlier) or dismisses an offer; `incidents:dispatch`, audited. */
export async function decideDuplicate(id: number, decision: DuplicateDecision) {
  return readOk(await api.api.exchange.duplicates[':id'].$post({ param: { id: String(id) }, json: { decision } }))
}

/** Where a partner sends us its events and its status reports (this server's address as the browser sees it). */
export function inboundUrls(origin: string, code: string) {
  return { events: `${origin}/api/exchange/inbound/${code}/events`, status: `${origin}/api/exchange/inbound/${code}/status` }
}
