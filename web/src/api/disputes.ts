import type {
  DirectoryPerson,
  DisputeCase,
  DisputeCreateInput,
  DisputeDetail,
  DisputeDocumentKind,
  DisputeFollowUpInput,
  DisputeJudicialInput,
  DisputeKpis,
  DisputeListQuery,
  DisputeRecord,
  DisputeStatus,
  DisputeTransitionInput,
} from '@gridwatch/server/contracts'
import { api, apiError, ApiError, readJson } from './client'
import { listPeople } from './people'

/** 矛盾纠纷 cases (`disputes:read`); workflow steps need `disputes:manage`, parties `disputes:parties`. */

/** The list's filters, as the server reads them (every one optional). */
export type DisputeFilter = Omit<DisputeListQuery, 'limit' | 'before'>
export type DisputePage = { items: DisputeRecord[]; next: number | null }
export type KpiLevel = DisputeKpis['level']

/** A move the lifecycle refused (409): the case's status now and what it allows instead. */
export class IllegalMoveError extends ApiError {
  constructor(
    base: ApiError,
    readonly current: DisputeStatus | null,
    readonly allowed: DisputeStatus[],
  ) {
    super(base.status, base.code, base.message, base.field)
  }
}

/** Reads a workflow answer: the case as it now is, or the error (409 with `allowed` as IllegalMoveError). */
async function readCase(response: Response): Promise<DisputeCase> {
  if (response.ok) return (await response.json()) as DisputeCase
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string; status?: DisputeStatus; allowed?: DisputeStatus[] } } | null
  const error = await apiError(response)
  if (body?.error?.code === 'illegal_transition') throw new IllegalMoveError(error, body.error.status ?? null, body.error.allowed ?? [])
  throw error
}

const queryOf = (filter: DisputeFilter, page: { limit: number; before?: number | null }) => {
  const query: Record<string, string> = { limit: String(page.limit) }
  for (const [name, value] of Object.entries(filter)) if (value !== undefined && value !== '') query[name] = String(value)
  if (page.before) query.before = String(page.before)
  return query
}

/** One page of the cases in scope matching the filter, newest first; `next` continues it. */
export async function listDisputes(filter: DisputeFilter, page: { limit: number; before?: number | null }): Promise<DisputePage> {
  return readJson<DisputePage>(await api.api.disputes.$get({ query: queryOf(filter, page) }))
}

/** Every open case in scope (for the map), page by page up to `max`. */
export async function listOpenDisputes(max = 5000): Promise<DisputeRecord[]> {
  const all: DisputeRecord[] = []
  let before: number | null = null
  do {
    const page: DisputePage = await listDisputes({ open: 'true' }, { limit: 500, before })
    all.push(...page.items)
    before = page.next
  } while (before !== null && all.length < max)
  return all
}

/** One case with its timeline and moves; parties only for roles that may see them (the read is audited). */
export async function loadDispute(id: number): Promise<DisputeDetail> {
  return readJson<DisputeDetail>(await api.api.disputes[':id'].$get({ param: { id: String(id) } }))
}

export async function openDispute(input: DisputeCreateInput): Promise<DisputeCase> {
  return readCase((await api.api.disputes.$post({ json: input })) as unknown as Response)
}

/** One lifecycle move; closing carries the outcome, evaluating the rating. */
export async function moveDispute(id: number, move: DisputeTransitionInput): Promise<DisputeCase> {
  return readCase((await api.api.disputes[':id'].transition.$post({ param: { id: String(id) }, json: move })) as unknown as Response)
}

/** Up to the next tier (township mediation center, county center) or back down, with the reason. */
export async function changeDisputeTier(id: number, direction: 'up' | 'down', reason: string): Promise<DisputeCase> {
  const param = { id: String(id) }
  const response = direction === 'up' ? await api.api.disputes[':id'].escalate.$post({ param, json: { reason } }) : await api.api.disputes[':id'].deescalate.$post({ param, json: { reason } })
  return readCase(response as unknown as Response)
}

/** The court granted or refused the 司法确认 asked for at closing. */
export async function recordJudicialAnswer(id: number, answer: DisputeJudicialInput): Promise<DisputeCase> {
  return readCase((await api.api.disputes[':id'].judicial.$post({ param: { id: String(id) }, json: answer })) as unknown as Response)
}

/** Schedules the 回访 (`{ scheduleOn }`) or records it (`{ visitedOn, note }`). */
export async function followUpDispute(id: number, input: DisputeFollowUpInput): Promise<DisputeCase> {
  return readCase((await api.api.disputes[':id']['follow-up'].$post({ param: { id: String(id) }, json: input })) as unknown as Response)
}

/**
 * Attaches a signed paper (调解协议书, the court's ruling, other material) to a case: PDF, JPEG or PNG,
 * checked by content on the server. Answers the case with its `documents`.
 */
export async function attachDisputeDocument(id: number, kind: DisputeDocumentKind, file: File): Promise<DisputeCase> {
  const form = new FormData()
  form.append('file', file)
  const response = await api.api.disputes[':id'].documents.$post({ param: { id: String(id) }, query: { kind } }, { init: { body: form } })
  return readCase(response as unknown as Response)
}

/** Removes a paper attached by mistake (refused once the case is closed: its papers are its record). */
export async function removeDisputeDocument(id: number, documentId: number): Promise<DisputeCase> {
  return readCase((await api.api.disputes[':id'].documents[':documentId'].$delete({ param: { id: String(id), documentId: String(documentId) } })) as unknown as Response)
}

/** Where the browser downloads a paper (same origin: the session cookie goes along; the server audits the read). */
export const disputeDocumentPath = (id: number, documentId: number): string =>
  api.api.disputes[':id'].documents[':documentId'].$path({ param: { id: String(id), documentId: String(documentId) } })

/** KPIs per area level over the cases opened in [from, to), in the user's scope (`stats:read`); with `grid`, that grid's only. */
export async function loadDisputeKpis(level: KpiLevel, period: { from: Date; to: Date }, grid?: number): Promise<DisputeKpis> {
  const query = { level, from: period.from.toISOString(), to: period.to.toISOString(), ...(grid === undefined ? {} : { grid: String(grid) }) }
  return readJson<DisputeKpis>(await api.api.disputes.kpis.$get({ query }))
}

/** Mediators (调解员) a case can be given to: the county's and the user's station's. */
export const listMediators = (): Promise<DirectoryPerson[]> => listPeople({ role: 'mediator' })
