import type { CameraRecord, CameraSet, GridCoverage } from '@gridwatch/server/contracts'
import { ApiError } from '../../../api/client'
import { useI18n } from '../../../i18n'
import type { CameraStatus } from '../../../map/camera-status'
import { cameraStatusLabels } from '../labels'
import { CameraDetails } from './camera-details'
import { CameraEditor, type StationOptions } from './camera-editor'
import type { CameraTool } from './use-camera-tool'

export interface CameraTabProps {
  tool: CameraTool
  canManage: boolean
  stations: StationOptions
  grids: GridCoverage[] | null
  set: CameraSet
  liveStatus: ReadonlyMap<number, LiveStatus>
}

type LiveStatus = { status: CameraStatus; statusChangedAt?: string }

/** The camera's status now: a live event newer than the record wins (the record may be the newer, just saved). */
function currentStatus(camera: CameraRecord, live: ReadonlyMap<number, LiveStatus>): CameraStatus {
  const event = live.get(camera.id)
  if (!event) return camera.status
  return event.statusChangedAt === undefined || Date.parse(event.statusChangedAt) > Date.parse(camera.statusChangedAt) ? event.status : camera.status
}

/** What the tool says it just did ("camera X registered"), in the user's language. */
export function CameraNotice({ tool }: { tool: CameraTool }) {
  const { t } = useI18n()
  const notice = tool.state.notice
  if (!notice) return null
  const status = notice.status ? t(cameraStatusLabels[notice.status]) : ''
  return (
    <p className="success" role="status" data-testid="camera-notice">
      {t(notice.key, { code: notice.code, status })}
    </p>
  )
}

/** The tool's form (register or edit), wired to it; the registry shows the same one over its table. */
export function ToolEditor({ tool, stations }: { tool: CameraTool; stations: StationOptions }) {
  const { camera, draft, placing } = tool.state
  if (!draft) return null
  return (
    <CameraEditor
      key={camera?.id ?? 'new'}
      camera={camera}
      draft={draft}
      onDraft={tool.setDraft}
      stations={stations}
      placing={placing}
      onMove={tool.togglePlacing}
      onSaved={tool.saved}
      onCancel={tool.cancel}
      onDelete={camera ? tool.remove : undefined}
    />
  )
}

/**
 * The camera tab: the hint while placing a new camera, its form, or a stored camera's details (chosen
 * on the map or in the registry). The form's own errors stay in the form.
 */
export function CameraTab({ tool, canManage, stations, grids, set, liveStatus }: CameraTabProps) {
  const { t } = useI18n()
  const { camera, draft, placing, loading, error } = tool.state
  const stationName = (id: number | null) => ('fixed' in stations ? (stations.fixed.id === id ? stations.fixed.name : null) : (stations.choices.find((s) => s.id === id)?.name ?? null))
  return (
    <div className="camera-tab" data-testid="camera-tab">
      <CameraNotice tool={tool} />
      {loading !== null && <p className="muted" aria-busy="true">{t('camLoading')}</p>}
      {error !== null && (
        <p className="form-error" role="alert">
          {error instanceof ApiError && error.status === 404 ? t('camErrorNotFound') : `${t('loadFailed')}: ${error instanceof Error ? error.message : String(error)}`}
        </p>
      )}
      {placing && !draft && (
        <div className="place-hint" data-testid="camera-place-hint">
          <p>{t('camPlaceHint')}</p>
          <button type="button" onClick={tool.close}>
            {t('cancel')}
          </button>
        </div>
      )}
      {draft && canManage && <ToolEditor tool={tool} stations={stations} />}
      {camera && !draft && (
        <CameraDetails
          camera={camera}
          status={currentStatus(camera, liveStatus)}
          canManage={canManage}
          stationName={stationName(camera.stationId)}
          grid={grids?.find((g) => g.gridId === camera.grid?.id) ?? null}
          set={set}
          onEdit={tool.edit}
          onStatus={tool.setStatus}
          onDelete={tool.remove}
          onClose={tool.close}
        />
      )}
      {!camera && !draft && !placing && loading === null && (
        <button type="button" onClick={tool.close}>
          {t('camClose')}
        </button>
      )}
    </div>
  )
}
