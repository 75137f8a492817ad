import type { Xy } from './geo'

/**
 * Reading order for numbering grids and areas: north→south in bands, west→east within a band.
 * Band height is chosen so that a roughly square area gets about √n bands.
 * Returns the indices of `points` in numbering order.
 */
export function readingOrder(points: readonly Xy[]): number[] {
  if (points.length <= 1) return points.map((_, i) => i)
  const ys = points.map((p) => p[1])
  const maxY = Math.max(...ys)
  const minY = Math.min(...ys)
  const bands = Math.max(1, Math.round(Math.sqrt(points.length)))
  const bandHeight = (maxY - minY) / bands || 1
  const band = (p: Xy) => Math.min(bands - 1, Math.floor((maxY - p[1]) / bandHeight))
  return points
    .map((p, i) => ({ i, band: band(p), x: p[0] }))
    .sort((a, b) => a.band - b.band || a.x - b.x || a.i - b.i)
    .map((e) => e.i)
}

/** 15-digit grid code: 6-digit county + 3-digit street + 3-digit community + 3-digit sequence. */
export const gridCode = (communityCode: string, sequence: number) => `${communityCode}${String(sequence).padStart(3, '0')}`
export const childCode = (parentCode: string, sequence: number) => `${parentCode}${String(sequence).padStart(3, '0')}`
export const isGridCode = (code: string) => /^[0-9]{15}$/.test(code)
