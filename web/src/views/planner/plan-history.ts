/**
 * Undo/redo over whole states (the plan's grids): every edit pushes the new state, undo steps back,
 * redo forward; an edit after an undo drops what could have been redone. Immutable, for React state.
 */
export interface History<T> {
  past: readonly T[]
  present: T
  future: readonly T[]
}

/** Steps kept behind the present (a long session stays bounded in memory). */
export const HISTORY_LIMIT = 100

export const startHistory = <T>(present: T): History<T> => ({ past: [], present, future: [] })

export function pushHistory<T>(h: History<T>, next: T, limit = HISTORY_LIMIT): History<T> {
  if (next === h.present) return h
  const past = [...h.past, h.present]
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] }
}

export function undoHistory<T>(h: History<T>): History<T> {
  if (h.past.length === 0) return h
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future] }
}

export function redoHistory<T>(h: History<T>): History<T> {
  if (h.future.length === 0) return h
  return { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) }
}
