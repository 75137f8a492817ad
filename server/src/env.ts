import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'

/** The only reader of process.env. Parsed once; a bad value stops the process with the variable's name. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  GRIDWATCH_DATA_DIR: z.string().min(1).default('.gridwatch/db'),
  GRIDWATCH_DEMO: z.enum(['0', '1']).default('1'),
  GRIDWATCH_DEMO_SCALE: z.coerce.number().positive().max(4).default(1),
  GRIDWATCH_DEMO_SEED: z.coerce.number().int().default(20261123),
  GRIDWATCH_WEB_DIST: z.string().optional(),
  GRIDWATCH_NEAREST_TOLERANCE_M: z.coerce.number().min(0).max(5000).default(50),
  GRIDWATCH_SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  GRIDWATCH_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  GRIDWATCH_SECURE_COOKIE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Days per dispute tier before a case is overdue: `grid=7,township=15,county=30`. */
  GRIDWATCH_DISPUTE_DEADLINE_DAYS: z
    .string()
    .default('grid=7,township=15,county=30')
    .transform((text, ctx) => {
      // Each tier once, in any order, 1–365 days.
      const pairs = text.split(',').map((pair) => pair.trim().split('=').map((part) => part.trim()))
      const days = Object.fromEntries(pairs)
      const tiers = ['grid', 'township', 'county'] as const
      const valid = pairs.length === 3 && Object.keys(days).length === 3 && tiers.every((t) => /^\d{1,3}$/.test(days[t] ?? '') && Number(days[t]) >= 1 && Number(days[t]) <= 365)
      if (!valid) ctx.addIssue({ code: 'custom', message: `"${text}": write grid=7,township=15,county=30 (each tier once, 1–365 days)` })
      return { grid: Number(days.grid), township: Number(days.township), county: Number(days.county) }
    }),
})

export type Env = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  demo: { enabled: boolean; scale: number; seed: number }
  webDist: string
  /** A point outside every grid but within this many metres of one goes to the nearest grid. */
  nearestToleranceM: number
  /** Sessions end this many hours after sign-in (a shift by default). */
  sessionHours: number
  /** Behind a reverse proxy: take the client address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean
  secureCookie: 'auto' | 'always' | 'never'
  /** Days each dispute tier (grid, township mediation center, county center) has to settle a case. */
  disputeDeadlineDays: { grid: number; township: number; county: number }
}

/** pnpm runs package scripts inside the package folder; relative paths are meant from where the user typed. */
const userCwd = () => process.env.INIT_CWD ?? process.cwd()
const fromUserCwd = (p: string) => (isAbsolute(p) ? p : resolve(userCwd(), p))

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(source)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: fromUserCwd(e.GRIDWATCH_DATA_DIR),
    demo: { enabled: e.GRIDWATCH_DEMO === '1', scale: e.GRIDWATCH_DEMO_SCALE, seed: e.GRIDWATCH_DEMO_SEED },
    nearestToleranceM: e.GRIDWATCH_NEAREST_TOLERANCE_M,
    sessionHours: e.GRIDWATCH_SESSION_HOURS,
    trustProxy: e.GRIDWATCH_TRUST_PROXY === '1',
    secureCookie: e.GRIDWATCH_SECURE_COOKIE,
    disputeDeadlineDays: e.GRIDWATCH_DISPUTE_DEADLINE_DAYS,
    webDist: e.GRIDWATCH_WEB_DIST
      ? fromUserCwd(e.GRIDWATCH_WEB_DIST)
      : resolve(import.meta.dirname, '../../web/dist'),
  }
}

export const readEnv = () => parseEnv(process.env)
