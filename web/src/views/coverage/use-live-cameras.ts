import type { CameraStatusEvent } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { IncidentStore } from '../../live/incident-store'
import { openLiveConnection } from '../../live/live-connection'

const none: ReadonlyMap<number, CameraStatusEvent> = new Map()

/**
 * Live camera statuses for the coverage view: the newest `camera.status` of every camera that changed
 * since the view opened, and a counter that moves once per burst of changes (`afterMs` after the last),
 * for the figures that depend on which cameras are online. Nothing is opened when `enabled` is false.
 */
export function useLiveCameras(enabled: boolean, afterMs = 1500) {
  const [statuses, setStatuses] = useState(none)
  const [burst, setBurst] = useState(0)
  useEffect(() => {
    if (!enabled) return
    const store = new IncidentStore()
    let debounce: number | undefined
    const unsubscribe = store.onCameraStatus(() => {
      setStatuses(store.getSnapshot().cameras)
      window.clearTimeout(debounce)
      debounce = window.setTimeout(() => setBurst((n) => n + 1), afterMs)
    })
    const connection = openLiveConnection({ onEvent: (event) => store.apply(event), onReady: () => {}, onState: (state) => store.setConnection(state) })
    return () => {
      window.clearTimeout(debounce)
      unsubscribe()
      connection.close()
    }
  }, [enabled, afterMs])
  return { statuses, burst }
}
