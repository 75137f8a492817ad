import { timingSafeEqual } from 'node:crypto'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { can, type Permission } from '../contracts/auth'
import type { Database } from '../db/client'
import { apiError } from '../routes/errors'
import { findSession, SESSION_COOKIE, type Principal } from './sessions'

/** The context of every signed-in route: `c.var.principal`. */
export type AuthEnv = { Variables: { principal: Principal } }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Every /api route except the few `isPublic` names needs a live session (401 otherwise). Requests that
 * change state must also carry the session's CSRF token in `X-CSRF-Token` (403 otherwise): a cookie
 * alone, which a forged cross-site request would carry, is not enough.
 */
export const authenticate = (db: Database, isPublic: (path: string) => boolean) =>
  createMiddleware<AuthEnv>(async (c, next) => {
    if (isPublic(c.req.path)) return next()
    const token = getCookie(c, SESSION_COOKIE)
    const principal = token && token.length <= 64 ? await findSession(db, token) : null
    if (!principal) return apiError(c, 401, 'unauthenticated', 'Sign in first (session missing or expired)')
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header('x-csrf-token')
      if (!sent || !sameToken(sent, principal.csrfToken)) return apiError(c, 403, 'csrf', 'Missing or wrong X-CSRF-Token header', 'X-CSRF-Token')
    }
    c.set('principal', principal)
    await next()
  })

/** Route guard: 403 unless the signed-in role has the permission. Scoping happens in each query. */
export const requires = (permission: Permission) =>
  createMiddleware<AuthEnv>(async (c, next) => {
    if (!can(c.var.principal.user.role, permission)) return apiError(c, 403, 'forbidden', `Your role (${c.var.principal.user.role}) lacks ${permission}`)
    await next()
  })
