/**
 * Failed logins per client address in a sliding window, in this process's memory. Account lockout
 * (in the database, so it holds across server instances) is the second line; this one slows a
 * password spray across many accounts from one address. An attempt is counted when it starts (so
 * parallel attempts cannot slip through) and refunded when it succeeds.
 */
export function createLoginLimiter(options: { maxFailures: number; windowMs: number; maxAddresses?: number }) {
  const failures = new Map<string, number[]>()
  const maxAddresses = options.maxAddresses ?? 100_000
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < options.windowMs)
  return {
    /**
     * Counts an attempt. Returns 0 when it may go ahead, else the milliseconds until this address may
     * try again (the attempt is then not counted).
     */
    begin(key: string, now = Date.now()): number {
      const times = recent(key, now)
      if (times.length >= options.maxFailures) return options.windowMs - (now - times[0]!)
      if (!failures.has(key) && failures.size >= maxAddresses) {
        // Bounded memory: forget the addresses whose failures are oldest.
        for (const [k, t] of failures) if (now - t[t.length - 1]! >= options.windowMs || failures.size >= maxAddresses) failures.delete(k)
      }
      failures.set(key, [...times, now])
      return 0
    },
    /** A successful sign-in does not count against its address. */
    succeeded(key: string) {
      const times = failures.get(key)
      times?.pop()
      if (times?.length === 0) failures.delete(key)
    },
  }
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>
