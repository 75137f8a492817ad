import { isIP } from 'node:net'
import type { Context } from 'hono'

/**
 * The caller's address. Behind a reverse proxy (GRIDWATCH_TRUST_PROXY=1) the last X-Forwarded-For entry,
 * the one our proxy appended (earlier entries come from the client and can be anything); otherwise the
 * socket's peer. Null when neither is known (in-process test requests).
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded && isIP(forwarded)) return forwarded
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  const address = incoming?.socket?.remoteAddress
  return address && isIP(address) ? address : null
}

export const userAgent = (c: Context) => c.req.header('user-agent')?.slice(0, 300) ?? null
