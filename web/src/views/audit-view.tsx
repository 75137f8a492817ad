import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { auditExportUrl, listAudit, type AuditFilter, type AuditRow } from '../api/admin'
import { ApiError } from '../api/client'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'
import { roleName } from '../i18n/roles'

const PAGE = 100

/** The actions the server writes, offered as suggestions; prefixes ending in '.' match a family. */
const knownActions: [string, MessageKey][] = [
  ['auth.', 'actionAuthAll'],
  ['auth.login', 'actionLogin'],
  ['auth.login_failed', 'actionLoginFailed'],
  ['auth.locked', 'actionLocked'],
  ['auth.logout', 'actionLogout'],
  ['household.read', 'actionHouseholdRead'],
  ['dispute.parties.read', 'actionDisputeParties'],
  ['user.', 'actionUserAll'],
  ['user.create', 'actionUserCreate'],
  ['user.update', 'actionUserUpdate'],
  ['audit.export', 'actionAuditExport'],
]
const actionLabel = new Map(knownActions)

/** The first few subject ids, and how many more (a household read can name a hundred). */
const subjectList = (ids: string[] | null) => {
  const list = ids ?? []
  return list.length > 6 ? `${list.slice(0, 6).join(', ')} … (+${list.length - 6})` : list.join(', ')
}

interface Draft {
  username: string
  action: string
  from: string
  to: string
}
const emptyDraft: Draft = { username: '', action: '', from: '', to: '' }

/** Date inputs are local calendar days; the range ends at the start of the day after `to`. */
function toFilter(d: Draft): AuditFilter {
  const day = (value: string, plusDays = 0) => {
    if (!value) return undefined
    const date = new Date(`${value}T00:00:00`)
    date.setDate(date.getDate() + plusDays)
    return date.toISOString()
  }
  return { username: d.username.trim() || undefined, action: d.action.trim() || undefined, from: day(d.from), to: day(d.to, 1) }
}

/** The audit trail (admin): filters, newest first, page by page, and the same selection as CSV. */
export function AuditView() {
  const { t, locale } = useI18n()
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [filter, setFilter] = useState<AuditFilter>({})
  const [rows, setRows] = useState<AuditRow[]>([])
  const [next, setNext] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | Error | null>(null)

  const load = useCallback(async (f: AuditFilter, before?: number) => {
    setBusy(true)
    setError(null)
    try {
      const page = await listAudit(f, { limit: PAGE, before })
      setRows((current) => (before === undefined ? page.items : [...current, ...page.items]))
      setNext(page.next)
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)))
      // A refused filter shows no rows rather than the rows of the previous one.
      if (before === undefined) {
        setRows([])
        setNext(null)
      }
    } finally {
      setBusy(false)
    }
  }, [])

  useEffect(() => {
    void load(filter)
  }, [filter, load])

  const apply = (e: FormEvent) => {
    e.preventDefault()
    setFilter(toFilter(draft))
  }
  const time = (iso: string) => new Date(iso).toLocaleString(locale, { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
  const errorField = error instanceof ApiError ? error.field : null

  return (
    <main className="page" data-testid="audit-view">
      <div className="page-head">
        <h2>{t('auditTitle')}</h2>
        <a className="button" href={auditExportUrl(filter)} download data-testid="audit-export">
          {t('exportCsv')}
        </a>
      </div>
      <form className="filter-bar" onSubmit={apply} data-testid="audit-filter">
        <label className="field">
          <span>{t('filterUsername')}</span>
          <input name="username" value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} aria-invalid={errorField === 'username'} />
        </label>
        <label className="field">
          <span>{t('filterAction')}</span>
          <input name="action" list="audit-actions" value={draft.action} placeholder="auth." title={t('filterActionHint')} onChange={(e) => setDraft({ ...draft, action: e.target.value })} aria-invalid={errorField === 'action'} />
          <datalist id="audit-actions">
            {knownActions.map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('filterFrom')}</span>
          <input name="from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-invalid={errorField === 'from'} />
        </label>
        <label className="field">
          <span>{t('filterTo')}</span>
          <input name="to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-invalid={errorField === 'to'} />
        </label>
        <div className="filter-buttons">
          <button className="primary" type="submit" disabled={busy}>
            {t('search')}
          </button>
          <button
            type="button"
            onClick={() => {
              setDraft(emptyDraft)
              setFilter({})
            }}
          >
            {t('reset')}
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {t('errorRequestFailed', { message: error.message })}
        </p>
      )}
      <p className="muted" data-testid="audit-count">
        {t('entriesShown', { n: rows.length })}
      </p>
      <div className="table-wrap">
        <table className="data-table" data-testid="audit-table">
          <thead>
            <tr>
              <th>{t('colTime')}</th>
              <th>{t('colUser')}</th>
              <th>{t('colRole')}</th>
              <th>{t('colAction')}</th>
              <th>{t('colSubject')}</th>
              <th className="num">{t('colRows')}</th>
              <th>{t('colIp')}</th>
              <th>{t('colQuery')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const label = actionLabel.get(row.action)
              return (
                <tr key={row.id} data-action={row.action} data-username={row.username ?? ''} data-id={row.id}>
                  <td className="nowrap mono">{time(row.at)}</td>
                  <td>{row.username ?? '—'}</td>
                  <td>{row.role ? roleName(t, row.role) : '—'}</td>
                  <td className={`action action-${row.action.split('.')[0]}`}>
                    <span className="mono">{row.action}</span>
                    {label && <span className="action-label">{t(label)}</span>}
                  </td>
                  <td className="mono subject" title={row.detail ? JSON.stringify(row.detail) : undefined}>
                    {row.subjectType ? `${row.subjectType} ${subjectList(row.subjectIds)}` : '—'}
                  </td>
                  <td className="num">{row.rowCount}</td>
                  <td className="mono">{row.ip ?? '—'}</td>
                  <td className="mono query" title={row.userAgent ?? undefined}>
                    {row.query ?? '—'}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {!busy && rows.length === 0 && !error && <p className="notice">{t('noEntries')}</p>}
      {next !== null && (
        <button className="load-more" onClick={() => void load(filter, next)} disabled={busy} data-testid="audit-more">
          {busy ? t('working') : t('loadMore')}
        </button>
      )}
    </main>
  )
}
