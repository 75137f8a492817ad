import type { CameraRecord } from '@gridwatch/server/contracts'
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { createCamera, updateCamera } from '../../../api/cameras'
import { ApiError } from '../../../api/client'
import type { StationChoice } from '../../../api/stations'
import { useI18n } from '../../../i18n'
import type { MessageKey } from '../../../i18n/messages'
import { cameraKindLabels, cameraKindList, cameraOwnerLabels, cameraOwnerList, cameraStatusLabels, cameraStatusList } from '../labels'
import { changesOf, inputOf, notNumeric, type CameraDraft, type DraftField } from './camera-draft'
import { cameraProblemOf, type CameraProblem } from './camera-errors'
import { CompassInput } from './compass-input'

/** A station's roles register for their own station only; county roles choose (or leave it empty). */
export type StationOptions = { fixed: StationChoice } | { choices: StationChoice[] }

export interface CameraEditorProps {
  /** The stored camera being edited; null registers a new one. */
  camera: CameraRecord | null
  draft: CameraDraft
  onDraft: (draft: CameraDraft) => void
  stations: StationOptions
  /** Waiting for the map click that moves the camera. */
  placing: boolean
  onMove: () => void
  onSaved: (camera: CameraRecord, created: boolean) => void
  onCancel: () => void
  /** Deletes the stored camera (after asking); absent for a new one. */
  onDelete?: () => Promise<void>
}

type Choice = 'kind' | 'status' | 'owner'
const choices: Record<Choice, { list: readonly string[]; labels: Record<string, MessageKey>; label: MessageKey }> = {
  kind: { list: cameraKindList, labels: cameraKindLabels, label: 'cameraKind' },
  status: { list: cameraStatusList, labels: cameraStatusLabels, label: 'status' },
  owner: { list: cameraOwnerList, labels: cameraOwnerLabels, label: 'cameraOwner' },
}

/**
 * The camera form (register or edit, cameras:manage): the map shows its sector while it is open.
 * Numbers are checked for being numbers here; every other rule is the server's, whose answer is
 * shown in the user's language next to the field it names.
 */
export function CameraEditor({ camera, draft, onDraft, stations, placing, onMove, onSaved, onCancel, onDelete }: CameraEditorProps) {
  const { t } = useI18n()
  const [problem, setProblem] = useState<CameraProblem | null>(null)
  const [busy, setBusy] = useState(false)
  // Opened from a camera's details further down the panel: the form starts at its top.
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    // A block, not an expression: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.
    formRef.current?.scrollIntoView({ block: 'nearest' })
  }, [])
  const set = <F extends DraftField>(field: F, value: CameraDraft[F]) => onDraft({ ...draft, [field]: value })

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setProblem(null)
    try {
      await work()
    } catch (e) {
      setProblem(e instanceof ApiError ? cameraProblemOf(e, draft, t) : { field: null, text: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const unreadable = notNumeric(draft)
    if (unreadable) return setProblem({ field: unreadable, text: t('camErrorNumber') })
    if (!camera) return void run(async () => onSaved(await createCamera(inputOf(draft)), true))
    const change = changesOf(camera, draft)
    if (Object.keys(change).length === 0) return onCancel()
    void run(async () => onSaved(await updateCamera(camera.id, change), false))
  }

  const invalid = (field: DraftField) => problem?.field === field
  const errorFor = (field: DraftField | 'position') =>
    problem?.field === field ? (
      <span className="field-error" role="alert" data-field={field}>
        {problem.text}
      </span>
    ) : null
  const field = (name: DraftField, label: string, control: ReactNode, className = 'field') => (
    <label className={className} key={name}>
      <span>{label}</span>
      {control}
      {errorFor(name)}
    </label>
  )
  const text = (name: 'code' | 'name' | 'fov' | 'rangeM' | 'heightM' | 'bearing', numeric = false) => (
    <input name={name} value={draft[name]} onChange={(e) => set(name, e.target.value)} inputMode={numeric ? 'decimal' : undefined} aria-invalid={invalid(name)} autoComplete="off" />
  )
  const select = (name: Choice) => (
    <select name={name} value={draft[name]} onChange={(e) => set(name, e.target.value as CameraDraft[Choice])} aria-invalid={invalid(name)}>
      {choices[name].list.map((v) => (
        <option key={v} value={v}>
          {t(choices[name].labels[v]!)}
        </option>
      ))}
    </select>
  )

  return (
    <form ref={formRef} className="camera-form" onSubmit={submit} noValidate data-testid="camera-form" data-mode={camera ? 'edit' : 'create'} data-camera-id={camera?.id}>
      <h3>{camera ? <>{t('editCamera')} <span className="mono small">{camera.code}</span></> : t('camNew')}</h3>
      <div className="form-grid compact">
        {!camera && field('code', t('camCode'), text('code'))}
        {field('name', t('cameraName'), text('name'))}
        <div className="field wide">
          <span>{t('camPosition')}</span>
          <div className="position-row">
            <span className="mono" data-testid="camera-position" data-lon={draft.lon} data-lat={draft.lat}>{`${draft.lon.toFixed(6)}, ${draft.lat.toFixed(6)}`}</span>
            <button type="button" className="small-button" onClick={onMove} aria-pressed={placing} data-testid="camera-move">
              {t('camMove')}
            </button>
          </div>
          {placing && <span className="field-hint">{t('camMoveHint')}</span>}
          {errorFor('position')}
        </div>
        <div className="field wide bearing-field">
          <span>{t('camBearingLabel')}</span>
          <div className="bearing-row">
            <CompassInput bearing={draft.bearing.trim() === '' ? Number.NaN : Number(draft.bearing)} fov={draft.kind === 'ptz' ? 360 : Number(draft.fov) || 0} onChange={(deg) => set('bearing', String(deg))} label={t('camCompass')} />
            <div className="bearing-number">
              {text('bearing', true)}
              <span className="field-hint">{t('camBearingHint')}</span>
            </div>
          </div>
          {errorFor('bearing')}
        </div>
        {field('fov', t('camFovLabel'), text('fov', true))}
        {field('rangeM', t('camRangeLabel'), text('rangeM', true))}
        {field('heightM', t('camHeightLabel'), text('heightM', true))}
        {field('kind', t('cameraKind'), select('kind'))}
        {field('status', t('status'), select('status'))}
        {field('owner', t('cameraOwner'), select('owner'))}
        {field('stationId', t('camStation'), <StationSelect options={stations} value={draft.stationId} onChange={(id) => set('stationId', id)} invalid={invalid('stationId')} />)}
        {field('installedOn', t('installedOn'), <input type="date" name="installedOn" value={draft.installedOn} onChange={(e) => set('installedOn', e.target.value)} aria-invalid={invalid('installedOn')} />)}
      </div>
      <p className="small">{t('camPreviewNote')}</p>
      {problem && problem.field === null && (
        <p className="form-error" role="alert" data-testid="camera-form-error">
          {problem.text}
        </p>
      )}
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('working') : camera ? t('save') : t('camSubmitNew')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        {camera && onDelete && (
          <button type="button" className="danger" onClick={() => void run(onDelete)} disabled={busy}>
            {t('deleteCamera')}
          </button>
        )}
      </div>
    </form>
  )
}

function StationSelect({ options, value, onChange, invalid }: { options: StationOptions; value: number | null; onChange: (id: number | null) => void; invalid: boolean }) {
  const { t } = useI18n()
  if ('fixed' in options) return <output className="fixed-value" name="stationId" data-station-id={options.fixed.id}>{options.fixed.name}</output>
  const listed = value === null || options.choices.some((s) => s.id === value)
  return (
    <select name="stationId" value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))} aria-invalid={invalid}>
      <option value="">{t('camNoStation')}</option>
      {!listed && <option value={value!}>{t('camStationNumber', { id: value! })}</option>}
      {options.choices.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </select>
  )
}
