import type { Role, SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { createUser, listUsers, updateUser, type UserRow } from '../api/admin'
import { ApiError } from '../api/client'
import { loadStations, type StationChoice } from '../api/stations'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { roleList, roleName } from '../i18n/roles'

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

type FieldName = 'username' | 'displayName' | 'password' | 'role' | 'stationId' | 'personId'
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

/** The server's errors on user fields in the user's language (by field and status); others as the server wrote them. */
const knownErrors: Record<string, MessageKey> = {
  'username:409': 'errUsernameTaken',
  'username:400': 'errUsernameFormat',
  'password:400': 'errPasswordShort',
  'displayName:400': 'errDisplayName',
  'stationId:422': 'errStation',
  'stationId:400': 'errStation',
  'personId:422': 'errPerson',
  'personId:400': 'errPerson',
  'disabled:409': 'errSelf',
  'role:409': 'errSelf',
}
type Translate = ReturnType<typeof useI18n>['t']
const describe = (t: Translate, error: ApiError | Error) => {
  const key = error instanceof ApiError && error.field ? knownErrors[`${error.field}:${error.status}`] : undefined
  return key ? t(key) : error.message
}
/** A server error: next to the field it names, or above the form. */
const fieldError = (t: Translate, error: ApiError | Error | null, field: FieldName) => (error instanceof ApiError && error.field === field ? describe(t, error) : null)
const generalError = (t: Translate, error: ApiError | Error | null, fields: readonly string[]) =>
  error && !(error instanceof ApiError && error.field && fields.includes(error.field)) ? describe(t, error) : null
const formFields: readonly FieldName[] = ['username', 'displayName', 'password', 'role', 'stationId', 'personId']

/** User administration (admin): who has which role and scope, new accounts, disable, password reset. */
export function UsersView({ self }: { self: SessionUser }) {
  const { t, locale } = useI18n()
  const [users, setUsers] = useState<UserRow[] | null>(null)
  const [stations, setStations] = useState<StationChoice[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const reload = useCallback(async () => {
    try {
      setUsers(await listUsers())
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e))
    }
  }, [])
  useEffect(() => {
    void reload()
    loadStations().then(setStations, () => setStations([]))
  }, [reload])

  const stationName = (id: number | null) => (id === null ? '—' : (stations.find((s) => s.id === id)?.name ?? `#${id}`))
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale, { hour12: false, dateStyle: 'short', timeStyle: 'short' }) : t('never'))
  const changed = (row: UserRow, text: MessageKey) => {
    setUsers((list) => list?.map((u) => (u.id === row.id ? row : u)) ?? null)
    setMessage(t(text, { username: row.username }))
  }

  return (
    <main className="page" data-testid="users-view">
      <div className="page-head">
        <h2>{t('usersTitle')}</h2>
      </div>
      {message && (
        <p className="success" role="status">
          {message}
        </p>
      )}
      <NewUserForm
        stations={stations}
        onCreated={(row) => {
          setUsers((list) => [...(list ?? []), row].sort((a, b) => a.username.localeCompare(b.username)))
          setMessage(t('userCreated', { username: row.username }))
        }}
      />
      {loadError && <p className="form-error">{`${t('loadFailed')}: ${loadError}`}</p>}
      <div className="table-wrap">
        <table className="data-table" data-testid="users-table">
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{t('displayName')}</th>
              <th>{t('role')}</th>
              <th>{t('station')}</th>
              <th>{t('personId')}</th>
              <th>{t('status')}</th>
              <th>{t('lastSeen')}</th>
              <th>{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users?.map((user) => (
              <UserRowView key={user.id} user={user} isSelf={user.id === self.id} stationName={stationName(user.stationId)} lastSeen={time(user.lastSeenAt)} lockedUntil={user.lockedUntil && new Date(user.lockedUntil) > new Date() ? time(user.lockedUntil) : null} onChanged={(row) => changed(row, 'userUpdated')} />
            ))}
          </tbody>
        </table>
      </div>
    </main>
  )
}

function UserRowView(props: { user: UserRow; isSelf: boolean; stationName: string; lastSeen: string; lockedUntil: string | null; onChanged: (row: UserRow) => void }) {
  const { t } = useI18n()
  const { user } = props
  const [resetting, setResetting] = useState(false)
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | Error | null>(null)

  const change = async (body: Parameters<typeof updateUser>[1]) => {
    setBusy(true)
    setError(null)
    try {
      props.onChanged(await updateUser(user.id, body))
      setResetting(false)
      setPassword('')
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
    } finally {
      setBusy(false)
    }
  }
  const status = user.disabled ? t('statusDisabled') : props.lockedUntil ? t('statusLocked', { time: props.lockedUntil }) : t('statusActive')
  return (
    <tr data-username={user.username} className={user.disabled ? 'is-disabled' : undefined}>
      <td className="mono">
        {user.username}
        {props.isSelf ? t('you') : ''}
      </td>
      <td>{user.displayName}</td>
      <td>{roleName(t, user.role)}</td>
      <td>{props.stationName}</td>
      <td className="mono">{user.personId ?? '—'}</td>
      <td className={`status ${user.disabled ? 'status-disabled' : props.lockedUntil ? 'status-locked' : 'status-active'}`} data-testid="user-status">
        {status}
      </td>
      <td className="nowrap">{props.lastSeen}</td>
      <td className="row-actions">
        {!props.isSelf && (
          <button disabled={busy} onClick={() => void change({ disabled: !user.disabled })} data-action={user.disabled ? 'enable' : 'disable'}>
            {user.disabled ? t('enable') : t('disable')}
          </button>
        )}
        {resetting ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault()
              void change({ password })
            }}
          >
            <input type="password" autoComplete="new-password" aria-label={t('newPassword')} placeholder={t('newPassword')} value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={fieldError(t, error, 'password') !== null} />
            <button className="primary" type="submit" disabled={busy || password.length === 0}>
              {t('save')}
            </button>
            <button type="button" onClick={() => (setResetting(false), setPassword(''), setError(null))}>
              {t('cancel')}
            </button>
          </form>
        ) : (
          <button disabled={busy} onClick={() => setResetting(true)} data-action="reset-password">
            {t('resetPassword')}
          </button>
        )}
        {error && (
          <p className="form-error" role="alert">
            {describe(t, error)}
          </p>
        )}
      </td>
    </tr>
  )
}

function NewUserForm({ stations, onCreated }: { stations: StationChoice[]; onCreated: (row: UserRow) => void }) {
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
