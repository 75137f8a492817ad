import type { DisputeCase, DisputeDocument, DisputeStatus } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { disputeDocumentPath, IllegalMoveError, removeDisputeDocument } from '../../api/disputes'
import { useI18n } from '../../i18n'
import { countyDateTime } from '../wall/county-time'
import { documentKindLabels, documentsAttachable, documentsRemovable, formatByteSize } from './dispute-documents'
import { documentErrorText } from './dispute-format'
import { DocumentAttach } from './document-attach'

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)))

interface RowProps {
  caseId: number
  document: DisputeDocument
  removable: boolean
  onChanged: (after: DisputeCase) => void
  onStale: () => void
}

/** One paper: its kind, its name as the download link, size, who attached it when; removal asks first. */
function DocumentRow({ caseId, document: d, removable, onChanged, onStale }: RowProps) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const at = countyDateTime(Date.parse(d.uploadedAt))
  const remove = async () => {
    setBusy(true)
    setError(null)
    try {
      onChanged(await removeDisputeDocument(caseId, d.id))
    } catch (e) {
      setError(documentErrorText(t, asError(e)))
      setBusy(false)
      setConfirming(false)
      // Closed meanwhile elsewhere: read the case again, the button goes.
      if (e instanceof IllegalMoveError) onStale()
    }
  }
  return (
    <li className="dsp-doc" data-document-id={d.id} data-kind={d.kind}>
      <span className="dsp-doc-kind" data-kind={d.kind}>{t(documentKindLabels[d.kind])}</span>
      <a className="dsp-doc-name" href={disputeDocumentPath(caseId, d.id)} download={d.fileName} title={t('dspDocDownload', { name: d.fileName })} data-testid="document-download">
        {d.fileName}
      </a>
      <span className="dsp-doc-meta">
        {formatByteSize(d.byteSize)} · {d.uploadedBy ? t('dspDocUploadedBy', { who: d.uploadedBy, at }) : t('dspDocUploadedAt', { at })}
      </span>
      {removable && !confirming && (
        <button type="button" className="dsp-doc-remove" data-testid="document-remove" onClick={() => (setError(null), setConfirming(true))}>
          {t('dspDocRemove')}
        </button>
      )}
      {confirming && (
        <div className="dsp-doc-confirm" role="alertdialog" aria-label={t('dspDocRemove')}>
          <span>{t('dspDocRemoveConfirm', { name: d.fileName })}</span>
          <span className="row-buttons">
            <button type="button" className="danger" data-testid="document-remove-confirm" disabled={busy} onClick={remove}>
              {t('dspDocRemoveYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </span>
        </div>
      )}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </li>
  )
}

interface CaseDocumentsProps {
  caseId: number
  status: DisputeStatus
  documents: DisputeDocument[]
  /** disputes:manage (the section is shown only to roles that read parties, which papers need as well). */
  canManage: boolean
  /** The case as it is after an upload or a removal. */
  onChanged: (after: DisputeCase) => void
  /** A refusal because the case moved on elsewhere: read it again. */
  onStale: () => void
}

/** 协议书与材料: the case's signed papers, and for managers attaching one (any time but once cancelled) and removing one (while open). */
export function CaseDocuments({ caseId, status, documents, canManage, onChanged, onStale }: CaseDocumentsProps) {
  const { t } = useI18n()
  const removable = canManage && documentsRemovable(status)
  return (
    <div className="dsp-docs" data-testid="dispute-documents">
      {documents.length === 0 ? (
        <p className="small">{t('dspDocNone')}</p>
      ) : (
        <ul className="dsp-doc-list">
          {documents.map((d) => (
            <DocumentRow key={d.id} caseId={caseId} document={d} removable={removable} onChanged={onChanged} onStale={onStale} />
          ))}
        </ul>
      )}
      {canManage && documents.length > 0 && (status === 'closed' || status === 'evaluated') && <p className="small">{t('dspDocKept')}</p>}
      {canManage && documentsAttachable(status) && <DocumentAttach caseId={caseId} onAttached={onChanged} onStale={onStale} />}
    </div>
  )
}
