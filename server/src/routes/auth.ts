import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, setCookie } from 'hono/cookie'
import { loginInput, type SessionUser } from '../contracts/auth'
import type { Database } from '../db/client'
import type { DemoAccount } from '../services/demo-users'
import { checkCredentials, clientIp, findSession, openSession, requestOrigin, revokeSession, SESSION_COOKIE, writeAudit, type AuthEnv, type LoginLimiter } from '../auth'
import { apiError } from './errors'
import { validate } from './validate'

export interface AuthOptions {
  sessionHours: number
  /** Trust X-Forwarded-For / X-Forwarded-Proto (behind a reverse proxy). */
  trustProxy: boolean
  /** Secure cookies: always, never, or when the request came over HTTPS. */
  secureCookie: 'auto' | 'always' | 'never'
  limiter: LoginLimiter
  /** Demo mode: the documented demo accounts, shown on the sign-in page. Null outside demo mode. */
  demoAccounts: DemoAccount[] | null
}

const overHttps = (c: Context, trustProxy: boolean) =>
  new URL(c.req.url).protocol === 'https:' || (trustProxy && c.req.header('x-forwarded-proto') === 'https')

/** Sign in, sign out, who am I. Only /login and /config answer without a session. */
export const authRoutes = (db: Database, options: AuthOptions) =>
  new Hono<AuthEnv>()
    .get('/config', (c) => c.json({ demo: options.demoAccounts !== null, demoAccounts: options.demoAccounts ?? [] }))
    .post('/login', bodyLimit({ maxSize: 4096, onError: (c) => apiError(c, 413, 'body_too_large', 'Request body too large', 'body') }), validate('json', loginInput), async (c) => {
      const { username, password } = c.req.valid('json')
      const ip = clientIp(c, options.trustProxy)
      const origin = requestOrigin(c, ip)
      const waitMs = options.limiter.begin(ip ?? 'unknown')
      if (waitMs > 0) {
        c.header('Retry-After', String(Math.ceil(waitMs / 1000)))
        return apiError(c, 429, 'rate_limited', 'Too many failed sign-ins from this address; try again later')
      }
      const outcome = await checkCredentials(db, username, password)
      if (!outcome.ok) {
        await writeAudit(db, { user: null, username }, { ...origin, query: 'POST /api/auth/login' }, { action: outcome.reason === 'locked' ? 'auth.locked' : 'auth.login_failed' })
        if (outcome.reason === 'locked') {
          c.header('Retry-After', String(outcome.retryAfterS))
          return apiError(c, 429, 'locked', `Too many wrong passwords: this account is locked for ${Math.ceil(outcome.retryAfterS / 60)} min`)
        }
        return apiError(c, 401, 'invalid_credentials', 'Wrong username or password', 'password')
      }
      options.limiter.succeeded(ip ?? 'unknown')
      const { token, csrfToken } = await openSession(db, outcome.userId, { ttlHours: options.sessionHours, ip, userAgent: origin.userAgent })
      const principal = (await findSession(db, token))!
      await writeAudit(db, principal, { ...origin, query: 'POST /api/auth/login' }, { action: 'auth.login' })
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/api',
        maxAge: options.sessionHours * 3600,
        secure: options.secureCookie === 'always' || (options.secureCookie === 'auto' && overHttps(c, options.trustProxy)),
      })
      return c.json({ user: principal.user satisfies SessionUser, csrfToken })
    })
    .post('/logout', async (c) => {
      await revokeSession(db, c.var.principal.sessionHash)
      await writeAudit(db, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'auth.logout' })
      deleteCookie(c, SESSION_COOKIE, { path: '/api' })
      return c.json({ ok: true })
    })
    .get('/me', (c) => {
      return c.json({ user: c.var.principal.user, csrfToken: c.var.principal.csrfToken })
    })
