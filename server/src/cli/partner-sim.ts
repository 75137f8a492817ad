import { z } from 'zod'
import type { Env } from '../env'
import { InputError } from '../services/errors'
import { options } from './args'
import { startPartnerSimulator } from './partner-simulator'

const simOptions = z.object({
  partner: z.string().regex(/^[a-z0-9_-]{1,32}$/, '--partner: a partner code such as hotline12345'),
  port: z.coerce.number().int().min(1).max(65535).default(18181),
  host: z.string().default('127.0.0.1'),
  url: z.string().optional(),
  step: z.coerce.number().positive().max(3600).default(5),
})

/**
 * `partner-sim`: plays a partner platform for the exchange (README "Event exchange"). The secret comes
 * from GRIDWATCH_PARTNER_SECRET, never from the command line (it would show in the process list).
 */
export async function partnerSimCommand(args: string[], env: Env) {
  const { values } = options(args, { partner: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, url: { type: 'string' }, step: { type: 'string' } })
  const parsed = simOptions.safeParse(values)
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message, String(parsed.error.issues[0]!.path[0] ?? 'partner'))
  const secret = process.env.GRIDWATCH_PARTNER_SECRET ?? ''
  if (secret.length < 32) throw new InputError('Set GRIDWATCH_PARTNER_SECRET to the partner\'s shared secret (at least 32 characters), as entered at GridWatch', 'secret')
  const o = parsed.data
  const gridwatchUrl = o.url ?? process.env.GRIDWATCH_URL ?? `http://127.0.0.1:${env.port}`
  const sim = startPartnerSimulator({ partner: o.partner, secret, gridwatchUrl, port: o.port, host: o.host, stepMs: o.step * 1000, log: (line) => process.stderr.write(`[partner ${o.partner}] ${line}\n`) })
  const endpoint = await sim.listening
  process.stderr.write(`[partner ${o.partner}] listening: set the partner's endpoint at GridWatch to ${endpoint}\n`)
  process.stderr.write(`[partner ${o.partner}] status reports go to ${gridwatchUrl}; Ctrl-C stops\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await sim.close()
  process.stderr.write(`[partner ${o.partner}] ${JSON.stringify(sim.stats)}\n`)
  return 0
}
