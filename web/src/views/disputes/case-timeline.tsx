import type { DisputeTimelineEntry } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import { countyDateTime } from '../wall/county-time'
import { timelineAction, timelineNote } from './dispute-format'
import { statusLabels } from './dispute-labels'

/** Every step of a case, oldest first, as a vertical timeline: when, who, what, status from → to, and the note. */
export function CaseTimeline({ timeline }: { timeline: DisputeTimelineEntry[] }) {
  const { t } = useI18n()
  return (
    <ol className="dsp-timeline" data-testid="dispute-timeline">
      {timeline.map((e, i) => {
        const changed = e.toStatus !== null && e.toStatus !== e.fromStatus
        const note = timelineNote(t, e.note)
        return (
          <li key={i} data-action={e.action} className={changed ? 'status-change' : 'event'}>
            <span className="dsp-tl-dot" aria-hidden="true" />
            <div className="dsp-tl-head">
              <span className="dsp-tl-what">{timelineAction(t, e)}</span>
              <time className="dsp-tl-time" dateTime={e.at}>
                {countyDateTime(Date.parse(e.at))}
              </time>
            </div>
            <div className="dsp-tl-meta">
              <span className="dsp-tl-actor">{e.actor}</span>
              {changed && (
                <span className="dsp-tl-status" data-from={e.fromStatus ?? ''} data-to={e.toStatus}>
                  {e.fromStatus ? `${t(statusLabels[e.fromStatus])} → ` : ''}
                  <strong>{t(statusLabels[e.toStatus!])}</strong>
                </span>
              )}
            </div>
            {note && <p className="dsp-tl-note">{note}</p>}
          </li>
        )
      })}
    </ol>
  )
}
