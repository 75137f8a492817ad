/**
 * Failed logins per client address in a sliding window, in this process's memory. Account lockout
 * (in the database, so it holds across server instances) is the second line; this one slows a
 * password spray across many accounts from one address.
 */
export function createLoginLimiter(options: { maxFailures: number; windowMs: number }) {
  const failures = new Map<string, number[]>()
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < options.windowMs)
  return {
    /** Milliseconds until this address may try again; 0 when it may try now. */
    retryAfterMs(key: string, now = Date.now()) {
      const times = recent(key, now)
      failures.set(key, times)
      if (times.length === 0) failures.delete(key)
      return times.length >= options.maxFailures ? options.windowMs - (now - times[0]!) : 0
    },
    fail(key: string, now = Date.now()) {
      failures.set(key, [...recent(key, now), now])
    },
  }
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>
