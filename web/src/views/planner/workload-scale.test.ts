import type { PlanScores } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { deviationColors, workloadScale } from './workload-scale'

const createScores = (loads: number[]) =>
  ({ grids: loads.map((incidents12m, i) => ({ key: `g${i}`, incidents12m })) }) as unknown as PlanScores

describe('workloadScale', () => {
  it('colours each grid by its workload’s deviation from the plan’s mean', () => {
    const scale = workloadScale(createScores([10, 100, 100, 190]))
    expect(scale.mean).toBe(100)
    expect(scale.deviation.get('g0')).toBeCloseTo(-0.9)
    expect(scale.fills.get('g0')!.slice(0, 3)).toEqual(deviationColors[0])
    expect(scale.fills.get('g1')!.slice(0, 3)).toEqual(deviationColors[2])
    expect(scale.fills.get('g3')!.slice(0, 3)).toEqual(deviationColors[4])
  })

  it('has nothing to colour without scores, and treats an all-quiet plan as balanced', () => {
    expect(workloadScale(null).mean).toBeNull()
    expect(workloadScale(createScores([0, 0])).fills.get('g1')!.slice(0, 3)).toEqual(deviationColors[2])
  })
})
