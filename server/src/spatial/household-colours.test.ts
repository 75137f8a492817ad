import { describe, expect, it } from 'vitest'
import { suppressSmallCells } from './household-colours'

const cells = (green: number, yellow: number, orange: number, red: number) => suppressSmallCells({ green, yellow, orange, red })

describe('small-cell suppression of household colours', () => {
  it('shows counts where every colour has 0 or at least 3 households', () => {
    expect(cells(12, 0, 3, 5)).toEqual({ households: 20, colours: { green: 12, yellow: 0, orange: 3, red: 5 }, suppressed: false })
  })

  it('hides a small cell and the smallest visible one with it', () => {
    expect(cells(12, 4, 0, 1)).toEqual({ households: 17, colours: { green: 12, yellow: null, orange: 0, red: null }, suppressed: true })
  })

  it('suppresses the grid when the hidden cells could be worked out from the total', () => {
    // 1 + 1 hidden with 10 visible: total 12 would give both away.
    expect(cells(10, 1, 1, 0)).toMatchObject({ households: null, suppressed: true })
    // 1 + 1 + 1: all hidden, total 3 gives each.
    expect(cells(1, 1, 1, 0)).toMatchObject({ households: null, suppressed: true })
    // Fewer than 3 households.
    expect(cells(2, 0, 0, 0)).toMatchObject({ households: null, suppressed: true })
  })
})
