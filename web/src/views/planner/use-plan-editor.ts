import type { PlanDetail, PlanSummary } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { loadPlan, savePlanGrids, type PlanGrid } from '../../api/plans'
import { pushHistory, redoHistory, startHistory, undoHistory, type History } from './plan-history'

/** Edits are saved this long after the last one (a burst of vertex drags is one save). */
export const SAVE_DEBOUNCE_MS = 600
/** How often a wait for the saves (settle) looks whether the one under way is done. */
const SETTLE_POLL_MS = 50

export type SaveState =
  | { status: 'saved' }
  | { status: 'pending' | 'saving' }
  /** Someone saved the plan meanwhile: it was reloaded, the last edits are lost. */
  | { status: 'conflict'; revision: number }
  | { status: 'error'; message: string; field: string | null }

export type PlanMeta = Omit<PlanDetail, 'features'>

const metaOf = ({ features: _features, ...meta }: PlanDetail): PlanMeta => meta
const gridsOf = (plan: PlanDetail) => plan.features.features as PlanGrid[]

/**
 * One open plan: its grids with undo/redo, saved (the whole set, over the revision last saved) a
 * moment after each edit. Saves never overlap: an edit made while one is under way is saved right
 * after it, over the revision it returned. `savedRevision` is the revision the server's scores and
 * validation should be asked for.
 */
export function usePlanEditor(planId: number | null) {
  const [meta, setMeta] = useState<PlanMeta | null>(null)
  const [history, setHistory] = useState<History<PlanGrid[]> | null>(null)
  const [save, setSave] = useState<SaveState>({ status: 'saved' })
  const [loadError, setLoadError] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)
  const grids = history?.present ?? null
  const latest = useRef<PlanGrid[] | null>(null)
  latest.current = grids
  const historyRef = useRef(history)
  historyRef.current = history
  // `reloads` counts plans reloaded after a 409: a wait for the saves (settle) learns the plan changed under it.
  const saver = useRef({ planId: null as number | null, revision: 0, timer: 0, inFlight: false, again: false, reloads: 0 })

  const open = useCallback((plan: PlanDetail) => {
    saver.current.revision = plan.revision
    setMeta(metaOf(plan))
    setHistory(startHistory(gridsOf(plan)))
  }, [])

  const flush = useCallback(async (id: number) => {
    const s = saver.current
    window.clearTimeout(s.timer)
    s.timer = 0
    if (s.inFlight) {
      s.again = true
      return
    }
    const sent = latest.current
    if (!sent) return
    s.inFlight = true
    if (s.planId === id) setSave({ status: 'saving' })
    try {
      const saved = await savePlanGrids(id, s.revision, sent)
      if (s.planId !== id) return
      s.revision = saved.revision
      setMeta(metaOf(saved))
      if (!s.again && !s.timer) setSave({ status: 'saved' })
    } catch (e) {
      if (s.planId !== id) return
      s.again = false
      if (e instanceof ApiError && e.status === 409 && e.field === 'revision') {
        const fresh = await loadPlan(id)
        if (s.planId !== id) return
        s.reloads++
        open(fresh)
        setSave({ status: 'conflict', revision: fresh.revision })
      } else {
        setSave({ status: 'error', message: e instanceof Error ? e.message : String(e), field: e instanceof ApiError ? e.field : null })
      }
    } finally {
      s.inFlight = false
    }
    if (s.again && s.planId === id) {
      s.again = false
      void flush(id)
    }
  }, [open])

  useEffect(() => {
    const s = saver.current
    window.clearTimeout(s.timer)
    s.planId = planId
    s.again = false
    setMeta(null)
    setHistory(null)
    setSave({ status: 'saved' })
    setLoadError(null)
    if (planId === null) return
    let cancelled = false
    loadPlan(planId)
      .then((plan) => !cancelled && open(plan))
      .catch((e: unknown) => !cancelled && setLoadError(e instanceof Error ? e.message : String(e)))
    return () => {
      cancelled = true
      // Leaving the plan (another one opened, the page left): what is pending goes to the server now.
      if (s.timer) void flush(planId)
    }
  }, [planId, generation])

  const schedule = useCallback(() => {
    const s = saver.current
    if (s.planId === null) return
    const id = s.planId
    window.clearTimeout(s.timer)
    setSave({ status: 'pending' })
    s.timer = window.setTimeout(() => void flush(id), SAVE_DEBOUNCE_MS)
  }, [flush])

  const edit = useCallback((next: PlanGrid[]) => {
    setHistory((h) => (h ? pushHistory(h, next) : h))
    schedule()
  }, [schedule])
  // Nothing to undo (or redo) saves nothing: every save is a new revision.
  const undo = useCallback(() => {
    if (!historyRef.current?.past.length) return
    setHistory((h) => (h ? undoHistory(h) : h))
    schedule()
  }, [schedule])
  const redo = useCallback(() => {
    if (!historyRef.current?.future.length) return
    setHistory((h) => (h ? redoHistory(h) : h))
    schedule()
  }, [schedule])

  /**
   * Saves what is pending now and waits for every save under way: the revision the server holds, which
   * is the plan on screen. Null when the plan changed meanwhile (another plan opened, or a 409 reloaded it).
   */
  const settle = useCallback(async (): Promise<number | null> => {
    const s = saver.current
    const id = s.planId
    const reloads = s.reloads
    while (id !== null && s.planId === id && (s.timer || s.inFlight)) {
      if (s.timer && !s.inFlight) await flush(id)
      else await new Promise((resolve) => window.setTimeout(resolve, SETTLE_POLL_MS))
    }
    return id !== null && s.planId === id && s.reloads === reloads ? s.revision : null
  }, [flush])

  /** The plan as the server changed it itself (an import): its grids are the next undo step, saved already. */
  const adopt = useCallback((plan: PlanDetail) => {
    const s = saver.current
    if (s.planId !== plan.id) return
    s.revision = plan.revision
    setMeta(metaOf(plan))
    setHistory((h) => (h ? pushHistory(h, gridsOf(plan)) : startHistory(gridsOf(plan))))
    setSave({ status: 'saved' })
  }, [])

  /** After the server changed the plan's status (published, discarded): its summary as it now is. */
  const refreshMeta = useCallback((summary: Partial<PlanSummary>) => setMeta((m) => (m ? { ...m, ...summary } : m)), [])

  return {
    meta,
    grids,
    loadError,
    save,
    savedRevision: meta?.revision ?? null,
    canUndo: (history?.past.length ?? 0) > 0,
    canRedo: (history?.future.length ?? 0) > 0,
    editable: meta?.status === 'draft',
    edit,
    undo,
    redo,
    refreshMeta,
    settle,
    adopt,
    /** Reads the plan again from the server (its status or staleness changed elsewhere). */
    reload: () => setGeneration((n) => n + 1),
    dismissNotice: () => setSave((s) => (s.status === 'conflict' || s.status === 'error' ? { status: 'saved' } : s)),
  }
}
