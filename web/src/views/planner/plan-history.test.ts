import { describe, expect, it } from 'vitest'
import { pushHistory, redoHistory, startHistory, undoHistory } from './plan-history'

describe('plan history', () => {
  it('undoes and redoes edits in order, and an edit after an undo drops the redo steps', () => {
    let h = startHistory('a')
    h = pushHistory(h, 'b')
    h = pushHistory(h, 'c')
    h = undoHistory(h)
    expect(h.present).toBe('b')
    h = undoHistory(undoHistory(h))
    expect(h.present).toBe('a')
    h = redoHistory(h)
    expect(h.present).toBe('b')
    h = pushHistory(h, 'd')
    expect(h.future).toEqual([])
    expect(redoHistory(h)).toBe(h)
    expect(h.past).toEqual(['a', 'b'])
  })

  it('keeps at most the limit of steps behind the present', () => {
    let h = startHistory(0)
    for (let i = 1; i <= 10; i++) h = pushHistory(h, i, 3)
    expect(h.past).toEqual([7, 8, 9])
    expect(pushHistory(h, h.present)).toBe(h)
  })
})
