import type { DisputeRecord } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import { daysToDeadline, dayOf } from './dispute-format'
import { statusLabels, tierCss, tierLabels, typeLabels } from './dispute-labels'

/** The deadline as the list shows it: the day, and the days left or past it. */
export function DeadlineBadge({ record, now }: { record: DisputeRecord; now: number }) {
  const { t } = useI18n()
  const days = daysToDeadline(record, now)
  return (
    <span className="dsp-deadline">
      {record.deadlineAt ? dayOf(record.deadlineAt) : '—'}
      {days !== null && <span className={days < 0 || record.overdue ? 'tone-bad' : days <= 2 ? 'tone-warn' : 'muted'}>{` · ${t(days < 0 ? 'dspDaysOver' : 'dspDaysLeft', { n: Math.abs(days) })}`}</span>}
    </span>
  )
}

export function TierBadge({ tier }: { tier: DisputeRecord['tier'] }) {
  const { t } = useI18n()
  return (
    <span className="dsp-tier" style={{ borderColor: tierCss(tier), color: tierCss(tier) }} data-tier={tier}>
      {t(tierLabels[tier])}
    </span>
  )
}

/** Overdue and "escalate?" flags of an open case. */
export function CaseFlags({ record }: { record: DisputeRecord }) {
  const { t } = useI18n()
  return (
    <>
      {record.overdue && <span className="dsp-flag flag-overdue" data-flag="overdue">{t('dspOverdue')}</span>}
      {record.suggestEscalation && <span className="dsp-flag flag-escalate" data-flag="suggest-escalation">{t('dspSuggestEscalation')}</span>}
    </>
  )
}

/** The cases matching the filters, newest first: code, type, tier, status, grid, opened, deadline and flags. */
export function DisputeList({ items, hasMore, onMore, selectedId, onSelect, now }: { items: DisputeRecord[]; hasMore: boolean; onMore: () => void; selectedId: number | null; onSelect: (d: DisputeRecord) => void; now: number }) {
  const { t } = useI18n()
  if (items.length === 0) return <p className="muted">{t('dspNoCases')}</p>
  return (
    <>
      <ul className="dsp-list" data-testid="dispute-list">
        {items.map((d) => (
          <li key={d.id}>
            <button className={`dsp-row${d.id === selectedId ? ' selected' : ''}`} data-testid="dispute-row" data-dispute-id={d.id} data-status={d.status} onClick={() => onSelect(d)}>
              <span className="dsp-row-head">
                <span className="dsp-type" style={{ borderColor: tierCss(d.tier) }}>{t(typeLabels[d.type])}</span>
                <span className="dsp-status" data-status={d.status}>{t(statusLabels[d.status])}</span>
              </span>
              <span className="dsp-row-meta">
                <span className="mono">{d.code}</span>
                <TierBadge tier={d.tier} />
                <span className="dsp-grid-name">{d.grid?.name ?? '—'}</span>
              </span>
              <span className="dsp-row-meta">
                <span>{`${t('dspOpened')} ${dayOf(d.openedAt)}`}</span>
                <span>
                  {`${t('dspDeadline')} `}
                  <DeadlineBadge record={d} now={now} />
                </span>
                <CaseFlags record={d} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="small dsp-shown">{t('dspCasesShown', { n: items.length })}</p>
      {hasMore && (
        <button className="dsp-more" onClick={onMore}>
          {t('loadMore')}
        </button>
      )}
    </>
  )
}
