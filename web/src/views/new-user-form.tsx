import type { Role } from '@gridwatch/server/contracts'
import { useState, type FormEvent } from 'react'
import { createUser, type UserRow } from '../api/admin'
import { ApiError } from '../api/client'
import type { StationChoice } from '../api/stations'
import { useI18n } from '../i18n'
import { roleList, roleName } from '../i18n/roles'
import { fieldError, generalError, type FieldName } from './user-errors'

/** What a role's scope hangs on (server `roleScope`: station roles need a station, grid workers a person). */
const scopeTarget: Record<Role, 'station' | 'person' | null> = {
  admin: null,
  commander: null,
  station_chief: 'station',
  officer: 'station',
  grid_worker: 'person',
  planner: null,
  viewer: null,
}

interface Draft {
  username: string
  displayName: string
  password: string
  role: Role
  stationId: string
  personId: string
}
const emptyDraft: Draft = { username: '', displayName: '', password: '', role: 'viewer', stationId: '', personId: '' }
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s))

const formFields: readonly FieldName[] = ['username', 'displayName', 'password', 'role', 'stationId', 'personId']

/** The new-account form: the scope field the chosen role needs, server errors next to their field. */
export function NewUserForm({ stations, onCreated }: { stations: StationChoice[]; onCreated: (row: UserRow) => void }) {
  const { t } = useI18n()
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | Error | null>(null)
  const target = scopeTarget[draft.role]
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const row = await createUser({
        username: draft.username.trim(),
        displayName: draft.displayName.trim(),
        password: draft.password,
        role: draft.role,
        stationId: target === 'station' ? numberOrNull(draft.stationId) : null,
        personId: target === 'person' ? numberOrNull(draft.personId) : null,
      })
      setDraft(emptyDraft)
      onCreated(row)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      setBusy(false)
    }
  }
  const invalid = (field: FieldName) => fieldError(t, error, field) !== null
  const hint = (field: FieldName) => {
    const text = fieldError(t, error, field)
    return text ? (
      <span className="field-error" role="alert" data-field={field}>
        {text}
      </span>
    ) : null
  }
  const general = generalError(t, error, formFields)

  return (
    <form className="user-form" onSubmit={submit} data-testid="new-user" noValidate>
      <h3>{t('newUser')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('username')}</span>
          <input name="username" autoComplete="off" value={draft.username} onChange={set('username')} aria-invalid={invalid('username')} />
          {hint('username')}
        </label>
        <label className="field">
          <span>{t('displayName')}</span>
          <input name="displayName" autoComplete="off" value={draft.displayName} onChange={set('displayName')} aria-invalid={invalid('displayName')} />
          {hint('displayName')}
        </label>
        <label className="field">
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="new-password" value={draft.password} onChange={set('password')} aria-invalid={invalid('password')} />
          {hint('password') ?? <span className="field-hint">{t('passwordHint')}</span>}
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select name="role" value={draft.role} onChange={set('role')} aria-invalid={invalid('role')}>
            {roleList.map((role) => (
              <option key={role} value={role}>
                {roleName(t, role)}
              </option>
            ))}
          </select>
          {hint('role')}
        </label>
        {target === 'station' && (
          <label className="field">
            <span>{stations.length > 0 ? t('station') : t('stationNumber')}</span>
            {stations.length > 0 ? (
              <select name="stationId" value={draft.stationId} onChange={set('stationId')} aria-invalid={invalid('stationId')}>
                <option value="">{t('chooseStation')}</option>
                {stations.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            ) : (
              <input name="stationId" inputMode="numeric" value={draft.stationId} onChange={set('stationId')} aria-invalid={invalid('stationId')} />
            )}
            {hint('stationId') ?? <span className="field-hint">{t('stationRequired')}</span>}
          </label>
        )}
        {target === 'person' && (
          <label className="field">
            <span>{t('personId')}</span>
            <input name="personId" inputMode="numeric" value={draft.personId} onChange={set('personId')} aria-invalid={invalid('personId')} />
            {hint('personId') ?? <span className="field-hint">{t('personIdHint')}</span>}
          </label>
        )}
      </div>
      {general && (
        <p className="form-error" role="alert">
          {general}
        </p>
      )}
      <button className="primary" type="submit" disabled={busy}>
        {t('create')}
      </button>
    </form>
  )
}
