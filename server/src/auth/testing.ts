import type { Role } from '../contracts/auth'
import type { Database } from '../db/client'
import { openSession, SESSION_COOKIE } from './sessions'
import { createUser } from './users'

let seq = 0

export interface TestSession {
  userId: number
  username: string
  /** Like `app.request`, signed in: sends the session cookie and, on writes, the CSRF token. */
  request: (path: string, init?: RequestInit) => Promise<Response>
  /** The same, on another app instance (a second server on the same database). */
  requestOn: (app: AppLike, path: string, init?: RequestInit) => Promise<Response>
  cookie: string
  csrfToken: string
}

/**
 * A user of `role` with an open session, for route tests. The user is real (argon2 hash, a row in
 * users) and the session is opened the way /api/auth/login opens it.
 */
type AppLike = { request: (path: string, init?: RequestInit) => Response | Promise<Response> }

export async function signInAs(
  db: Database,
  app: AppLike,
  role: Role,
  scope: { stationId?: number; personId?: number } = {},
): Promise<TestSession> {
  const username = `${role.replace('_', '-')}-${++seq}-${process.pid}`
  const user = await createUser(db, {
    username,
    displayName: `测试 ${role}`,
    password: 'correct horse battery staple',
    role,
    stationId: scope.stationId ?? null,
    personId: scope.personId ?? null,
  })
  const { token, csrfToken } = await openSession(db, user.id, { ttlHours: 1, ip: null, userAgent: 'vitest' })
  const cookie = `${SESSION_COOKIE}=${token}`
  const requestOn = async (target: AppLike, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    headers.set('cookie', cookie)
    if (init.method && !['GET', 'HEAD'].includes(init.method.toUpperCase())) headers.set('x-csrf-token', csrfToken)
    return target.request(path, { ...init, headers })
  }
  return { userId: user.id, username, cookie, csrfToken, requestOn, request: (path, init) => requestOn(app, path, init) }
}
