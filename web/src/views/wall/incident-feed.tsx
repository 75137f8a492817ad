import type { IncidentRecord } from '@gridwatch/server/contracts'
import { memo } from 'react'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import type { CategoryLookup } from './category-lookup'
import { countyTime } from './county-time'
import { formatDuration, rgbCss } from './format'
import { stepTimings, type StepTiming, type TimedField } from './response-timers'
import { useNow } from './use-now'

export const stepLabels: Record<TimedField, MessageKey> = { acceptedAt: 'stepAccepted', contactedAt: 'stepContacted', onSceneAt: 'stepOnScene' }

/** One step against its target: time taken (or running), green when met, red when late or overdue. */
export function StepTimer({ timing }: { timing: StepTiming }) {
  const { t } = useI18n()
  const text = timing.status === 'skipped' ? '—' : formatDuration(timing.seconds)
  return (
    <span className={`step step-${timing.status}`} data-step={timing.field} data-status={timing.status} title={t('targetWithin', { t: formatDuration(timing.targetS) })}>
      <span className="step-label">{t(stepLabels[timing.field])}</span>
      <span className="step-time">{text}</span>
    </span>
  )
}

const FeedRow = memo(function FeedRow({ incident, now, categories, selected, onSelect }: { incident: IncidentRecord; now: number; categories: CategoryLookup; selected: boolean; onSelect: (incident: IncidentRecord) => void }) {
  const { t } = useI18n()
  const closed = incident.closedAt !== null
  return (
    <li
      className={`feed-row${selected ? ' selected' : ''}${closed ? ' closed' : ''}`}
      data-testid="feed-row"
      data-incident-id={incident.id}
      onClick={() => onSelect(incident)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onSelect(incident)}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
    >
      <div className="feed-head">
        <span className="feed-category" style={{ borderColor: rgbCss(categories.color(incident.category)) }}>
          {categories.name(incident.category)}
        </span>
        <span className="feed-time">{countyTime(Date.parse(incident.reportedAt))}</span>
      </div>
      <div className="feed-address">{incident.address ?? `${incident.lon.toFixed(5)}, ${incident.lat.toFixed(5)}`}</div>
      <div className="feed-meta">
        <span className="feed-grid">{incident.grid?.name ?? t('unassigned')}</span>
        {incident.responsible && <span className="feed-person">{`${t('responsible')} ${incident.responsible.name}`}</span>}
      </div>
      <div className="feed-steps">
        {stepTimings(incident, now).map((timing) => (
          <StepTimer key={timing.field} timing={timing} />
        ))}
        {closed && <span className="step step-closed">{t('stepClosed')}</span>}
      </div>
    </li>
  )
})

/**
 * The live incident feed, newest first. One clock ticks for the whole list (open incidents' rows
 * re-render from it; closed ones no longer change); an update of an incident replaces its row in place.
 */
export const IncidentFeed = memo(function IncidentFeed({ feed, categories, selectedId, onSelect }: { feed: readonly IncidentRecord[]; categories: CategoryLookup; selectedId: number | null; onSelect: (incident: IncidentRecord) => void }) {
  const { t } = useI18n()
  const now = useNow(1000)
  return (
    <section className="panel feed" data-testid="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('feedTitle')}</h2>
      {feed.length === 0 ? (
        <p className="muted">{t('feedEmpty')}</p>
      ) : (
        <ol className="feed-list">
          {feed.map((incident) => (
            <FeedRow key={incident.id} incident={incident} now={incident.closedAt ? 0 : now} categories={categories} selected={incident.id === selectedId} onSelect={onSelect} />
          ))}
        </ol>
      )}
    </section>
  )
})
