import { describe, expect, it } from 'vitest'
import { choroplethScale } from './choropleth'

describe('choroplethScale', () => {
  it('gives counts a class of their own for zero and rounded quantile breaks', () => {
    const scale = choroplethScale('incidents', [0, 0, 3, 5, 8, 12, 40, 95, 130, null])
    expect(scale.classes.map((c) => [c.from, c.to])).toEqual([
      [0, 1],
      [1, 6],
      [6, 20],
      [20, 100],
      [100, null],
    ])
    expect(scale.colorOf(0)).toEqual([...scale.classes[0]!.color, 150])
    expect(scale.colorOf(130)).toEqual([...scale.classes[4]!.color, 150])
    expect(scale.colorOf(null)[3]).toBeLessThan(150)
  })

  it('has a single "more than zero" class when every grid is quiet', () => {
    expect(choroplethScale('openDisputes', [0, 0, 0]).classes.map((c) => [c.from, c.to])).toEqual([
      [0, 1],
      [1, null],
    ])
  })

  it('centres year-over-year change on "unchanged" and rates on the targets', () => {
    const yoy = choroplethScale('yearOverYear', [])
    expect(yoy.unit).toBe('share')
    expect(yoy.colorOf(0)).toEqual([...yoy.classes[2]!.color, 150])
    expect(yoy.colorOf(-0.5)).toEqual([...yoy.classes[0]!.color, 150])
    const rate = choroplethScale('onSceneWithin8Min', [])
    expect(rate.colorOf(0.97)).toEqual([...rate.classes[4]!.color, 150])
    expect(rate.colorOf(0.3)).toEqual([...rate.classes[0]!.color, 150])
  })
})
