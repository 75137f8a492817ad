import { useCallback, useEffect, useMemo, useState } from 'react'
import { countyDay, windowStart, type TimeWindow } from './county-time'
import { useNow } from './use-now'
import { filterRange, useTimeFilter } from './use-time-filter'

/** A window as chosen now: where it starts, and the county day it was anchored on. */
function anchorWindow(window: TimeWindow) {
  const now = new Date()
  return { window, from: windowStart(window, now), day: countyDay(now) }
}

/**
 * The wall's time: the window loaded on the map (and counted by the grid colours), the filter over it
 * with the replay, and the ranges the incident layers draw, in minutes after the window start.
 */
export function useWallTime(initial: TimeWindow) {
  const [{ window, from, day }, setAnchor] = useState(() => anchorWindow(initial))
  const now = useNow(30_000)
  /** The live edge: minutes from the window start to now. */
  const edge = Math.max(1, (now - from.getTime()) / 60_000)
  const [filter, setFilter] = useTimeFilter(edge)
  const range = useMemo(() => filterRange(filter), [filter])

  const chooseWindow = useCallback(
    (w: TimeWindow) => {
      setAnchor(anchorWindow(w))
      // Minute offsets count from the window start: a new window starts live.
      setFilter({ mode: 'live' })
    },
    [setFilter],
  )
  // A wall runs for weeks: at the county's midnight "today" starts over and the other windows move on.
  useEffect(() => {
    if (countyDay(new Date(now)) !== day) chooseWindow(window)
  }, [now, day, window, chooseWindow])

  // The heat map re-sums every incident when its range moves: while replaying it follows in steps of
  // half a second of replay, while the points move every frame.
  const heatStep = filter.mode === 'replay' ? filter.speed / 120 : 0
  const [heatFrom, heatTo] = heatStep ? range.map((m) => Math.floor(m / heatStep) * heatStep) : range
  const heatRange = useMemo<[number, number]>(() => [heatFrom!, heatTo!], [heatFrom, heatTo])

  return { window, chooseWindow, from, edge, filter, setFilter, range, heatRange }
}
