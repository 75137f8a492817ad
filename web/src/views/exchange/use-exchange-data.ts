import type { DuplicateOffer, ExchangePartnerView, OutboxPage, OutboxStatus } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { listDuplicateOffers, listPartners, loadOutbox } from '../../api/exchange'
import { loadCategories, type IncidentCategory } from '../../api/incidents'

/** How often the open view asks again: delivery retries run on a scale of seconds. */
export const REFRESH_MS = 3000

export interface OutboxFilter {
  status?: OutboxStatus
  partner?: string
}

export interface ExchangeData {
  partners: ExchangePartnerView[] | null
  outbox: OutboxPage | null
  /** null while loading, or when the user may not read incidents. */
  duplicates: DuplicateOffer[] | null
  categories: IncidentCategory[]
  /** When the last refresh answered (ms), for the "updated n s ago" mark. */
  updatedAt: number | null
  error: string | null
  refresh: () => Promise<void>
}

/**
 * Partners, the outbox (as filtered) and the duplicate offers, asked again every few seconds while the
 * view is open, auto-refresh is on and the tab is visible; `refresh` asks at once (after a change).
 */
export function useExchangeData(filter: OutboxFilter, options: { auto: boolean; duplicates: boolean }): ExchangeData {
  const [partners, setPartners] = useState<ExchangePartnerView[] | null>(null)
  const [outbox, setOutbox] = useState<OutboxPage | null>(null)
  const [duplicates, setDuplicates] = useState<DuplicateOffer[] | null>(null)
  const [categories, setCategories] = useState<IncidentCategory[]>([])
  const [updatedAt, setUpdatedAt] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  // A slow answer to an older filter must not overwrite a newer one.
  const generation = useRef(0)

  const { status, partner } = filter
  const refresh = useCallback(async () => {
    const mine = ++generation.current
    try {
      const [p, o, d] = await Promise.all([listPartners(), loadOutbox({ status, partner }), options.duplicates ? listDuplicateOffers() : Promise.resolve(null)])
      if (mine !== generation.current) return
      setPartners(p)
      setOutbox(o)
      setDuplicates(d)
      setUpdatedAt(Date.now())
      setError(null)
    } catch (e) {
      if (mine === generation.current) setError(e instanceof Error ? e.message : String(e))
    }
  }, [status, partner, options.duplicates])

  useEffect(() => {
    loadCategories().then(setCategories, () => setCategories([]))
  }, [])

  useEffect(() => {
    void refresh()
    if (!options.auto) return
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refresh()
    }, REFRESH_MS)
    return () => window.clearInterval(timer)
  }, [refresh, options.auto])

  return { partners, outbox, duplicates, categories, updatedAt, error, refresh }
}

/** The current time, ticking every second (for "updated n s ago" and "next attempt in n s"). */
export function useSecondTicker() {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [])
  return now
}
