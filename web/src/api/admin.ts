import type { InferRequestType } from 'hono/client'
import { api, readOk, type OkBody } from './client'

export type UserRow = OkBody<Awaited<ReturnType<typeof api.api.users.$get>>>[number]
export type NewUser = InferRequestType<typeof api.api.users.$post>['json']
export type UserChange = InferRequestType<(typeof api.api.users)[':id']['$patch']>['json']

export type AuditQuery = NonNullable<InferRequestType<typeof api.api.audit.$get>['query']>
export type AuditPage = OkBody<Awaited<ReturnType<typeof api.api.audit.$get>>>
export type AuditRow = AuditPage['items'][number]
/** The filters the viewer and the CSV export share (no paging). */
export type AuditFilter = Pick<AuditQuery, 'from' | 'to' | 'username' | 'action' | 'subjectType' | 'subjectId'>

export async function listUsers(): Promise<UserRow[]> {
  return readOk(await api.api.users.$get())
}

/** Creates a user; throws the server's ApiError (its `field` names the input at fault). */
export async function createUser(input: NewUser): Promise<UserRow> {
  return readOk(await api.api.users.$post({ json: input }))
}

export async function updateUser(id: number, change: UserChange): Promise<UserRow> {
  return readOk(await api.api.users[':id'].$patch({ param: { id: String(id) }, json: change }))
}

const definedOnly = <T extends object>(q: T) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as T

/** One page of the audit log, newest first; `before` is the `next` of the previous page. */
export async function listAudit(filter: AuditFilter, page: { limit: number; before?: number }): Promise<AuditPage> {
  const query = definedOnly({ ...filter, limit: String(page.limit), before: page.before === undefined ? undefined : String(page.before) })
  return readOk(await api.api.audit.$get({ query }))
}

/** Where the browser downloads the filtered log as CSV (same filters as the table; the session cookie goes along). */
export function auditExportUrl(filter: AuditFilter): string {
  return api.api.audit['export.csv'].$path({ query: definedOnly(filter) })
}
