import { describe, expect, it } from 'vitest'
import { IncidentPoints, type IncidentColumnsInput } from './incident-points'

const HOUR = 3_600_000
const start = Date.UTC(2026, 10, 1)
const codes = ['dispute', 'theft', 'fight']
const colours: Record<string, [number, number, number]> = { dispute: [246, 195, 67], theft: [176, 124, 255], fight: [255, 77, 94] }

function createColumns(rows: { id: number; lon: number; lat: number; hours: number; category: number }[]): IncidentColumnsInput {
  return {
    length: rows.length,
    id: Int32Array.from(rows.map((r) => r.id)),
    lon: Float64Array.from(rows.map((r) => r.lon)),
    lat: Float64Array.from(rows.map((r) => r.lat)),
    time: Float64Array.from(rows.map((r) => start + r.hours * HOUR)),
    category: Uint8Array.from(rows.map((r) => r.category)),
  }
}
const createPoints = (rows: Parameters<typeof createColumns>[0]) => new IncidentPoints([120.25, 29.7], start, codes, (c) => colours[c] ?? [0, 0, 0], createColumns(rows))

describe('IncidentPoints', () => {
  it('keeps positions as float32 offsets and times as float32 minutes after the window start', () => {
    const points = createPoints([{ id: 7, lon: 120.312345, lat: 29.654321, hours: 36.5, category: 1 }])
    expect(points.offsets[0]! + 120.25).toBeCloseTo(120.312345, 6)
    expect(points.offsets[1]! + 29.7).toBeCloseTo(29.654321, 6)
    expect(points.minutes[0]).toBe(36.5 * 60)
    expect([...points.colors.subarray(0, 3)]).toEqual(colours.theft)
  })

  it('finds loaded and appended incidents by id, and appends each incident once', () => {
    const points = createPoints([
      { id: 30, lon: 120.2, lat: 29.7, hours: 1, category: 0 },
      { id: 10, lon: 120.3, lat: 29.6, hours: 2, category: 2 },
      { id: 20, lon: 120.1, lat: 29.8, hours: 3, category: 1 },
    ])
    expect([points.rowOf(10), points.rowOf(20), points.rowOf(30), points.rowOf(40)]).toEqual([1, 2, 0, -1])
    const live = { id: 40, lon: 120.22, lat: 29.71, time: start + 5 * HOUR, category: 'fight' }
    expect(points.append(live)).toBe(true)
    expect(points.append(live)).toBe(false)
    expect(points.append({ ...live, id: 20 })).toBe(false)
    expect(points.length).toBe(4)
    expect(points.rowOf(40)).toBe(3)
    expect(points.categories[3]).toBe(2)
  })

  it('leaves out incidents reported before the window', () => {
    const points = createPoints([])
    expect(points.append({ id: 1, lon: 120, lat: 29, time: start - 1, category: 'theft' })).toBe(false)
    expect(points.length).toBe(0)
  })

  it('grows its columns by doubling and keeps what it held', () => {
    const points = createPoints([{ id: 1, lon: 120.2, lat: 29.7, hours: 0, category: 0 }])
    const capacity = points.ids.length
    for (let i = 0; i < capacity; i++) points.append({ id: 100 + i, lon: 120.2, lat: 29.7, time: start + i * 60_000, category: 'dispute' })
    expect(points.ids.length).toBe(2 * capacity)
    expect(points.length).toBe(capacity + 1)
    expect(points.ids[0]).toBe(1)
    expect(points.minutes[capacity]).toBe(capacity - 1)
    expect(points.rowOf(100 + capacity - 1)).toBe(capacity)
  })
})
