import { useState } from 'react'

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** A button's action: busy while it runs, its failure's message (as `describe` words it) kept to show next to it. */
export function useBusyAction(describe: (error: unknown) => string = messageOf) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(describe(e))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, run }
}
