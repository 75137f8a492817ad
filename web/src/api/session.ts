import type { Permission, SessionUser } from '@gridwatch/server/contracts'
import { useSyncExternalStore } from 'react'

/**
 * Who is signed in, as the server told us (`/api/auth/login`, `/api/auth/me`). The CSRF token lives here,
 * in memory only; the session itself is an HTTP-only cookie the page never sees.
 */
export type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: SessionUser; csrfToken: string }

let state: SessionState = { status: 'checking' }
const listeners = new Set<() => void>()

function set(next: SessionState) {
  state = next
  for (const listener of listeners) listener()
}

export const sessionStore = {
  get: () => state,
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  signedIn: (user: SessionUser, csrfToken: string) => set({ status: 'signed-in', user, csrfToken }),
  /** `expired`: the server ended the session (401 on a call), as opposed to signing out or never signing in. */
  signedOut: (expired = false) => set({ status: 'signed-out', expired }),
  csrfToken: () => (state.status === 'signed-in' ? state.csrfToken : null),
}

export const useSession = () => useSyncExternalStore(sessionStore.subscribe, sessionStore.get)

/** The permissions the server granted this session (it sends the role's list; the web app never recomputes it). */
export const hasPermission = (user: SessionUser, permission: Permission) => user.permissions.includes(permission)
