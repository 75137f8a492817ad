import { useEffect, useState } from 'react'

export interface Loaded<T> {
  data: T | null
  error: string | null
  /** A request is under way (the data, if any, is the previous answer). */
  busy: boolean
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError'

/**
 * Loads `load()` whenever `key` changes (compared by JSON), aborting the request it replaces. `null`
 * as the key loads nothing and clears the data. The previous answer stays shown while the next loads.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: unknown): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, busy: false })
  const keyText = key === null ? null : JSON.stringify(key)
  useEffect(() => {
    if (keyText === null) return setState({ data: null, error: null, busy: false })
    const controller = new AbortController()
    setState((s) => ({ ...s, busy: true, error: null }))
    load(controller.signal)
      .then((data) => !controller.signal.aborted && setState({ data, error: null, busy: false }))
      .catch((e: unknown) => !controller.signal.aborted && !isAbort(e) && setState((s) => ({ ...s, error: message(e), busy: false })))
    return () => controller.abort()
    // `load` is read when the key changes (callers pass a new arrow on every render).
  }, [keyText])
  return state
}
