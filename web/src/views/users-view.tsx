import type { SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useState } from 'react'
import { listUsers, updateUser, type UserRow } from '../api/admin'
import { ApiError } from '../api/client'
import { loadStations, type StationChoice } from '../api/stations'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { roleName } from '../i18n/roles'
import { NewUserForm } from './new-user-form'
import { describe, fieldError } from './user-errors'

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
