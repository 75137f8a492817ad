import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { z } from 'zod'
import type { statusCallback } from '../contracts/exchange'
import { SIGNATURE_HEADER, signBody, verifyBody } from '../exchange/signature'

type Status = z.infer<typeof statusCallback>['status']

export interface PartnerSimulatorOptions {
  /** The partner's code at GridWatch (its inbound URLs are /api/exchange/inbound/<code>/…). */
  partner: string
  /** The shared secret, as entered for the partner at GridWatch. */
  secret: string
  /** GridWatch's base URL, for the status callbacks. */
  gridwatchUrl: string
  port?: number
  host?: string
  /** Time between two status reports of one matter. */
  stepMs?: number
  log?: (line: string) => void
}

/** How a department works a matter: received at once, then accepted, handled and resolved. */
const lifecycle: { status: Status; note: string }[] = [
  { status: 'received', note: '已接收，正在分派' },
  { status: 'accepted', note: '已受理，派单至责任科室' },
  { status: 'handling', note: '工作人员已到场处置' },
  { status: 'resolved', note: '已办结，已回访当事人' },
]

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => resolve(body))
    req.on('error', reject)
  })

/**
 * A stand-in for a partner platform (城管, 12345, …) to try the exchange without one: it checks the
 * signature of every matter GridWatch forwards, applies each idempotency key once, and reports the
 * matter's progress back through the signed status callback, one step every `stepMs`.
 */
export function startPartnerSimulator(options: PartnerSimulatorOptions) {
  const { partner, secret, stepMs = 5000, log = () => {} } = options
  const base = options.gridwatchUrl.replace(/\/+$/, '')
  const received = new Map<string, string>()
  const timers = new Set<NodeJS.Timeout>()
  const stats = { forwarded: 0, repeated: 0, refused: 0, callbacks: 0, callbackErrors: 0 }

  async function report(eventKey: string, remoteRef: string, step: (typeof lifecycle)[number]) {
    const body = JSON.stringify({ eventKey, status: step.status, remoteRef, note: step.note, at: new Date().toISOString() })
    try {
      const res = await fetch(`${base}/api/exchange/inbound/${encodeURIComponent(partner)}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, body) },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`)
      stats.callbacks++
      log(`${remoteRef} ${step.status}`)
    } catch (error) {
      stats.callbackErrors++
      log(`${remoteRef} ${step.status}: the status report failed (${(error as Error).message})`)
    }
  }

  /** Reports one after the other, `stepMs` apart, as a department's case system would. */
  function work(eventKey: string, remoteRef: string) {
    let chain = Promise.resolve()
    lifecycle.forEach((step, i) => {
      chain = chain.then(
        () =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              timers.delete(timer)
              report(eventKey, remoteRef, step).then(resolve, resolve)
            }, i === 0 ? 0 : stepMs)
            timers.add(timer)
          }),
      )
    })
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return res.writeHead(405).end()
      const body = await readBody(req)
      if (!verifyBody(secret, body, req.headers[SIGNATURE_HEADER] as string | undefined)) {
        stats.refused++
        log('refused a call with a wrong or stale signature')
        return res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad signature"}')
      }
      const key = String(req.headers['idempotency-key'] ?? '')
      const known = received.get(key)
      if (known) {
        // A repeat (our answer was lost): the same answer, and no second matter.
        stats.repeated++
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ remoteRef: known }))
      }
      const remoteRef = `${partner.toUpperCase()}-${String(received.size + 1).padStart(5, '0')}`
      received.set(key, remoteRef)
      stats.forwarded++
      const matter = (JSON.parse(body) as { incident?: { category?: string; address?: string | null } }).incident
      log(`${remoteRef} ← ${key} (${matter?.category ?? '?'}${matter?.address ? `, ${matter.address}` : ''})`)
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ remoteRef }))
      work(key, remoteRef)
    })().catch(() => res.writeHead(400).end())
  })

  return {
    stats,
    listening: new Promise<string>((resolve) =>
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        const { address, port } = server.address() as AddressInfo
        resolve(`http://${address.includes(':') ? `[${address}]` : address}:${port}/events`)
      }),
    ),
    async close() {
      for (const timer of timers) clearTimeout(timer)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
