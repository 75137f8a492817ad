import { createHmac, timingSafeEqual } from 'node:crypto'
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S } from '../contracts/exchange'

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — the same scheme both ways (constants in the contracts). */
export { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S }

const mac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

export function signBody(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000)
  return `t=${t},v1=${mac(secret, t, body)}`
}

/** Whether `header` signs `body` with `secret`, within the tolerance of `now`. Constant-time comparison. */
export function verifyBody(secret: string, body: string, header: string | undefined, now = Date.now()): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_S) return false
  return timingSafeEqual(Buffer.from(mac(secret, t, body), 'hex'), Buffer.from(parts.v1!, 'hex'))
}
