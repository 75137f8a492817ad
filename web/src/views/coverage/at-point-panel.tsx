import type { CamerasAtPoint } from '@gridwatch/server/contracts'
import { useState, type FormEvent } from 'react'
import { useI18n } from '../../i18n'
import type { CameraStatus } from '../../map/camera-status'
import { formatDistance } from '../wall/format'
import { cameraKindLabels, cameraStatusLabels, compass, reasonLabels } from './labels'
import type { Loaded } from './use-load'

export type PointQuery = { lon: number; lat: number } | { incident: number }

export interface AtPointPanelProps {
  answer: Loaded<CamerasAtPoint>
  query: PointQuery | null
  onQuery: (q: PointQuery | null) => void
  /** Live statuses by camera id, over those of the answer. */
  liveStatus: ReadonlyMap<number, { status: CameraStatus }>
}

/** "Which cameras saw this?": tap the map or give an incident id; seeing cameras nearest first, the others with the reason. */
export function AtPointPanel({ answer, query, onQuery, liveStatus }: AtPointPanelProps) {
  const { t } = useI18n()
  const [incident, setIncident] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const id = Number(incident.trim())
    if (Number.isSafeInteger(id) && id > 0) onQuery({ incident: id })
  }
  const status = (c: { id: number; status: CameraStatus }) => liveStatus.get(c.id)?.status ?? c.status
  const data = answer.data
  return (
    <div className="coverage-point" data-testid="at-point-panel">
      <p className="muted">{t('pointHint')}</p>
      <form className="inline-fields" onSubmit={submit}>
        <label className="field">
          <span>{t('incidentId')}</span>
          <input inputMode="numeric" value={incident} onChange={(e) => setIncident(e.target.value)} data-testid="incident-id" />
        </label>
        <button type="submit" className="primary">{t('find')}</button>
        {query && (
          <button type="button" onClick={() => onQuery(null)}>
            {t('clearPoint')}
          </button>
        )}
      </form>
      {answer.busy && <p className="muted" aria-busy="true">{t('working')}</p>}
      {answer.error && <p className="form-error">{`${t('loadFailed')}: ${answer.error}`}</p>}
      {data && (
        <div data-testid="at-point" data-lon={data.point.lon} data-lat={data.point.lat}>
          <p className="small mono">{`${data.point.lon.toFixed(6)}, ${data.point.lat.toFixed(6)}`}</p>
          <h3>{t('seeingCameras')}</h3>
          {data.seeing.length === 0 && <p className="muted">{t('noneSeeing')}</p>}
          <ul className="camera-list" data-testid="seeing">
            {data.seeing.map((c) => (
              <li key={c.id} data-camera-id={c.id} data-status={status(c)}>
                <span className={`lamp-dot status-${status(c)}`} />
                <span className="camera-name">
                  {c.name} <span className="mono small">{c.code}</span>
                </span>
                <span className={`status-${status(c)}`}>{t(cameraStatusLabels[status(c)])}</span>
                <span className="nearby-distance">{formatDistance(c.distanceM)}</span>
              </li>
            ))}
          </ul>
          {data.notSeeing.length > 0 && (
            <>
              <h3>{t('notSeeingCameras')}</h3>
              <ul className="camera-list not-seeing" data-testid="not-seeing">
                {data.notSeeing.map((c) => (
                  <li key={c.id} data-camera-id={c.id} data-reason={c.reason}>
                    <span className={`lamp-dot status-${status(c)}`} />
                    <span className="camera-name">
                      {c.name} <span className="small">{`${t(cameraKindLabels[c.kind])} · ${compass(c.bearing)}`}</span>
                    </span>
                    <span className="reason">{t(reasonLabels[c.reason])}</span>
                    <span className="nearby-distance">{formatDistance(c.distanceM)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  )
}
