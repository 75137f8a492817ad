import type { CameraImportResult } from '@gridwatch/server/contracts'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../api/client'
import { importCameras } from '../../api/cameras'
import { useI18n } from '../../i18n'

/** The server's message, led by the line and column it names (`line 3: bearing`) when it does not say it already. */
const problem = (e: Error) => (e instanceof ApiError && e.field && !e.message.includes(e.field) ? `${e.field}: ${e.message}` : e.message)

/** CSV import of cameras (cameras:manage): all rows or none; an error names its line and column. */
export function CameraImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n()
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ result: CameraImportResult } | { error: Error } | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setBusy(true)
    setOutcome(null)
    try {
      setOutcome({ result: await importCameras(file) })
      onImported()
    } catch (err) {
      setOutcome({ error: err instanceof Error ? err : new Error(String(err)) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="camera-import" onSubmit={submit} data-testid="camera-import">
      <h3>{t('importCameras')}</h3>
      <p className="small">{t('importHint')}</p>
      <div className="row-buttons">
        <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} name="file" />
        <button type="submit" className="primary" disabled={!file || busy}>
          {busy ? t('working') : t('importRun')}
        </button>
      </div>
      {outcome && 'result' in outcome && (
        <p className="success" role="status" data-testid="import-result">
          {t('importDone', outcome.result)}
        </p>
      )}
      {outcome && 'error' in outcome && (
        <p className="form-error" role="alert" data-testid="import-error" data-field={outcome.error instanceof ApiError ? (outcome.error.field ?? '') : ''}>
          {t('importFailed', { message: problem(outcome.error) })}
        </p>
      )}
    </form>
  )
}
