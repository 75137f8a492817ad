import type { CameraSuggestions } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { useI18n } from '../../i18n'
import { formatDistance } from '../wall/format'
import { compass } from './labels'
import type { Loaded } from './use-load'

export interface SuggestionSettings {
  area: 'grid' | 'township'
  k: number
  fov: number
  rangeM: number
}
export const defaultSuggestionSettings: SuggestionSettings = { area: 'grid', k: 5, fov: 60, rangeM: 80 }

export interface SuggestionsPanelProps {
  gridName: string | null
  townshipName: string | null
  result: Loaded<CameraSuggestions>
  running: boolean
  onRun: (s: SuggestionSettings) => void
  onCancel: () => void
  highlighted: number | null
  onHighlight: (rank: number) => void
}

/** "Where should the next cameras go?": settings, a busy state that can be cancelled, the ranked sites with their gains. */
export function SuggestionsPanel({ gridName, townshipName, result, running, onRun, onCancel, highlighted, onHighlight }: SuggestionsPanelProps) {
  const { t } = useI18n()
  const [s, setS] = useState(defaultSuggestionSettings)
  const num = (key: 'k' | 'fov' | 'rangeM', min: number, max: number) => (e: { target: { value: string } }) => {
    const v = Number(e.target.value)
    setS({ ...s, [key]: Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : s[key] })
  }
  const data = result.data
  if (gridName === null) return <p className="muted" data-testid="suggestions-panel">{t('suggestNeedsGrid')}</p>
  return (
    <div className="coverage-suggest" data-testid="suggestions-panel">
      <div className="form-grid compact">
        <label className="field">
          <span>{t('suggestArea')}</span>
          <select value={s.area} onChange={(e) => setS({ ...s, area: e.target.value as SuggestionSettings['area'] })}>
            <option value="grid">{`${t('suggestInGrid')} · ${gridName}`}</option>
            {townshipName && <option value="township">{`${t('suggestInTownship')} · ${townshipName}`}</option>}
          </select>
        </label>
        <label className="field">
          <span>{t('suggestCount')}</span>
          <input type="number" min={1} max={20} value={s.k} onChange={num('k', 1, 20)} data-testid="suggest-k" />
        </label>
        <label className="field">
          <span>{t('suggestFov')}</span>
          <input type="number" min={1} max={360} value={s.fov} onChange={num('fov', 1, 360)} />
        </label>
        <label className="field">
          <span>{t('suggestRange')}</span>
          <input type="number" min={1} max={500} value={s.rangeM} onChange={num('rangeM', 1, 500)} />
        </label>
      </div>
      <div className="row-buttons">
        <button className="primary" disabled={running} onClick={() => onRun(s)} data-testid="suggest-run">
          {t('suggestRun')}
        </button>
        {running && <button onClick={onCancel} data-testid="suggest-cancel">{t('cancel')}</button>}
      </div>
      {running && (
        <p className="busy" aria-busy="true" role="status">
          <span className="spinner" />
          {t('suggestRunning')}
        </p>
      )}
      {result.error && <p className="form-error">{`${t('loadFailed')}: ${result.error}`}</p>}
      {data && !running && (
        <>
          <div className="before-after" data-testid="suggest-before-after">
            <div>
              <span className="kpi-value">{formatDistance(data.uncoveredBeforeM)}</span>
              <span className="kpi-label">{t('uncoveredBefore')}</span>
            </div>
            <span className="arrow">→</span>
            <div>
              <span className="kpi-value tone-good">{formatDistance(data.uncoveredAfterM)}</span>
              <span className="kpi-label">{t('uncoveredAfter')}</span>
            </div>
          </div>
          <p className="small">{data.area.name}</p>
          <div className="table-scroll">
            <table className="gain-table" data-testid="suggestions">
              <thead>
                <tr>
                  <th>{t('rank')}</th>
                  <th>{t('bearing')}</th>
                  <th className="num">{t('gainM')}</th>
                  <th className="num">{t('weightedGain')}</th>
                  <th className="num">{t('incidentsNear')}</th>
                </tr>
              </thead>
              <tbody>
                {data.sites.map((site) => (
                  <tr key={site.rank} className={site.rank === highlighted ? 'selected' : ''} onClick={() => onHighlight(site.rank)} data-rank={site.rank}>
                    <td>
                      <span className="rank-badge">{site.rank}</span>
                      <span className="small">{site.road ?? ''}</span>
                    </td>
                    <td className="nowrap">{compass(site.bearing)}</td>
                    <td className="num">
                      <GainBar value={site.gainM} max={Math.max(...data.sites.map((x) => x.gainM))} />
                      {formatDistance(site.gainM)}
                    </td>
                    <td className="num">{site.weightedGain.toFixed(1)}</td>
                    <td className="num">{site.incidentsNear}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  )
}

function GainBar({ value, max }: { value: number; max: number }) {
  return <span className="gain-bar" style={{ width: `${Math.max(4, (value / Math.max(1, max)) * 100)}%` }} aria-hidden="true" />
}
