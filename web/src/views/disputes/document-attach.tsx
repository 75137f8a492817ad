import type { DisputeCase, DisputeDocumentKind } from '@gridwatch/server/contracts'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../api/client'
import { attachDisputeDocument, IllegalMoveError } from '../../api/disputes'
import { useI18n } from '../../i18n'
import { DOCUMENT_ACCEPT, DOCUMENT_MAX_BYTES, documentFileProblem, documentKindLabels, documentKindList, formatByteSize } from './dispute-documents'
import { documentErrorText } from './dispute-format'

interface DocumentAttachProps {
  caseId: number
  onAttached: (after: DisputeCase) => void
  onStale: () => void
}

/**
 * Attaching a paper: its kind and the file, checked here for size and type before it travels (a 10 MB
 * scan over a phone connection takes a while), then by the server on its content. What is refused is
 * said under the control that caused it.
 */
export function DocumentAttach({ caseId, onAttached, onStale }: DocumentAttachProps) {
  const { t } = useI18n()
  const [kind, setKind] = useState<DisputeDocumentKind>('agreement')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  /** A new file input after each upload: the only way to empty one. */
  const [inputKey, setInputKey] = useState(0)
  const choose = (chosen: File | null) => {
    const problem = chosen && documentFileProblem(chosen)
    setError(problem)
    setFile(problem ? null : chosen)
  }
  const upload = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const after = await attachDisputeDocument(caseId, kind, file)
      setFile(null)
      setInputKey((k) => k + 1)
      onAttached(after)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
      if (err instanceof IllegalMoveError) onStale()
    } finally {
      setBusy(false)
    }
  }
  const on = error instanceof ApiError && error.field === 'kind' ? 'kind' : 'file'
  const problem = error && (
    <span className="field-error" role="alert" data-testid="document-error">
      {documentErrorText(t, error)}
    </span>
  )
  return (
    <form className="dsp-doc-attach" onSubmit={upload} noValidate data-testid="document-attach" aria-busy={busy}>
      <strong>{t('dspDocAttach')}</strong>
      <label className="field" data-field="kind">
        <span>{t('dspDocKind')}</span>
        <select name="kind" value={kind} disabled={busy} onChange={(e) => setKind(e.target.value as DisputeDocumentKind)}>
          {documentKindList.map((k) => (
            <option key={k} value={k}>
              {t(documentKindLabels[k])}
            </option>
          ))}
        </select>
        {on === 'kind' && problem}
      </label>
      <label className="field" data-field="file">
        <span>{t('dspDocFile')}</span>
        <input key={inputKey} type="file" name="file" accept={DOCUMENT_ACCEPT} disabled={busy} aria-invalid={on === 'file' && error !== null} onChange={(e) => choose(e.target.files?.[0] ?? null)} />
        {on === 'file' && problem}
      </label>
      <p className="small">{t('dspDocFileHint', { max: formatByteSize(DOCUMENT_MAX_BYTES) })}</p>
      {busy && file && (
        <p className="dsp-uploading" role="status">
          <progress />
          {t('dspDocUploading', { name: file.name, size: formatByteSize(file.size) })}
        </p>
      )}
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={!file || busy} data-testid="document-upload">
          {t('dspDocUpload')}
        </button>
      </div>
    </form>
  )
}
