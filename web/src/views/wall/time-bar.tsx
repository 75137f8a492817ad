import { useState } from 'react'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { countyDateTime, timeWindows, type TimeWindow } from './county-time'
import { defaultReplaySpan, replaySpeeds, type ReplaySpeed, type TimeFilter } from './use-time-filter'

const windowLabels: Record<TimeWindow, MessageKey> = { today: 'windowToday', '7d': 'window7d', '30d': 'window30d', '12m': 'window12m' }
const modeLabels: Record<TimeFilter['mode'], MessageKey> = { live: 'modeLive', filtered: 'modeFiltered', replay: 'modeReplay' }

export interface TimeBarProps {
  window: TimeWindow
  onWindow: (w: TimeWindow) => void
  filter: TimeFilter
  onFilter: (f: TimeFilter) => void
  /** The live edge: minutes from the window start to now. */
  edge: number
  /** Epoch ms of a minute offset. */
  epochOf: (minutes: number) => number
  /** Incidents the filter lets through, when the incident layers exist. */
  shown: number | null
  /** Incidents are on the map (roles that read them): the filter and replay apply to them. */
  hasIncidents: boolean
}

/**
 * The window (what is loaded and what the grid colours count), the time filter over it as two
 * handles, and the replay: play/pause, 60×/600×/3600×, and one button back to the live view.
 */
export function TimeBar({ window, onWindow, filter, onFilter, edge, epochOf, shown, hasIncidents }: TimeBarProps) {
  const { t } = useI18n()
  const from = filter.mode === 'live' ? 0 : filter.from
  const to = filter.mode === 'live' ? edge : Math.min(filter.to, edge)
  const playing = filter.mode === 'replay' && filter.playing
  const [preferredSpeed, setPreferredSpeed] = useState<ReplaySpeed>(replaySpeeds[1])
  const speed = filter.mode === 'replay' ? filter.speed : preferredSpeed
  const chooseSpeed = (s: ReplaySpeed) => {
    setPreferredSpeed(s)
    if (filter.mode === 'replay') onFilter({ ...filter, speed: s })
  }
  const setRange = (a: number, b: number) => {
    const next = { from: Math.max(0, Math.min(a, b)), to: Math.min(edge, Math.max(a, b)) }
    onFilter(filter.mode === 'replay' ? { ...filter, ...next, playing: false } : { mode: 'filtered', ...next })
  }
  const play = () => {
    if (filter.mode === 'replay') return onFilter({ ...filter, playing: !filter.playing, ...(filter.to >= edge ? { from: 0, to: filter.to - filter.from } : {}) })
    // From the live view: start at the window's beginning with a span that shows activity moving.
    const span = filter.mode === 'filtered' ? filter.to - filter.from : Math.min(defaultReplaySpan[window], edge)
    const start = filter.mode === 'filtered' && filter.to < edge ? filter.from : 0
    onFilter({ mode: 'replay', from: start, to: start + span, playing: true, speed })
  }
  return (
    <section className="panel time-bar" data-testid="time-bar" data-mode={filter.mode}>
      <div className="segmented" role="group" aria-label={t('timeWindow')}>
        {timeWindows.map((w) => (
          <button key={w} data-window={w} aria-pressed={w === window} onClick={() => onWindow(w)}>
            {t(windowLabels[w])}
          </button>
        ))}
      </div>
      {hasIncidents && (
        <>
          <div className="time-range" aria-label={t('timeFilter')}>
            <input type="range" min={0} max={Math.max(1, edge)} step={1} value={from} aria-label={t('timeFrom')} data-handle="from" onChange={(e) => setRange(Number(e.target.value), to)} />
            <input type="range" min={0} max={Math.max(1, edge)} step={1} value={to} aria-label={t('timeTo')} data-handle="to" onChange={(e) => setRange(from, Number(e.target.value))} />
          </div>
          <div className="time-readout">
            <span className={`mode mode-${filter.mode}`} data-testid="time-mode">{t(modeLabels[filter.mode])}</span>
            <span className="time-span">{`${countyDateTime(epochOf(from))} – ${countyDateTime(epochOf(to))}`}</span>
            {shown !== null && <span className="muted">{t('incidentsShown', { n: shown.toLocaleString('en-US') })}</span>}
          </div>
          <button className="play" data-testid="replay-play" onClick={play} aria-label={playing ? t('pause') : t('play')}>
            {playing ? '❚❚' : '▶'} <span>{playing ? t('pause') : t('replay')}</span>
          </button>
          <div className="segmented" role="group" aria-label={t('speed')}>
            {replaySpeeds.map((s) => (
              <button key={s} data-speed={s} aria-pressed={s === speed} onClick={() => chooseSpeed(s)}>
                {`${s}×`}
              </button>
            ))}
          </div>
          <button className="back-to-live primary" data-testid="back-to-live" onClick={() => onFilter({ mode: 'live' })} disabled={filter.mode === 'live'}>
            {t('backToLive')}
          </button>
        </>
      )}
    </section>
  )
}
