import type { IncidentNearby, IncidentRecord } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { focusMarkColors } from '../../map/layers/incident-focus-layer'
import type { CategoryLookup } from './category-lookup'
import { countyDateTime, countyTime } from './county-time'
import { formatDistance, formatDuration, rgbCss } from './format'
import { stepLabels } from './incident-feed'
import { stepTimings } from './response-timers'
import { useNow } from './use-now'

const sourceLabels: Record<IncidentRecord['source'], MessageKey> = {
  '110': 'sourceOf110',
  '12345': 'sourceOf12345',
  grid_report: 'sourceOfGridReport',
  camera_alert: 'sourceOfCameraAlert',
  walk_in: 'sourceOfWalkIn',
  import: 'sourceOfImport',
}
const postKindLabels: Record<string, MessageKey> = { station: 'postStation', room: 'postRoom', self_service_24h: 'postSelfService' }
const cameraStatusLabels: Record<string, MessageKey> = { online: 'cameraOnline', offline: 'cameraOffline', fault: 'cameraFault' }

/**
 * An incident in full: where, who is responsible, the time chain with each step's time against its
 * target, and the nearest police posts and cameras (ringed on the map in the same colours).
 */
export function IncidentDetails({ record, nearby, error, categories, onClose }: { record: IncidentRecord | null; nearby: IncidentNearby | null; error: string | null; categories: CategoryLookup; onClose: () => void }) {
  const { t } = useI18n()
  const now = useNow(1000)
  if (!record) {
    return (
      <section className="panel details" data-testid="incident-details">
        <header className="details-head">
          <h2>{t('incidentTitle')}</h2>
          <button className="icon-button" onClick={onClose} aria-label={t('close')}>×</button>
        </header>
        <p className={error ? 'form-error' : 'muted'}>{error ? `${t('loadFailed')}: ${error}` : t('working')}</p>
      </section>
    )
  }
  const reported = Date.parse(record.reportedAt)
  return (
    <section className="panel details" data-testid="incident-details" data-incident-id={record.id}>
      <header className="details-head">
        <h2>
          <span className="feed-category" style={{ borderColor: rgbCss(categories.color(record.category)) }}>
            {categories.name(record.category)}
          </span>
          <span className="details-time">{countyDateTime(reported)}</span>
        </h2>
        <button className="icon-button" onClick={onClose} aria-label={t('close')}>×</button>
      </header>
      <dl className="facts">
        <dt>{t('address')}</dt>
        <dd>{record.address ?? `${record.lon.toFixed(5)}, ${record.lat.toFixed(5)}`}</dd>
        <dt>{t('grid')}</dt>
        <dd>{record.grid ? <>{record.grid.name} <span className="mono small">{record.grid.code}</span></> : t('unassigned')}</dd>
        <dt>{t('responsible')}</dt>
        <dd>{record.responsible ? <>{record.responsible.name} <span className="mono small">{record.responsible.phone}</span></> : '—'}</dd>
        <dt>{t('source')}</dt>
        <dd>{`${t(sourceLabels[record.source])} · ${t('priority')} ${record.priority}`}</dd>
        {record.summary && (
          <>
            <dt>{t('summary')}</dt>
            <dd>{record.summary}</dd>
          </>
        )}
      </dl>
      <h3>{t('timeChain')}</h3>
      <ol className="time-chain">
        <li>
          <span className="chain-step">{t('stepReported')}</span>
          <span className="chain-at">{countyTime(reported, true)}</span>
          <span />
          <span />
        </li>
        {stepTimings(record, now).map((s) => (
          <li key={s.field} className={`step-${s.status}`} data-step={s.field} data-status={s.status}>
            <span className="chain-step">{t(stepLabels[s.field])}</span>
            <span className="chain-at">{record[s.field] ? countyTime(Date.parse(record[s.field]!), true) : s.status === 'skipped' ? t('stepSkipped') : t('stepWaiting')}</span>
            <span className="chain-duration">{s.status === 'skipped' ? '' : formatDuration(s.seconds)}</span>
            <span className="chain-target">{t('targetWithin', { t: formatDuration(s.targetS) })}</span>
          </li>
        ))}
        {record.closedAt && (
          <li>
            <span className="chain-step">{t('stepClosed')}</span>
            <span className="chain-at">{countyTime(Date.parse(record.closedAt), true)}</span>
            <span className="chain-duration">{formatDuration((Date.parse(record.closedAt) - reported) / 1000)}</span>
            <span />
          </li>
        )}
      </ol>
      {nearby && (
        <>
          <h3>{t('nearestPosts')}</h3>
          <ul className="nearby" data-testid="nearby-posts">
            {nearby.posts.map((p) => (
              <li key={p.id} data-post-id={p.id}>
                <span className="dot" style={{ background: rgbCss(focusMarkColors.post) }} />
                <span className="nearby-name">{p.name}</span>
                <span className="muted">{postKindLabels[p.kind] ? t(postKindLabels[p.kind]!) : p.kind}</span>
                <span className="nearby-distance">{formatDistance(p.distanceM)}</span>
              </li>
            ))}
          </ul>
          {nearby.cameras.length > 0 && (
            <>
              <h3>{t('nearestCameras')}</h3>
              <ul className="nearby" data-testid="nearby-cameras">
                {nearby.cameras.map((c) => (
                  <li key={c.id} data-camera-id={c.id}>
                    <span className="dot" style={{ background: rgbCss(c.seesIncident ? focusMarkColors['camera-sees'] : focusMarkColors.camera) }} />
                    <span className="nearby-name mono">{c.code}</span>
                    <span className={`camera-status status-${c.status}`}>{t(cameraStatusLabels[c.status]!)}</span>
                    {c.seesIncident && <span className="sees">{t('seesIncident')}</span>}
                    <span className="nearby-distance">{formatDistance(c.distanceM)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  )
}
