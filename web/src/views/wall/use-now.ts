import { useEffect, useState } from 'react'

/**
 * The current time, refreshed by one interval for the whole component that asks (the feed's timers
 * all tick from one clock, not one timer per row).
 */
export function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs])
  return now
}
