import { api, readOk, type OkBody } from './client'
import { sessionStore } from './session'

/** A demo account offered on the sign-in page (the server sends its display name too, beyond its declared type). */
export type DemoAccount = OkBody<Awaited<ReturnType<typeof api.api.auth.config.$get>>>['demoAccounts'][number] & { displayName?: string }

/** Public: is this a demo install, and which accounts does the sign-in page offer. */
export async function loadAuthConfig(): Promise<{ demo: boolean; demoAccounts: DemoAccount[] }> {
  return readOk(await api.api.auth.config.$get())
}

/** Asks the server whether the cookie still holds a session (page load, reload). */
export async function restoreSession() {
  const response = await api.api.auth.me.$get()
  if (response.status === 401) return sessionStore.signedOut(false)
  const { user, csrfToken } = await readOk(response)
  sessionStore.signedIn(user, csrfToken)
}

/**
 * Asks whether the session is still alive; if the server ended it (expiry, password reset, account
 * disabled), the 401 takes the app back to the sign-in screen.
 */
export async function checkSession() {
  await api.api.auth.me.$get()
}

/** Signs in; throws the server's ApiError (invalid_credentials, locked with retryAfterS, rate_limited …). */
export async function signIn(username: string, password: string) {
  const response = await api.api.auth.login.$post({ json: { username, password } })
  const { user, csrfToken } = await readOk(response)
  sessionStore.signedIn(user, csrfToken)
}

/** Ends the session on the server, then forgets it here whatever the answer. */
export async function signOut() {
  try {
    await api.api.auth.logout.$post()
  } finally {
    sessionStore.signedOut(false)
  }
}
