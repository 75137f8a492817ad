import type { Permission, SessionUser } from '@gridwatch/server/contracts'
import { useEffect, useState, type ReactNode } from 'react'
import { checkSession, restoreSession, signOut } from './api/auth'
import { hasPermission, useSession } from './api/session'
import { HeaderSlot } from './header-slot'
import { useI18n } from './i18n'
import type { MessageKey } from './i18n/messages'
import { roleLabels } from './i18n/roles'
import { navigate, pages, usePage, type Page } from './router'
import { AuditView } from './views/audit-view'
import { CoverageView } from './views/coverage/coverage-view'
import { DisputesView } from './views/disputes/disputes-view'
import { ExchangeView } from './views/exchange/exchange-view'
import { PlannerView } from './views/planner/planner-view'
import { SignInView } from './views/sign-in-view'
import { UsersView } from './views/users-view'
import { WallView } from './views/wall/wall-view'

/** Which pages the navigation offers, and the permission each needs (none: everyone signed in). */
const navItems: { page: Page; label: MessageKey; needs: Permission | null }[] = [
  { page: 'overview', label: 'navOverview', needs: null },
  { page: 'coverage', label: 'navCoverage', needs: 'cameras:read' },
  { page: 'planner', label: 'navPlanner', needs: 'grids:plan' },
  { page: 'disputes', label: 'navDisputes', needs: 'disputes:read' },
  { page: 'exchange', label: 'navExchange', needs: 'exchange:manage' },
  { page: 'audit', label: 'navAudit', needs: 'audit:read' },
  { page: 'users', label: 'navUsers', needs: 'users:manage' },
]

/** Signed in: the shell and the page; otherwise the sign-in screen. */
export function App() {
  const session = useSession()
  useEffect(() => {
    restoreSession().catch(() => {})
  }, [])
  if (session.status === 'checking') return <div className="app" aria-busy="true" />
  if (session.status === 'signed-out') return <SignInView expired={session.expired} />
  // A new session (another user, or the same after expiry) starts every page afresh.
  return <Shell key={session.csrfToken} user={session.user} />
}

/** How often an open screen (a wall map nobody touches) asks whether its session still holds. */
const SESSION_CHECK_MS = 5 * 60_000

function Shell({ user }: { user: SessionUser }) {
  const { t, toggle } = useI18n()
  const page = usePage()
  const [slot, setSlot] = useState<HTMLElement | null>(null)
  useEffect(() => {
    const check = () => {
      if (document.visibilityState === 'visible') checkSession().catch(() => {})
    }
    const timer = window.setInterval(check, SESSION_CHECK_MS)
    window.addEventListener('focus', check)
    document.addEventListener('visibilitychange', check)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', check)
      document.removeEventListener('visibilitychange', check)
    }
  }, [])
  const allowed = (needs: Permission | null) => needs === null || hasPermission(user, needs)
  const current = navItems.find((n) => n.page === page)!
  return (
    <HeaderSlot.Provider value={slot}>
      <div className="app">
        <header className="topbar">
          <h1>{t('appTitle')}</h1>
          <nav className="nav" aria-label={t('mainNav')}>
            {navItems.filter((n) => allowed(n.needs)).map((n) => (
              <a
                key={n.page}
                href={pages[n.page]}
                data-nav={n.page}
                aria-current={n.page === page ? 'page' : undefined}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return
                  e.preventDefault()
                  navigate(n.page)
                }}
              >
                {t(n.label)}
              </a>
            ))}
          </nav>
          <div className="header-slot" ref={setSlot} />
          <div className="who" data-testid="who">
            <span className="who-name">{user.displayName}</span>
            <span className="who-role" data-role={user.role}>
              {t(roleLabels[user.role])}
              {user.station ? ` · ${user.station.name}` : ''}
            </span>
          </div>
          <div className="header-buttons">
            <button className="lang" onClick={toggle}>
              {t('language')}
            </button>
            <button className="lang" data-testid="sign-out" onClick={() => void signOut()}>
              {t('signOut')}
            </button>
          </div>
        </header>
        {allowed(current.needs) ? <PageBody page={page} user={user} /> : <Notice text={t('noAccess')} />}
      </div>
    </HeaderSlot.Provider>
  )
}

function PageBody({ page, user }: { page: Page; user: SessionUser }) {
  if (page === 'audit') return <AuditView />
  if (page === 'users') return <UsersView self={user} />
  if (page === 'coverage') return <CoverageView user={user} />
  if (page === 'planner') return <PlannerView />
  if (page === 'disputes') return <DisputesView user={user} />
  if (page === 'exchange') return <ExchangeView />
  return <WallView user={user} />
}

function Notice({ text }: { text: ReactNode }) {
  return (
    <main className="page">
      <p className="notice">{text}</p>
    </main>
  )
}
