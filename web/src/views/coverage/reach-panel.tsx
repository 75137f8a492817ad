import { DEFAULT_SPEEDS_KMH } from '@gridwatch/server/constants'
import type { PostReach, ReachOptions } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { formatShare } from '../wall/format'
import { siteKindLabels } from './labels'
import type { Loaded } from './use-load'

type Speeds = Omit<ReachOptions, 'minutes'>

const speedLabels: Record<keyof Speeds, MessageKey> = {
  expressway: 'speedExpressway',
  primary: 'speedPrimary',
  secondary: 'speedSecondary',
  street: 'speedStreet',
  village: 'speedVillage',
}
const speedKeys = Object.keys(speedLabels) as (keyof Speeds)[]

export interface ReachPanelProps {
  result: Loaded<PostReach>
  onRun: (options: ReachOptions) => void
  onSelectGrid: (id: number) => void
  onShowPlace: (lon: number, lat: number) => void
}

/** Police-post reach: the time limit and road speeds, then what lies outside the posts' reach. */
export function ReachPanel({ result, onRun, onSelectGrid, onShowPlace }: ReachPanelProps) {
  const { t } = useI18n()
  const [options, setOptions] = useState<ReachOptions>({ minutes: 8, ...DEFAULT_SPEEDS_KMH })
  const set = (key: keyof ReachOptions, min: number, max: number) => (e: { target: { value: string } }) => {
    const v = Number(e.target.value)
    if (Number.isFinite(v)) setOptions({ ...options, [key]: Math.min(max, Math.max(min, v)) })
  }
  const data = result.data
  return (
    <div className="coverage-reach" data-testid="reach-panel">
      <div className="form-grid compact">
        <label className="field">
          <span>{t('reachMinutes')}</span>
          <input type="number" min={1} max={60} value={options.minutes} onChange={set('minutes', 1, 60)} data-testid="reach-minutes" />
        </label>
      </div>
      <fieldset className="speeds">
        <legend>{t('speedsKmh')}</legend>
        {speedKeys.map((k) => (
          <label key={k} className="field">
            <span>{t(speedLabels[k])}</span>
            <input type="number" min={5} max={130} value={options[k]} onChange={set(k, 5, 130)} data-speed={k} />
          </label>
        ))}
      </fieldset>
      <button className="primary" disabled={result.busy} onClick={() => onRun(options)} data-testid="reach-run">
        {result.busy ? t('reachRunning') : t('reachRun')}
      </button>
      {result.busy && <p className="busy" aria-busy="true"><span className="spinner" />{t('reachRunning')}</p>}
      {result.error && <p className="form-error">{`${t('loadFailed')}: ${result.error}`}</p>}
      {data && (
        <div data-testid="reach-result">
          <p className="small">{t('reachPosts', { n: data.posts.features.length, minutes: data.minutes })}</p>
          <h3>{`${t('gridsOutside')} (${data.gridsOutside.length})`}</h3>
          <ul className="plain-list" data-testid="grids-outside">
            {data.gridsOutside.length === 0 && <li className="muted">{t('noneOutside')}</li>}
            {data.gridsOutside.map((g) => (
              <li key={g.gridId}>
                <button onClick={() => onSelectGrid(g.gridId)}>
                  <span>{g.name}</span>
                  <span className="small">{t('reachedShare', { pct: formatShare(g.reachedPct, 0) })}</span>
                </button>
              </li>
            ))}
          </ul>
          <h3>{`${t('sitesOutside')} (${data.sitesOutside.length})`}</h3>
          <ul className="plain-list" data-testid="sites-outside">
            {data.sitesOutside.length === 0 && <li className="muted">{t('noneOutside')}</li>}
            {data.sitesOutside.map((s) => (
              <li key={s.id}>
                <button onClick={() => onShowPlace(s.lon, s.lat)}>
                  <span>{`${s.name} · ${t(siteKindLabels[s.kind])}`}</span>
                  <span className="small">{s.minutes === null ? t('notConnected') : t('minutesAway', { n: s.minutes.toFixed(1) })}</span>
                </button>
              </li>
            ))}
          </ul>
          <h3>{`${t('communitiesWithoutOfficer')} (${data.communitiesWithoutOfficer.length})`}</h3>
          <ul className="plain-list" data-testid="communities-without-officer">
            {data.communitiesWithoutOfficer.length === 0 && <li className="muted">{t('noneOutside')}</li>}
            {data.communitiesWithoutOfficer.map((c) => (
              <li key={c.id}>
                <span>{c.name}</span> <span className="small">{c.township}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
