import type { DisputeDocument } from '@gridwatch/server/contracts'
import type { ReactNode } from 'react'
import type { MessageKey } from '../../i18n/messages'
import { DOCUMENT_ACCEPT, formatByteSize } from './dispute-documents'

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

interface AgreementDocumentFields {
  t: Translate
  /** The case's attached signed agreements, newest first. */
  agreements: DisputeDocument[]
  /** The chosen one's id, `''` for none. */
  chosenId: string
  onChoose: (id: string) => void
  /** A file chosen here, uploaded when the form is sent. */
  pendingFile: File | null
  onFile: (file: File | null) => void
  busy: boolean
  /** The action form's labelled field, which puts the server's error on `name` under it. */
  field: (name: string, label: string, control: ReactNode, wrapper?: 'label' | 'div') => ReactNode
  invalid: (name: string) => boolean
}

/**
 * The signed-paper half of closing on an agreement (the text is the other half): an agreement already
 * attached to the case, or one uploaded right here — sent first, then the case is closed on it. A file
 * chosen here wins: the list gives way to the line saying what will happen.
 */
export function agreementDocumentFields({ t, agreements, chosenId, onChoose, pendingFile, onFile, busy, field, invalid }: AgreementDocumentFields): ReactNode {
  const offerAttached = agreements.length > 0 && pendingFile === null
  const attached = (
    <select name="agreementDocumentId" value={chosenId} disabled={busy} aria-invalid={invalid('agreementDocumentId')} onChange={(e) => onChoose(e.target.value)}>
      <option value="">{t('dspAgreementDocumentNone')}</option>
      {agreements.map((d) => (
        <option key={d.id} value={String(d.id)}>
          {`${d.fileName}（${formatByteSize(d.byteSize)}）`}
        </option>
      ))}
    </select>
  )
  // Replaced by the pending line once chosen: dropping the file brings back an empty input.
  const upload = pendingFile ? (
    <span className="dsp-pending-file" data-testid="agreement-pending">
      <span>{t('dspAgreementPending', { name: pendingFile.name, size: formatByteSize(pendingFile.size) })}</span>
      <button type="button" disabled={busy} onClick={() => onFile(null)}>
        {t('dspAgreementDropFile')}
      </button>
    </span>
  ) : (
    <input type="file" name="file" accept={DOCUMENT_ACCEPT} disabled={busy} aria-invalid={invalid('file')} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
  )
  // One node with fixed slots, so the inputs after it keep their places when the list comes and goes;
  // the pending line is no label, which would pass every click on its text to the button inside.
  return (
    <div className="dsp-agreement-papers">
      {offerAttached && field('agreementDocumentId', t('dspAgreementDocument'), attached)}
      {field('file', offerAttached ? t('dspAgreementUpload') : t('dspAgreementDocument'), upload, pendingFile ? 'div' : 'label')}
    </div>
  )
}
