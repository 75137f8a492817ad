import type { CameraRecord, CameraUpdate } from '@gridwatch/server/contracts'
import { useState, type FormEvent } from 'react'
import { ApiError } from '../../api/client'
import { deleteCamera, updateCamera } from '../../api/cameras'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { cameraKindLabels, cameraKindList, cameraOwnerLabels, cameraOwnerList, cameraStatusLabels, cameraStatusList } from './labels'

type Field = 'name' | 'status' | 'kind' | 'owner' | 'bearing' | 'fov' | 'rangeM' | 'heightM' | 'installedOn'
type Draft = Record<Field, string>
const numeric: Field[] = ['bearing', 'fov', 'rangeM', 'heightM']
const fieldLabels: Record<Field, MessageKey> = { name: 'cameraName', status: 'status', kind: 'cameraKind', owner: 'cameraOwner', bearing: 'bearing', fov: 'fov', rangeM: 'rangeM', heightM: 'heightM', installedOn: 'installedOn' }

const draftOf = (c: CameraRecord): Draft => ({ name: c.name, status: c.status, kind: c.kind, owner: c.owner, bearing: String(c.bearing), fov: String(c.fov), rangeM: String(c.rangeM), heightM: String(c.heightM), installedOn: c.installedOn ?? '' })

/**
 * Only the fields that changed (a PATCH of a status change is one field). What does not read as a
 * number goes as typed: the server's answer names the field, shown next to it.
 */
function changesOf(camera: CameraRecord, draft: Draft): CameraUpdate {
  const before = draftOf(camera)
  const change: Record<string, unknown> = {}
  for (const field of Object.keys(draft) as Field[]) {
    if (draft[field] === before[field]) continue
    if (numeric.includes(field)) change[field] = draft[field].trim() !== '' && Number.isFinite(Number(draft[field])) ? Number(draft[field]) : draft[field]
    else if (field === 'installedOn') change[field] = draft[field] === '' ? null : draft[field]
    else change[field] = draft[field]
  }
  return change as CameraUpdate
}

/** The server names a field (`bearing`, or `rangeM`); the error goes next to it. */
const errorField = (e: unknown): string | null => (e instanceof ApiError ? e.field : null)

/** Editing one camera (cameras:manage): server errors next to the field they name. */
export function CameraForm({ camera, onSaved, onDeleted, onClose }: { camera: CameraRecord; onSaved: (c: CameraRecord) => void; onDeleted: (c: CameraRecord) => void; onClose: () => void }) {
  const { t } = useI18n()
  const [draft, setDraft] = useState<Draft>(() => draftOf(camera))
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: Field) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value })
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const change = changesOf(camera, draft)
    if (Object.keys(change).length === 0) return onClose()
    void run(async () => onSaved(await updateCamera(camera.id, change)))
  }
  const remove = () => {
    if (window.confirm(t('confirmDelete', { code: camera.code }))) void run(async () => (await deleteCamera(camera.id), onDeleted(camera)))
  }
  const fieldError = (field: Field) =>
    errorField(error) === field ? (
      <span className="field-error" role="alert" data-field={field}>
        {error!.message.replace(`${field}: `, '')}
      </span>
    ) : null
  const select = (field: 'status' | 'kind' | 'owner', list: readonly string[], labels: Record<string, MessageKey>) => (
    <select value={draft[field]} onChange={set(field)} aria-invalid={errorField(error) === field} name={field}>
      {list.map((v) => (
        <option key={v} value={v}>
          {t(labels[v]!)}
        </option>
      ))}
    </select>
  )
  const input = (field: Field, type = 'text') => <input type={type} inputMode={numeric.includes(field) ? 'decimal' : undefined} value={draft[field]} onChange={set(field)} aria-invalid={errorField(error) === field} name={field} />
  const general = error && !(errorField(error) && (Object.keys(fieldLabels) as string[]).includes(errorField(error)!)) ? error.message : null
  return (
    <form className="camera-form" onSubmit={submit} noValidate data-testid="camera-form" data-camera-id={camera.id}>
      <h3>
        {t('editCamera')} <span className="mono small">{camera.code}</span>
      </h3>
      <div className="form-grid compact">
        {(Object.keys(fieldLabels) as Field[]).map((field) => (
          <label key={field} className="field">
            <span>{t(fieldLabels[field])}</span>
            {field === 'status' ? select('status', cameraStatusList, cameraStatusLabels) : field === 'kind' ? select('kind', cameraKindList, cameraKindLabels) : field === 'owner' ? select('owner', cameraOwnerList, cameraOwnerLabels) : input(field, field === 'installedOn' ? 'date' : 'text')}
            {fieldError(field)}
          </label>
        ))}
      </div>
      {general && <p className="form-error" role="alert">{general}</p>}
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" onClick={onClose} disabled={busy}>
          {t('cancel')}
        </button>
        <button type="button" className="danger" onClick={remove} disabled={busy}>
          {t('deleteCamera')}
        </button>
      </div>
    </form>
  )
}
