import type { SessionUser } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { loadStations } from '../../../api/stations'
import type { StationOptions } from './camera-editor'

/**
 * The station field of the camera form: a station's roles register for their own (shown, not
 * chosen); county roles choose among the stations (fetched once, only for managers).
 */
export function useStationOptions(user: SessionUser, canManage: boolean): StationOptions {
  const own = user.scope === 'station' ? user.station : null
  const [choices, setChoices] = useState<StationOptions>(own ? { fixed: own } : { choices: [] })
  useEffect(() => {
    if (own || !canManage) return
    let cancelled = false
    // Without the list the form still works: the station stays empty or as stored.
    loadStations()
      .then((list) => !cancelled && setChoices({ choices: list }))
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [own?.id, canManage])
  return choices
}
