import { useEffect, useState } from 'react'
import type { IncidentStore } from '../../live/incident-store'

export interface LiveRefreshOptions {
  enabled: boolean
  /** Live incidents that make the data stale; null: refreshed on the timer only. */
  store: IncidentStore | null
  everyMs: number
  /** Live events come in bursts (a batch import, a busy hour): one refresh this long after the last. */
  afterEventsMs: number
}

/**
 * Server aggregates kept current on a wall nobody touches: loaded now, every `everyMs`, and once after
 * each burst of live incidents. `load` is called again whenever `key` changes (a new window, say).
 */
export function useLiveRefreshed<T>(load: () => Promise<T>, key: unknown, options: LiveRefreshOptions) {
  const { enabled, store, everyMs, afterEventsMs } = options
  const [value, setValue] = useState<{ data: T; at: number } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let debounce: number | undefined
    const refresh = () =>
      load()
        .then((data) => {
          if (cancelled) return
          setValue({ data, at: Date.now() })
          setError(null)
        })
        .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)))
    void refresh()
    const timer = window.setInterval(refresh, everyMs)
    const unsubscribe = store?.onIncident(() => {
      window.clearTimeout(debounce)
      debounce = window.setTimeout(refresh, afterEventsMs)
    })
    return () => {
      cancelled = true
      window.clearInterval(timer)
      window.clearTimeout(debounce)
      unsubscribe?.()
    }
    // `load` is read when the key changes, not on every render (callers pass a new arrow each time).
  }, [enabled, store, everyMs, afterEventsMs, key])
  return { value, error }
}
