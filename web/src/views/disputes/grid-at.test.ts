import { describe, expect, it } from 'vitest'
import type { GridCollection } from '../../api/map-data'
import { gridAt } from './grid-at'

const square = (id: number, code: string, west: number): GridCollection['features'][number] => ({
  type: 'Feature',
  geometry: { type: 'Polygon', coordinates: [[[west, 29.69], [west + 0.02, 29.69], [west + 0.02, 29.71], [west, 29.71], [west, 29.69]]] },
  properties: { id, code, name: `网格${id}`, kind: 'base', community: '甲村', communityId: 1, township: '甲镇', townshipId: 2, population: 0, households: 0 },
})
// Listed out of code order on purpose: the server places a point on a shared edge in the first grid by code.
const grids: GridCollection = { type: 'FeatureCollection', features: [square(2, '330699001001002', 120.2), square(1, '330699001001001', 120.18)] }

describe('the grid a picked place lies in', () => {
  it('finds the grid holding the point, the first by code on a shared edge, and none outside', () => {
    expect(gridAt(grids, { lon: 120.21, lat: 29.7 })?.id).toBe(2)
    expect(gridAt(grids, { lon: 120.19, lat: 29.7 })?.id).toBe(1)
    expect(gridAt(grids, { lon: 120.2, lat: 29.7 })?.id).toBe(1)
    expect(gridAt(grids, { lon: 120.3, lat: 29.7 })).toBeNull()
  })
})
