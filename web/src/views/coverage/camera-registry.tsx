import type { CameraRecord } from '@gridwatch/server/contracts'
import { useState, type ReactNode } from 'react'
import { listCameras, type CameraFilter } from '../../api/cameras'
import { useI18n } from '../../i18n'
import type { CameraStatus } from '../../map/camera-status'
import { CameraImport } from './camera-import'
import { cameraKindLabels, cameraKindList, cameraStatusLabels, cameraStatusList, compass } from './labels'
import { useLoad } from './use-load'

const PAGE = 50

export interface CameraRegistryProps {
  canManage: boolean
  liveStatus: ReadonlyMap<number, { status: CameraStatus }>
  /** Moves when cameras changed (saved, deleted, imported): the page is fetched again. */
  refresh: number
  /** The camera chosen (highlighted in the table). */
  selectedId: number | null
  /** A row was chosen: the map shows it, and a manager's form opens (the `editor`, shown above the table). */
  onSelect: (camera: CameraRecord) => void
  editor: ReactNode
  /** What was just done ("camera X saved"). */
  notice: ReactNode
  /** Cameras were imported: the coverage figures are stale. */
  onImported: () => void
}

/** The camera registry (摄像头台账): a searchable table of the cameras in scope; for managers the chosen camera's form and CSV import. */
export function CameraRegistry({ canManage, liveStatus, refresh, selectedId, onSelect, editor, notice, onImported }: CameraRegistryProps) {
  const { t } = useI18n()
  const [filter, setFilter] = useState<CameraFilter>({})
  const [q, setQ] = useState('')
  const [offset, setOffset] = useState(0)
  const page = useLoad(() => listCameras(filter, { limit: PAGE, offset }), [filter, offset, refresh])
  const refilter = (next: CameraFilter) => {
    setFilter(next)
    setOffset(0)
  }
  const status = (c: CameraRecord) => liveStatus.get(c.id)?.status ?? c.status
  const data = page.data
  return (
    <div className="coverage-registry" data-testid="camera-registry">
      <form className="registry-filters" onSubmit={(e) => (e.preventDefault(), refilter({ ...filter, q: q.trim() || undefined }))}>
        <input type="search" placeholder={t('searchCameras')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('searchCameras')} data-testid="camera-search" />
        <select value={filter.status ?? ''} onChange={(e) => refilter({ ...filter, status: (e.target.value || undefined) as CameraFilter['status'] })} aria-label={t('status')}>
          <option value="">{t('allStatuses')}</option>
          {cameraStatusList.map((s) => (
            <option key={s} value={s}>{t(cameraStatusLabels[s])}</option>
          ))}
        </select>
        <select value={filter.kind ?? ''} onChange={(e) => refilter({ ...filter, kind: (e.target.value || undefined) as CameraFilter['kind'] })} aria-label={t('cameraKind')}>
          <option value="">{t('allKinds')}</option>
          {cameraKindList.map((k) => (
            <option key={k} value={k}>{t(cameraKindLabels[k])}</option>
          ))}
        </select>
        <button type="submit">{t('search')}</button>
      </form>
      {notice}
      {editor}
      {page.error && <p className="form-error">{`${t('loadFailed')}: ${page.error}`}</p>}
      {data && (
        <>
          <p className="small" data-testid="camera-total" data-total={data.total}>{t('camerasTotal', { n: data.total })}</p>
          {data.items.length === 0 && <p className="muted">{t('noCameras')}</p>}
          <div className="table-scroll">
            <table className="data-table registry-table" data-testid="camera-table">
              <thead>
                <tr>
                  <th>{t('code')}</th>
                  <th>{t('cameraName')}</th>
                  <th>{t('status')}</th>
                  <th>{t('cameraKind')}</th>
                  <th>{t('grid')}</th>
                  <th>{`${t('bearing')} · ${t('fov')} · ${t('rangeM')}`}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id} data-camera-id={c.id} className={selectedId === c.id ? 'selected' : ''} onClick={() => onSelect(c)}>
                    <td className="mono">{c.code}</td>
                    <td>{c.name}</td>
                    <td className={`status-${status(c)}`} data-status={status(c)}>{t(cameraStatusLabels[status(c)])}</td>
                    <td>{t(cameraKindLabels[c.kind])}</td>
                    <td>{c.grid?.name ?? '—'}</td>
                    <td className="nowrap">{`${compass(c.bearing)} · ${c.fov}° · ${c.rangeM} m`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row-buttons pager">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('previousPage')}</button>
            <span className="small">{`${data.total === 0 ? 0 : offset + 1}–${Math.min(offset + PAGE, data.total)} / ${data.total}`}</span>
            <button disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>{t('nextPage')}</button>
          </div>
        </>
      )}
      {canManage && <CameraImport onImported={onImported} />}
    </div>
  )
}
