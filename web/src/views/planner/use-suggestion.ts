import type { PlanScores, PlanSuggestion } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { suggestRebalance, type PlanGrid } from '../../api/plans'
import { applySuggestion, overlayBounds, suggestionOverlay, workloadBars } from './suggestion-preview'

export type SuggestionState =
  | { status: 'idle' }
  /** The server is working on it (a couple of seconds on a big area). */
  | { status: 'busy' }
  | { status: 'shown'; suggestion: PlanSuggestion }
  | { status: 'failed'; message: string }

/**
 * The rebalancing suggestion of the open plan: asked for, previewed, then accepted or rejected by the
 * caller. While it is asked for or shown the plan holds still (the caller makes it read only), so what
 * is accepted is what was previewed. Opening another plan forgets it.
 */
export function useSuggestion(planId: number | null) {
  const [state, setState] = useState<SuggestionState>({ status: 'idle' })
  const request = useRef<AbortController | null>(null)

  useEffect(() => {
    setState({ status: 'idle' })
    return () => request.current?.abort()
  }, [planId])

  const ask = useCallback(async () => {
    if (planId === null) return
    request.current?.abort()
    const controller = new AbortController()
    request.current = controller
    setState({ status: 'busy' })
    try {
      const suggestion = await suggestRebalance(planId, undefined, { signal: controller.signal })
      if (!controller.signal.aborted) setState({ status: 'shown', suggestion })
    } catch (e) {
      if (!controller.signal.aborted) setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) })
    }
  }, [planId])

  const close = useCallback(() => {
    request.current?.abort()
    setState({ status: 'idle' })
  }, [])

  return {
    state,
    suggestion: state.status === 'shown' ? state.suggestion : null,
    /** Asked for or shown: the plan is not to be edited meanwhile. */
    active: state.status === 'busy' || state.status === 'shown',
    ask,
    close,
  }
}

export interface SuggestionPreviewInput {
  planId: number | null
  /** The plan's grids as the editor holds them. */
  grids: readonly PlanGrid[] | null
  /** The revision saved on the server: a suggestion of another revision is stale. */
  savedRevision: number | null
  /** The server's scores (their per-grid workloads make the chart when they are of the suggestion's revision). */
  scores: PlanScores | null
  /** Saves grids as the plan's next state (the editor's undoable edit). */
  edit: (grids: PlanGrid[]) => void
  onAccepted: (suggestion: PlanSuggestion) => void
  /** The map goes to the moves when they are shown. */
  fly: (bounds: [number, number, number, number]) => void
}

/** The suggestion with what its preview shows (the map's overlay, the chart's bars) and accepting it. */
export function useSuggestionPreview(input: SuggestionPreviewInput) {
  const suggestion = useSuggestion(input.planId)
  const shown = suggestion.suggestion
  const overlay = useMemo(() => (shown && input.grids ? suggestionOverlay(shown, input.grids) : null), [shown, input.grids])
  const scores = input.scores
  const bars = useMemo(() => (shown && scores?.revision === shown.revision ? workloadBars(scores.grids, shown.moves) : null), [shown, scores])
  const fly = useRef(input.fly)
  fly.current = input.fly
  useEffect(() => {
    const bounds = overlay ? overlayBounds(overlay) : null
    if (bounds) fly.current(bounds)
    // Once per suggestion shown, not on every change of the grids under it.
  }, [shown])
  const stale = shown !== null && shown.revision !== input.savedRevision
  const accept = (accepted: PlanSuggestion) => {
    suggestion.close()
    if (!input.grids || accepted.revision !== input.savedRevision) return
    input.edit(applySuggestion(input.grids, accepted))
    input.onAccepted(accepted)
  }
  return { ...suggestion, overlay: shown && shown.moves.length > 0 ? overlay : null, bars, stale, accept, reject: suggestion.close }
}
