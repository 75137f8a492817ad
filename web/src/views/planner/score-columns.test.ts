import type { GridScore } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { plannerFormat } from './format'
import { scoreChange, scoreColumns, type ScoreKey } from './score-columns'

const zh = plannerFormat('zh-CN')
const en = plannerFormat('en')
const score = (over: Partial<GridScore> = {}): GridScore => ({
  key: 'a',
  name: '网格',
  code: null,
  areaM2: 420_000,
  population: 1702,
  households: 634,
  incidents12m: 768,
  openDisputes: 1,
  cameraAreaPct: 0.121,
  nearestPostM: 3590,
  compactness: 0.15,
  parts: 1,
  ...over,
})
const column = (key: ScoreKey) => scoreColumns.find((c) => c.key === key)!
const change = (key: ScoreKey, now: Partial<GridScore>, fmt = zh) => scoreChange(column(key), fmt, score(now), score())

describe('the scores table’s columns', () => {
  it('shows areas in km² (the column names the unit), populations from 10,000 on in 万', () => {
    expect(column('areaM2').show(zh, 420_000)).toBe('0.42')
    expect(column('areaM2').show(zh, 45_300)).toBe('0.045')
    expect(column('areaM2').show(zh, 2_345_000)).toBe('2.35')
    expect(column('population').show(zh, 9_876)).toBe('9,876')
    expect(column('population').show(zh, 123_456)).toBe('12.3万')
    expect(column('population').show(en, 123_456)).toBe('123.5K')
    expect(column('nearestPostM').show(zh, null)).toBe('—')
  })

  it('shows each change against the grid in force, signed and in the same compact units', () => {
    expect(change('incidents12m', { incidents12m: 700 })).toEqual({ text: '−68', direction: 'down' })
    expect(change('areaM2', { areaM2: 450_000 })).toEqual({ text: '+0.03', direction: 'up' })
    // A building moved: a few hundred m², which "0.00" would hide.
    expect(change('areaM2', { areaM2: 419_650 })).toEqual({ text: '−350 m²', direction: 'down' })
    expect(change('population', { population: 31_702 })).toEqual({ text: '+3万', direction: 'up' })
    expect(change('households', { households: 600 })).toEqual({ text: '−34', direction: 'down' })
    expect(change('cameraAreaPct', { cameraAreaPct: 0.153 })).toEqual({ text: '+3.2%', direction: 'up' })
    expect(change('nearestPostM', { nearestPostM: 3470 })).toEqual({ text: '−120 m', direction: 'down' })
    expect(change('nearestPostM', { nearestPostM: 5000 })).toEqual({ text: '+1.41 km', direction: 'up' })
    expect(change('compactness', { compactness: 0.2 })).toEqual({ text: '+0.05', direction: 'up' })
    expect(change('parts', { parts: 3 })).toEqual({ text: '+2', direction: 'up' })
  })

  it('shows no change when there is none, when it rounds to nothing, or for a new grid', () => {
    expect(change('incidents12m', {})).toBeNull()
    expect(change('compactness', { compactness: 0.1549 })).toBeNull()
    expect(change('cameraAreaPct', { cameraAreaPct: 0.1212 })).toBeNull()
    expect(change('areaM2', { areaM2: 420_000.4 })).toBeNull()
    expect(scoreChange(column('incidents12m'), zh, score(), null)).toBeNull()
    expect(scoreChange(column('nearestPostM'), zh, score({ nearestPostM: null }), score())).toBeNull()
  })
})
