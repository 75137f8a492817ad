import { useEffect, useState } from 'react'
import type { MinuteRange } from '../../map/layers/time-filter'
import type { TimeWindow } from './county-time'

export const replaySpeeds = [60, 600, 3600] as const
export type ReplaySpeed = (typeof replaySpeeds)[number]

/**
 * What the incident layers show, in minutes after the window start:
 * live — everything loaded, new incidents included as they arrive;
 * filtered — a fixed span chosen on the slider;
 * replay — a span that moves forward at `speed` times real time while playing.
 */
export type TimeFilter =
  | { mode: 'live' }
  | { mode: 'filtered'; from: number; to: number }
  | { mode: 'replay'; from: number; to: number; playing: boolean; speed: ReplaySpeed }

/** Far beyond any window (float32-safe): "up to now and whatever comes". */
const OPEN_END = 1e9

export function filterRange(filter: TimeFilter): MinuteRange {
  return filter.mode === 'live' ? [0, OPEN_END] : [filter.from, filter.to]
}

/** The span a replay shows when started from the live view: enough to see activity move. */
export const defaultReplaySpan: Record<TimeWindow, number> = { today: 60, '7d': 6 * 60, '30d': 24 * 60, '12m': 7 * 24 * 60 }

/**
 * The time filter with its replay clock. `edge` is the live edge (now) in minutes after the window
 * start; a replay stops there. The clock runs on animation frames only while playing.
 */
export function useTimeFilter(edge: number) {
  const [filter, setFilter] = useState<TimeFilter>({ mode: 'live' })
  const playing = filter.mode === 'replay' && filter.playing
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const tick = (at: number) => {
      const minutes = (at - last) / 60_000
      last = at
      setFilter((f) => {
        if (f.mode !== 'replay' || !f.playing) return f
        const step = Math.min(minutes * f.speed, edge - f.to)
        if (step <= 0) return { ...f, playing: false }
        return { ...f, from: f.from + step, to: f.to + step }
      })
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, edge])
  return [filter, setFilter] as const
}
