import { useEffect, useState } from 'react'

const PARAM = 'wall'

/**
 * Wall mode: the full-screen layout for the video wall (no app header, type scaled to the screen).
 * `?wall=1` opens it directly (a wall PC's start page); the button also asks the browser for full
 * screen, which only a click may do.
 */
export function useWallMode() {
  const [on, setOn] = useState(() => new URLSearchParams(window.location.search).get(PARAM) === '1')
  useEffect(() => {
    document.body.classList.toggle('wall-mode', on)
    const url = new URL(window.location.href)
    if (on) url.searchParams.set(PARAM, '1')
    else url.searchParams.delete(PARAM)
    window.history.replaceState(window.history.state, '', url)
    return () => document.body.classList.remove('wall-mode')
  }, [on])
  const toggle = () => {
    const next = !on
    setOn(next)
    if (next && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {})
    if (!next && document.fullscreenElement) document.exitFullscreen().catch(() => {})
  }
  return [on, toggle] as const
}
