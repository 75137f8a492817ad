import type { z } from 'zod'
import type { Permission, SessionUser } from '../contracts/auth'
import type { IncidentRecord, incidentInput } from '../contracts/incidents'

/**
 * The replay's HTTP side: a signed-in client of a running GridWatch, like the 110 system would be
 * (README "Sessions and sign-in"). It never opens the database.
 */

/** The run cannot go on (no server, no session, no permission): stop with this message. */
export class ReplayStopError extends Error {
  override name = 'ReplayStopError'
}

/** The server refused one request (4xx/5xx with `{ error: { code, message, field } }`): skip it, go on. */
export class ApiRejection extends Error {
  override name = 'ApiRejection'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | undefined,
  ) {
    super(message)
  }
}

/** `GET /api/auth/config`: in demo mode, the demo accounts with their documented password. */
export interface AuthConfig {
  demo: boolean
  demoAccounts: { username: string; role: string; password: string }[]
}

const REQUEST_TIMEOUT_MS = 30_000

interface Answer {
  status: number
  headers: Headers
  body: unknown
}

const errorOf = (body: unknown) => (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error

/** A thrown fetch says why in its cause: ECONNREFUSED, ENOTFOUND, a timeout … */
function unreachable(url: string, error: unknown) {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const why =
    (error as Error).name === 'TimeoutError'
      ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
      : cause?.code === 'ECONNREFUSED'
        ? 'connection refused'
        : (cause?.code ?? cause?.message ?? (error as Error).message)
  return new ReplayStopError(`Cannot reach GridWatch at ${url} (${why}). Is it running (pnpm start)? Point --url or GRIDWATCH_URL at it.`)
}

export function createReplayClient(baseUrl: string) {
  let cookie = ''
  let csrfToken = ''

  async function request(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (cookie) headers.cookie = cookie
    // The session's CSRF token goes with every change; a cookie alone gets 403.
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
    let res: Response
    try {
      res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    } catch (error) {
      throw unreachable(baseUrl, error)
    }
    const text = await res.text().catch(() => '')
    let parsed: unknown = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // Not JSON: a proxy's error page, or not GridWatch at all. Handled by the status below.
    }
    return { status: res.status, headers: res.headers, body: parsed }
  }

  /** A refused request: 401/403/429 stop the run (ReplayStopError); anything else is one ApiRejection. */
  function refusal(answer: Answer, method: string, path: string) {
    const error = errorOf(answer.body)
    const message = error?.message ?? `HTTP ${answer.status} without a GridWatch error body (is ${baseUrl} GridWatch?)`
    if (answer.status === 401) return new ReplayStopError(`GridWatch ended the session: ${message}. Disabled account, new password or expiry? Run the replay again to sign in.`)
    if (answer.status === 403) return new ReplayStopError(`GridWatch refused ${method} ${path}: ${message}`)
    if (answer.status === 429) return new ReplayStopError(`GridWatch asks to slow down (${message}); retry after ${answer.headers.get('retry-after') ?? 'a while'} s.`)
    return new ApiRejection(answer.status, error?.code ?? 'http_error', message, error?.field)
  }

  return {
    /** Demo mode or not; public, so it also tells whether the server is there at all. */
    async authConfig(): Promise<AuthConfig> {
      const answer = await request('GET', '/api/auth/config')
      const config = answer.body as Partial<AuthConfig> | null
      if (answer.status !== 200 || typeof config?.demo !== 'boolean') {
        throw new ReplayStopError(`${baseUrl} does not answer like GridWatch (GET /api/auth/config → HTTP ${answer.status}). Check --url or GRIDWATCH_URL.`)
      }
      return { demo: config.demo, demoAccounts: config.demoAccounts ?? [] }
    },

    /**
     * Signs in and keeps the session cookie and CSRF token for the next requests. Also returns how far
     * the server's clock is ahead of ours (from its Date header, whole seconds, so rather behind than
     * ahead): times sent on the server's clock are never in its future, whatever this machine's clock says.
     */
    async signIn(username: string, password: string): Promise<{ user: SessionUser; clockOffsetMs: number }> {
      const answer = await request('POST', '/api/auth/login', { username, password })
      if (answer.status !== 200) {
        const message = errorOf(answer.body)?.message ?? `HTTP ${answer.status}`
        throw new ReplayStopError(`Sign-in as ${username} failed: ${message}`)
      }
      // Keep every cookie the server set (name=value only): the session cookie among them.
      cookie = answer.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .join('; ')
      const { user, csrfToken: token } = answer.body as { user: SessionUser; csrfToken: string }
      csrfToken = token
      const serverTime = Date.parse(answer.headers.get('date') ?? '')
      return { user, clockOffsetMs: Number.isNaN(serverTime) ? 0 : serverTime - Date.now() }
    },

    /** POST /api/incidents: 201 created, 200 when (source, externalId) was already stored. */
    async report(incident: z.input<typeof incidentInput>): Promise<{ id: number; created: boolean }> {
      const answer = await request('POST', '/api/incidents', incident)
      if (answer.status !== 200 && answer.status !== 201) throw refusal(answer, 'POST', '/api/incidents')
      return { id: (answer.body as IncidentRecord).id, created: answer.status === 201 }
    },

    /** PATCH /api/incidents/:id with later links of the time chain (ISO times). */
    async updateChain(id: number, links: Record<string, string>): Promise<void> {
      const answer = await request('PATCH', `/api/incidents/${id}`, links)
      if (answer.status !== 200) throw refusal(answer, 'PATCH', `/api/incidents/${id}`)
    },

    /** Ends the session on the server; a failure here changes nothing for the run. */
    async signOut() {
      if (cookie) await request('POST', '/api/auth/logout').catch(() => {})
      cookie = ''
    },
  }
}
export type ReplayClient = ReturnType<typeof createReplayClient>

/** What the replay needs: to send incidents, and to record their time chains. */
export const replayPermissions: readonly Permission[] = ['incidents:report', 'incidents:dispatch']

/** Checked right after sign-in, so a role that cannot replay is told so before anything is sent. */
export function missingPermissions(user: SessionUser) {
  return replayPermissions.filter((p) => !user.permissions.includes(p))
}
