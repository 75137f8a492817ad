import type { DirectoryPerson, DisputeCase, DisputeDetail, DisputeKpis, DisputeRecord } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useState } from 'react'
import { listDisputes, listMediators, listOpenDisputes, loadDispute, loadDisputeKpis, type DisputeFilter } from '../../api/disputes'
import { loadAreas, loadBasemapInfo, loadGrids } from '../../api/map-data'
import type { DisputesBase } from './disputes-map'
import { kpiPeriod, type KpiPeriod } from './dispute-format'
import type { AreaLevel } from './area-kpis'

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Loads whenever `key` changes (the latest answer wins); `load` is read at that moment. */
function useLoaded<T>(load: (() => Promise<T>) | null, key: string) {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key: '', data: null, error: null })
  useEffect(() => {
    if (!load) return
    let cancelled = false
    load()
      .then((data) => !cancelled && setState({ key, data, error: null }))
      .catch((e: unknown) => !cancelled && setState((s) => ({ key, data: s.data, error: message(e) })))
    return () => {
      cancelled = true
    }
  }, [key])
  return state
}

const PAGE = 50

/**
 * The filtered case list, newest first, a page at a time ("more" appends the next). `version` changes
 * after every write, so the list shows what the server now holds.
 */
export function useDisputeList(filter: DisputeFilter, version: number) {
  const key = JSON.stringify(filter)
  const [pages, setPages] = useState<{ key: string; items: DisputeRecord[]; next: number | null } | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let cancelled = false
    setError(null)
    listDisputes(filter, { limit: PAGE })
      .then((page) => !cancelled && setPages({ key, ...page }))
      .catch((e: unknown) => !cancelled && setError(message(e)))
    return () => {
      cancelled = true
    }
  }, [key, version])
  const more = useCallback(() => {
    if (!pages?.next) return
    listDisputes(filter, { limit: PAGE, before: pages.next })
      .then((page) => setPages((p) => (p && p.key === key ? { key, items: [...p.items, ...page.items], next: page.next } : p)))
      .catch((e: unknown) => setError(message(e)))
  }, [pages, key])
  const current = pages?.key === key ? pages : null
  return { items: current?.items ?? null, hasMore: current?.next !== null && current !== null, more, error }
}

/** Every open case in scope, for the map (reloaded after each write). */
export const useOpenCases = (version: number) => useLoaded<DisputeRecord[]>(listOpenDisputes, String(version))

/**
 * One case with its timeline, moves and (for roles that may see them) parties. A workflow step answers
 * with the case as it now is, without parties: `applyStep` keeps the parties already read.
 */
export function useDisputeCase(id: number | null) {
  const [state, setState] = useState<{ id: number | null; detail: DisputeDetail | null; error: string | null }>({ id: null, detail: null, error: null })
  const [reads, setReads] = useState(0)
  useEffect(() => {
    if (id === null) return
    let cancelled = false
    loadDispute(id)
      .then((detail) => !cancelled && setState({ id, detail, error: null }))
      .catch((e: unknown) => !cancelled && setState({ id, detail: null, error: message(e) }))
    return () => {
      cancelled = true
    }
  }, [id, reads])
  /** Reads the case again (someone else moved it meanwhile). */
  const reload = useCallback(() => setReads((n) => n + 1), [])
  const applyStep = useCallback((after: DisputeCase) => setState((s) => (s.detail && s.detail.id === after.id ? { ...s, detail: { ...after, parties: s.detail.parties } } : s)), [])
  const mine = state.id === id ? state : { detail: null, error: null }
  return { detail: mine.detail, error: mine.error, applyStep, reload }
}

/** The county-level totals (in the user's scope) of the chosen period, reloaded after each write. */
export function useDisputeKpis(period: KpiPeriod, version: number) {
  return useLoaded<DisputeKpis>(() => loadDisputeKpis('county', kpiPeriod(period, new Date())), `${period}:${version}`)
}

/**
 * The per-area table's KPIs at `level` for the same period as the strip, loaded only while the table is
 * shown. `data` is null while another level or period is loading, so a row never shows the wrong area's figures.
 */
export function useAreaKpis(level: AreaLevel, period: KpiPeriod, version: number, shown: boolean) {
  const wanted = `${level}:${period}`
  const [state, setState] = useState<{ wanted: string; data: DisputeKpis | null; error: string | null }>({ wanted: '', data: null, error: null })
  useEffect(() => {
    if (!shown) return
    let cancelled = false
    loadDisputeKpis(level, kpiPeriod(period, new Date()))
      .then((data) => !cancelled && setState({ wanted, data, error: null }))
      // A failed reload of the same level and period keeps its rows; another level's are never shown.
      .catch((e: unknown) => !cancelled && setState((s) => ({ wanted, data: s.wanted === wanted ? s.data : null, error: message(e) })))
    return () => {
      cancelled = true
    }
  }, [wanted, version, shown])
  return state.wanted === wanted ? { data: state.data, error: state.error } : { data: null, error: null }
}

/** The mediators a case can be given to, once (people:read; null while loading or without it). */
export const useMediators = (enabled: boolean) => useLoaded<DirectoryPerson[]>(enabled ? listMediators : null, String(enabled))

/** What the map draws under the cases, loaded once: our basemap, the grids and the outlines. */
export const useDisputesBase = () => useLoaded<DisputesBase>(async () => {
  const [basemap, grids, areas] = await Promise.all([loadBasemapInfo(), loadGrids(), loadAreas()])
  return { basemap, grids, areas }
}, 'base')
