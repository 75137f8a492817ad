import type { DuplicateOffer, DuplicateSide } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { ApiError } from '../../api/client'
import { decideDuplicate, type DuplicateDecision } from '../../api/exchange'
import { useI18n } from '../../i18n'
import { mergeOrder, roundMetres, roundMinutes, sourceKey } from './exchange-format'

interface Props {
  /** null: still loading, or the user may not read incidents (then only the explanation shows). */
  offers: DuplicateOffer[] | null
  canRead: boolean
  canDecide: boolean
  categoryName: (code: string) => string
  onChanged: (message: string) => void
}

/** Likely duplicates: a person merges or dismisses each; the explanation says nothing is merged silently. */
export function DuplicatesPanel({ offers, canRead, canDecide, categoryName, onChanged }: Props) {
  const { t, locale } = useI18n()
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<{ id: number; text: string } | null>(null)

  const side = (id: number, s: DuplicateSide) => (
    <>
      <span className="mono ex-incident-id">#{id}</span> <span className="muted">{t(sourceKey[s.source])}</span>
      <span className="ex-side-detail">
        {s.address ?? '—'} · {new Date(s.reportedAt).toLocaleTimeString(locale, { hour12: false, hour: '2-digit', minute: '2-digit' })}
      </span>
    </>
  )

  const decide = async (offer: DuplicateOffer, decision: DuplicateDecision) => {
    if (decision === 'merge' && !window.confirm(t('exMergeConfirm', mergeOrder(offer)))) return
    setBusy(offer.id)
    setError(null)
    try {
      await decideDuplicate(offer.id, decision)
      onChanged(t(decision === 'merge' ? 'exMerged' : 'exDismissed'))
    } catch (e) {
      setError({ id: offer.id, text: e instanceof ApiError && e.status === 409 ? t('exErrAlreadyDecided') : e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="ex-section" data-testid="duplicates">
      <h3>
        {t('exDuplicates')} {offers && offers.length > 0 && <span className="ex-badge">{offers.length}</span>}
      </h3>
      <p className="ex-lead">{t('exDuplicatesLead')}</p>
      {canRead && !canDecide && <p className="muted">{t('exNoDispatch')}</p>}
      {canRead && offers?.length === 0 && <p className="muted">{t('exNoDuplicates')}</p>}
      {canRead && offers && offers.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="duplicates-table">
            <thead>
              <tr>
                <th>{t('exIncident')}</th>
                <th>{t('exDuplicateOf')}</th>
                <th>{t('exCategory')}</th>
                <th className="num">{t('exDistance')}</th>
                <th className="num">{t('exMinutesApart')}</th>
                {canDecide && <th />}
              </tr>
            </thead>
            <tbody>
              {offers.map((o) => (
                <tr key={o.id} data-offer={o.id} data-incident={o.incidentId}>
                  <td>{side(o.incidentId, o.incident)}</td>
                  <td>{side(o.duplicateOf, o.original)}</td>
                  <td>{categoryName(o.category)}</td>
                  <td className="num ex-big-num">{t('exMetres', { n: roundMetres(o.distanceM) })}</td>
                  <td className="num ex-big-num">{t('exMinutes', { n: roundMinutes(o.minutesApart) })}</td>
                  {canDecide && (
                    <td>
                      <div className="row-actions">
                        <button className="primary" disabled={busy === o.id} onClick={() => void decide(o, 'merge')} data-action="merge">
                          {t('exMerge')}
                        </button>
                        <button disabled={busy === o.id} onClick={() => void decide(o, 'dismiss')} data-action="dismiss">
                          {t('exDismiss')}
                        </button>
                        {error?.id === o.id && (
                          <span className="field-error" role="alert">
                            {error.text}
                          </span>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
