import { countyDay, countyTime } from './county-time'
import { useNow } from './use-now'

/** The county's date and time, large: the wall's own clock (ticks on its own, nothing else re-renders). */
export function WallClock() {
  const now = useNow(1000)
  return (
    <time className="wall-clock" dateTime={new Date(now).toISOString()}>
      <span className="clock-time">{countyTime(now, true)}</span>
      <span className="clock-day">{countyDay(new Date(now))}</span>
    </time>
  )
}
