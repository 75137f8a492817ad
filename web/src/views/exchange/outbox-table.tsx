import type { ExchangePartnerView, OutboxEntry, OutboxStatus } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { ApiError } from '../../api/client'
import { retryOutboxEvent } from '../../api/exchange'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { ago, canRetry, dueIn, remoteStatusKey } from './exchange-format'
import type { OutboxFilter } from './use-exchange-data'

const statusLabel: Record<OutboxStatus, MessageKey> = { pending: 'exPending', delivered: 'exDelivered', dead: 'exDead' }

interface Props {
  items: OutboxEntry[] | null
  partners: readonly ExchangePartnerView[]
  filter: OutboxFilter
  onFilter: (filter: OutboxFilter) => void
  categoryName: (code: string) => string
  now: number
  /** After a retry: refresh the numbers at once. */
  onChanged: (message: string) => void
}

/** The outbox events, newest first: how each delivery is going, and "send again" for the given-up ones. */
export function OutboxTable({ items, partners, filter, onFilter, categoryName, now, onChanged }: Props) {
  const { t, locale } = useI18n()
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<{ id: number; text: string } | null>(null)
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale, { hour12: false, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '—')
  const rel = (iso: string) => {
    const r = ago(iso, now)
    return r ? t(r.key, { n: r.n }) : time(iso)
  }

  const retry = async (entry: OutboxEntry) => {
    if (!window.confirm(t('exRetryConfirm', { key: entry.eventKey }))) return
    setBusy(entry.id)
    setError(null)
    try {
      await retryOutboxEvent(entry.id)
      onChanged(t('exRetried', { key: entry.eventKey }))
    } catch (e) {
      setError({ id: entry.id, text: e instanceof ApiError && e.status === 404 ? t('exErrNotDead') : e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <div className="ex-filter" data-testid="outbox-filter">
        <div className="ex-segmented" role="group" aria-label={t('exFilterStatus')}>
          {([undefined, 'pending', 'delivered', 'dead'] as const).map((s) => (
            <button key={s ?? 'all'} aria-pressed={filter.status === s} data-filter={s ?? 'all'} onClick={() => onFilter({ ...filter, status: s })}>
              {s ? t(statusLabel[s]) : t('exAll')}
            </button>
          ))}
        </div>
        <label className="ex-inline-field">
          <span>{t('exFilterPartner')}</span>
          <select value={filter.partner ?? ''} onChange={(e) => onFilter({ ...filter, partner: e.target.value || undefined })} data-testid="outbox-partner">
            <option value="">{t('exAll')}</option>
            {partners.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-wrap">
        <table className="data-table ex-outbox" data-testid="outbox-table">
          <thead>
            <tr>
              <th>{t('exStatus')}</th>
              <th>{t('exEventKey')}</th>
              <th>{t('exPartner')}</th>
              <th>{t('exIncident')}</th>
              <th className="num">{t('exAttempts')}</th>
              <th>{t('exNextAttempt')}</th>
              <th>{t('exLastError')}</th>
              <th>{t('exRemote')}</th>
              <th>{t('exCreated')}</th>
              <th>{t('exDeliveredAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items?.length === 0 && (
              <tr>
                <td colSpan={11} className="muted">
                  {t('exNoEvents')}
                </td>
              </tr>
            )}
            {items?.map((e) => (
              <tr key={e.id} data-event={e.eventKey} data-status={e.status}>
                <td>
                  <span className={`ex-status ex-status-${e.status}`} data-testid="event-status">
                    {t(statusLabel[e.status])}
                  </span>
                </td>
                <td className="mono">{e.eventKey}</td>
                <td>{e.partnerName}</td>
                <td className="nowrap">
                  {e.incidentId === null ? '—' : <span className="mono">#{e.incidentId}</span>} {e.category && <span className="muted">{categoryName(e.category)}</span>}
                </td>
                <td className="num" data-testid="event-attempts">
                  {e.attempts}
                </td>
                <td className="nowrap">{e.status === 'pending' ? t(dueIn(e.nextAttemptAt, now).key, { n: dueIn(e.nextAttemptAt, now).n }) : '—'}</td>
                <td className="ex-error" title={e.lastError ?? undefined}>
                  {e.lastError ?? ''}
                </td>
                <td className="nowrap">{e.remoteStatus ? t(remoteStatusKey[e.remoteStatus]) : '—'}{e.remoteRef ? <span className="muted mono"> {e.remoteRef}</span> : null}</td>
                <td className="nowrap" title={time(e.createdAt)}>
                  {rel(e.createdAt)}
                </td>
                <td className="nowrap">{time(e.deliveredAt)}</td>
                <td>
                  <div className="row-actions">
                    {canRetry(e) && (
                      <button className="ex-retry" disabled={busy === e.id} onClick={() => void retry(e)} data-action="retry">
                        {t('exRetry')}
                      </button>
                    )}
                    {error?.id === e.id && (
                      <span className="field-error" role="alert">
                        {error.text}
                      </span>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
