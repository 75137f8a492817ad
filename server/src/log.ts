/**
 * Structured logs: one JSON object per line. Fields are chosen, never dumped: no request bodies, no
 * query strings, no SQL parameters (they hold names, phones, addresses), no cookies or tokens.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>

export function logEvent(level: 'info' | 'warn' | 'error', msg: string, fields: LogFields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })
  if (level === 'info') process.stdout.write(`${line}\n`)
  else process.stderr.write(`${line}\n`)
}

/** PostgreSQL/driver codes that mean the database is unreachable right now (not a bad query). */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006'])

/** The database error under drizzle's wrapper ("Failed query: … params: …", which must not be logged). */
export function databaseCause(error: unknown): { code?: string; message: string } | null {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return { code: e.code, message: typeof e.message === 'string' ? e.message : '' }
  }
  return null
}

export const isDatabaseUnavailable = (error: unknown) => {
  const cause = databaseCause(error)
  return cause?.code !== undefined && unavailableCodes.has(cause.code)
}

/** A loggable description of an error: its type and the database's error code, never the failed SQL's parameters. */
export function errorFields(error: unknown): LogFields {
  const cause = databaseCause(error)
  // Only the code: PostgreSQL's messages quote the offending input value (22P02, 23514 …).
  if (cause) return { error: error instanceof Error ? error.name : 'Error', dbCode: cause.code }
  const message = error instanceof Error ? error.message : String(error)
  return { error: error instanceof Error ? error.name : 'Error', message: message.split('\n')[0]!.slice(0, 300) }
}
