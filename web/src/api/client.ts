import type { AppType } from '@gridwatch/server'
import { tableFromIPC } from 'apache-arrow'
import { hc } from 'hono/client'
import { sessionStore } from './session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every call goes through here: same-origin, so the browser sends the HTTP-only session cookie
 * (Path=/api) itself, and every write carries the session's CSRF token (the server refuses writes
 * without it). A 401 while signed in means the server ended the session (expired, signed out
 * elsewhere, password reset by an admin): the app goes back to the sign-in screen.
 */
const sessionFetch: typeof fetch = async (input, init) => {
  const headers = new Headers(init?.headers)
  const token = sessionStore.csrfToken()
  if (token && !SAFE_METHODS.has((init?.method ?? 'GET').toUpperCase())) headers.set('X-CSRF-Token', token)
  const response = await fetch(input, { ...init, headers, credentials: 'same-origin' })
  if (response.status === 401 && sessionStore.get().status === 'signed-in') sessionStore.signedOut(true)
  return response
}

/** The only place that talks HTTP: a typed client generated from the server's routes. */
export const api = hc<AppType>('/', { fetch: sessionFetch })

/** An API error in the server's one shape, `{ error: { code, message, field? } }`, with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    /** Seconds, from a Retry-After header (429). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message)
  }
}

/** Turns a failed response into an ApiError (also when the body is not the API's JSON shape). */
export async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null
  const retry = Number(response.headers.get('retry-after'))
  return new ApiError(
    response.status,
    body?.error?.code ?? `http_${response.status}`,
    body?.error?.message ?? `${new URL(response.url, location.href).pathname}: HTTP ${response.status}`,
    body?.error?.field ?? null,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  )
}

/**
 * Decodes an Apache Arrow IPC response into its columns (typed arrays, no per-row objects) and the
 * schema's metadata (e.g. the category codes an index column refers to).
 */
export async function readArrowColumns<K extends string>(response: Response, names: readonly K[]) {
  if (!response.ok) throw await apiError(response)
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()))
  const columns = {} as Record<K, ArrayLike<number>>
  for (const name of names) {
    const vector = table.getChild(name)
    if (!vector) throw new Error(`Arrow response lacks column ${name}`)
    columns[name] = vector.toArray() as ArrayLike<number>
  }
  return { length: table.numRows, columns, metadata: table.schema.metadata }
}

/** A typed body without the API's error shape (hc types every route's errors into the union). */
export type OkBody<R> = R extends { json(): Promise<infer B> } ? Exclude<B, { error: unknown }> : never

/** The typed JSON body of a successful hc response; throws an ApiError otherwise. */
export async function readOk<R extends { ok: boolean; json(): Promise<unknown> }>(response: R): Promise<OkBody<R>> {
  if (!response.ok) throw await apiError(response as unknown as Response)
  return (await response.json()) as OkBody<R>
}

/** The JSON body of a successful response; an ApiError otherwise. */
export async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) throw await apiError(response)
  return (await response.json()) as T
}
