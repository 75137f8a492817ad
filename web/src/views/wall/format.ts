/** Number formatting for the wall: grouped thousands, percentages, signed changes, durations. */

export const formatCount = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'))

/** 0.873 → "87.3%"; null → "—". */
export const formatShare = (share: number | null | undefined, digits = 1) => (share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)}%`)

/** 0.125 → "+12.5%", -0.04 → "−4.0%". */
export function formatChange(change: number | null | undefined, digits = 1) {
  if (change === null || change === undefined) return '—'
  const pct = (change * 100).toFixed(digits)
  return change > 0 ? `+${pct}%` : change < 0 ? `−${pct.slice(1)}%` : `${pct}%`
}

/** Seconds as m:ss (or h:mm:ss past an hour). */
export function formatDuration(seconds: number) {
  const s = Math.max(0, Math.floor(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}

/** Metres as "350 m" or "1.2 km". */
export const formatDistance = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`)

export const rgbCss = (c: readonly number[], alpha = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`

/** '#f6c343' → [246, 195, 67]. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [154, 165, 177]
}
