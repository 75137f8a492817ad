import type { OutboxPage, OutboxStatus } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'

const tiles: { status: OutboxStatus; label: MessageKey; hint: MessageKey }[] = [
  { status: 'pending', label: 'exPending', hint: 'exPendingHint' },
  { status: 'delivered', label: 'exDelivered', hint: 'exDeliveredHint' },
  { status: 'dead', label: 'exDead', hint: 'exDeadHint' },
]

/** The outbox at a glance: one big number per status; pressing one filters the table to it. */
export function OutboxCounts({ counts, selected, onSelect }: { counts: OutboxPage['counts'] | null; selected: OutboxStatus | undefined; onSelect: (status: OutboxStatus | undefined) => void }) {
  const { t } = useI18n()
  return (
    <div className="ex-counts" data-testid="outbox-counts">
      {tiles.map(({ status, label, hint }) => (
        <button
          key={status}
          className={`ex-count ex-count-${status}${status === 'dead' && (counts?.dead ?? 0) > 0 ? ' is-alert' : ''}`}
          aria-pressed={selected === status}
          data-status={status}
          onClick={() => onSelect(selected === status ? undefined : status)}
        >
          <span className="ex-count-value" data-testid={`count-${status}`}>
            {counts ? counts[status].toLocaleString() : '—'}
          </span>
          <span className="ex-count-label">{t(label)}</span>
          <span className="ex-count-hint">{t(hint)}</span>
        </button>
      ))}
    </div>
  )
}
