import type { BoundaryVersionSummary, PublishResult } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { republishVersion } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'

export interface VersionsPanelProps {
  versions: BoundaryVersionSummary[] | null
  /** A version was put in force again: versions, plans and the map are stale. */
  onRepublished: (result: PublishResult) => void
  fmt: PlannerFormat
}

/** The boundary version history, newest first, with roll back (publish an earlier version again) behind a confirmation. */
export function VersionsPanel({ versions, onRepublished, fmt }: VersionsPanelProps) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState<number | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const republish = async (v: BoundaryVersionSummary) => {
    setBusy(true)
    setMessage(null)
    try {
      const result = await republishVersion(v.id, note.trim() || undefined)
      setConfirming(null)
      setNote('')
      setMessage({ ok: true, text: t('republished', { version: result.versionId }) })
      onRepublished(result)
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="planner-section versions" data-testid="versions">
      <summary>
        <h2>{t('versions')}</h2>
      </summary>
      {message && <p className={message.ok ? 'success' : 'form-error'}>{message.text}</p>}
      <ul className="plan-list">
        {(versions ?? []).map((v) => (
          <li key={v.id} data-version-id={v.id} className={v.inForce ? 'selected' : undefined}>
            <div className="plan-name">
              <span className="mono">#{v.id}</span> {v.name}
              {v.inForce && <span className="badge good">{t('inForce')}</span>}
            </div>
            <div className="small muted">{t('versionMeta', { author: v.author, from: fmt.dateTime(v.effectiveFrom ?? v.createdAt), grids: v.grids })}</div>
            {v.note && <div className="small muted">{v.note}</div>}
            {!v.inForce && v.grids > 0 &&
              (confirming === v.id ? (
                <div className="confirm-box">
                  <p className="small">{t('confirmRepublish', { name: v.name })}</p>
                  <label className="field">
                    {t('optionalNote')}
                    <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
                  </label>
                  <div className="row-buttons">
                    <button className="danger" disabled={busy} onClick={() => void republish(v)} data-action="confirm-republish">
                      {t('confirm')}
                    </button>
                    <button onClick={() => setConfirming(null)}>{t('cancel')}</button>
                  </div>
                </div>
              ) : (
                <div className="row-buttons">
                  <button onClick={() => setConfirming(v.id)} data-action="republish">
                    {t('republish')}
                  </button>
                </div>
              ))}
          </li>
        ))}
      </ul>
    </details>
  )
}
