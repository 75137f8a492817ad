import { useBusyAction } from '../../use-busy-action'
import type { CameraRecord, CameraSet, GridCoverage } from '@gridwatch/server/contracts'
import { ApiError } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { formatShare } from '../../wall/format'
import { cameraKindLabels, cameraOwnerLabels, cameraStatusLabels, cameraStatusList, compass } from '../labels'
import { draftOf } from './camera-draft'
import { cameraProblemOf } from './camera-errors'

export interface CameraDetailsProps {
  camera: CameraRecord
  /** Its status now (a live event may be newer than the record). */
  status: CameraRecord['status']
  canManage: boolean
  stationName: string | null
  /** The coverage of the grid it stands in, as the grids panel shows it. */
  grid: GridCoverage | null
  set: CameraSet
  onEdit: () => void
  onStatus: (status: CameraRecord['status']) => Promise<void>
  onDelete: () => Promise<void>
  onClose: () => void
}

/**
 * A camera chosen on the map or in the registry: what it is, what it really sees (the server's view
 * area, buildings cut out) and its grid's coverage; managers switch its status, edit or delete it.
 */
export function CameraDetails({ camera, status, canManage, stationName, grid, set, onEdit, onStatus, onDelete, onClose }: CameraDetailsProps) {
  const { t } = useI18n()
  const { busy, error, run } = useBusyAction((e) => (e instanceof ApiError ? cameraProblemOf(e, draftOf(camera), t).text : e instanceof Error ? e.message : String(e)))
  return (
    <section className="camera-details" data-testid="camera-details" data-camera-id={camera.id} data-status={status}>
      <h3 className="camera-details-title">
        {camera.name} <span className="mono small">{camera.code}</span>
      </h3>
      {canManage ? (
        <div className="segmented status-switch" role="group" aria-label={t('status')} data-testid="camera-status-switch">
          {cameraStatusList.map((s) => (
            <button key={s} type="button" aria-pressed={status === s} disabled={busy} onClick={() => status !== s && void run(() => onStatus(s))} data-status={s} className={`status-${s}`}>
              {t(cameraStatusLabels[s])}
            </button>
          ))}
        </div>
      ) : (
        <p className={`status-${status}`}>{t(cameraStatusLabels[status])}</p>
      )}
      <dl className="facts camera-facts">
        <dt>{t('cameraKind')}</dt>
        <dd>{t(cameraKindLabels[camera.kind])}</dd>
        <dt>{t('bearing')}</dt>
        <dd data-figure="bearing" data-value={camera.bearing}>{compass(camera.bearing)}</dd>
        <dt>{t('fov')}</dt>
        <dd>{`${camera.fov}°`}</dd>
        <dt>{t('rangeM')}</dt>
        <dd>{`${camera.rangeM}${t('camUnitMetres')}`}</dd>
        <dt>{t('heightM')}</dt>
        <dd>{`${camera.heightM}${t('camUnitMetres')}`}</dd>
        <dt>{t('cameraOwner')}</dt>
        <dd>{t(cameraOwnerLabels[camera.owner])}</dd>
        <dt>{t('camStation')}</dt>
        <dd>{stationName ?? (camera.stationId === null ? t('camNoStation') : t('camStationNumber', { id: camera.stationId }))}</dd>
        <dt>{t('installedOn')}</dt>
        <dd>{camera.installedOn ?? '—'}</dd>
        <dt>{t('camViewArea')}</dt>
        <dd data-figure="viewAreaM2" data-value={camera.viewAreaM2 ?? ''}>{camera.viewAreaM2 === null ? t('camViewAreaPending') : `${Math.round(camera.viewAreaM2).toLocaleString()} m²`}</dd>
        <dt>{t('camGrid')}</dt>
        <dd data-figure="grid" data-grid-id={camera.grid?.id ?? ''}>{camera.grid?.name ?? t('camOutsideGrids')}</dd>
        {grid && (
          <>
            <dt>{t('camGridCoverage')}</dt>
            <dd data-figure="gridAreaPct" data-value={grid[set].areaPct}>{t('camGridFigures', { road: formatShare(grid[set].roadPct), area: formatShare(grid[set].areaPct) })}</dd>
          </>
        )}
      </dl>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row-buttons">
        {canManage && (
          <>
            <button type="button" className="primary" onClick={onEdit} disabled={busy} data-testid="camera-edit">
              {t('camEdit')}
            </button>
            <button type="button" className="danger" onClick={() => void run(onDelete)} disabled={busy} data-testid="camera-delete">
              {t('deleteCamera')}
            </button>
          </>
        )}
        <button type="button" onClick={onClose}>
          {t('camClose')}
        </button>
      </div>
    </section>
  )
}
