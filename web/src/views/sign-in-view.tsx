import { useEffect, useRef, useState, type FormEvent } from 'react'
import { loadAuthConfig, signIn, type DemoAccount } from '../api/auth'
import { ApiError } from '../api/client'
import { useI18n } from '../i18n'
import { roleName } from '../i18n/roles'

/** The error under the form, in words the user can act on (with the wait from Retry-After). */
function describeError(error: unknown, t: ReturnType<typeof useI18n>['t']) {
  if (error instanceof ApiError) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterS ?? 60) / 60))
    if (error.code === 'invalid_credentials') return t('errorInvalidCredentials')
    if (error.code === 'locked') return t('errorLocked', { minutes })
    if (error.code === 'rate_limited') return t('errorRateLimited', { minutes })
    return t('errorRequestFailed', { message: error.message })
  }
  return t('errorRequestFailed', { message: error instanceof Error ? error.message : String(error) })
}

/** Sign-in: username and password; in demo mode the demo accounts, one click fills the form. */
export function SignInView({ expired }: { expired: boolean }) {
  const { t, toggle } = useI18n()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [demo, setDemo] = useState<DemoAccount[]>([])
  const passwordRef = useRef<HTMLInputElement>(null)
  const errorSource = useRef<unknown>(null)

  useEffect(() => {
    loadAuthConfig()
      .then((config) => setDemo(config.demo ? config.demoAccounts : []))
      .catch(() => setDemo([]))
  }, [])
  // Re-word a shown error when the language changes.
  useEffect(() => {
    if (errorSource.current !== null) setError(describeError(errorSource.current, t))
  }, [t])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    errorSource.current = null
    try {
      await signIn(username.trim(), password)
    } catch (err) {
      errorSource.current = err
      setError(describeError(err, t))
      setPassword('')
      passwordRef.current?.focus()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="signin-screen">
      <button className="lang signin-lang" onClick={toggle}>
        {t('language')}
      </button>
      <main className="signin-layout">
        <form className="signin-card" onSubmit={submit} data-testid="sign-in" noValidate>
          <h1>{t('appTitle')}</h1>
          <h2>{t('signInTitle')}</h2>
          {expired && <p className="signin-note" role="status">{t('sessionEnded')}</p>}
          <label className="field">
            <span>{t('username')}</span>
            <input name="username" autoComplete="username" autoFocus required value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('password')}</span>
            <input ref={passwordRef} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="form-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
          <button className="primary" type="submit" disabled={busy || !username.trim() || !password}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
          <p className="signin-lead">{t('signInLead')}</p>
        </form>
        {demo.length > 0 && (
          <section className="demo-card" aria-labelledby="demo-title" data-testid="demo-accounts">
            <h2 id="demo-title">{t('demoAccounts')}</h2>
            <p className="muted">{t('demoHint')}<code className="mono nowrap">{demo[0]!.password}</code></p>
            <ul>
              {demo.map((account) => (
                <li key={account.username}>
                  <button
                    type="button"
                    data-username={account.username}
                    onClick={() => {
                      setUsername(account.username)
                      setPassword(account.password)
                      setError(null)
                      errorSource.current = null
                    }}
                  >
                    <span className="demo-role">{roleName(t, account.role)}</span>
                    <span className="demo-name">{account.displayName ?? account.username}</span>
                    <span className="demo-user mono">{account.username}</span>
                  </button>
                </li>
              ))}
            </ul>
            <p className="warning">{t('demoWarning')}</p>
          </section>
        )}
      </main>
    </div>
  )
}
