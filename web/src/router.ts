import { useSyncExternalStore } from 'react'

/**
 * A pathname router: the server answers every non-API path with the app. The URL hash stays the map's
 * (`#zoom/lat/lng`), so pages are paths.
 */
export const pages = { overview: '/', coverage: '/coverage', planner: '/planner', disputes: '/disputes', exchange: '/exchange', audit: '/audit', users: '/users' } as const
export type Page = keyof typeof pages

const subscribe = (listener: () => void) => {
  window.addEventListener('popstate', listener)
  return () => window.removeEventListener('popstate', listener)
}

export function pageOf(pathname: string): Page {
  const found = (Object.entries(pages) as [Page, string][]).find(([, path]) => path !== '/' && (pathname === path || pathname.startsWith(`${path}/`)))
  return found ? found[0] : 'overview'
}

export const usePage = () => pageOf(useSyncExternalStore(subscribe, () => window.location.pathname))

/** Goes to a page (a new history entry; the map's hash is left behind). */
export function navigate(page: Page) {
  if (window.location.pathname === pages[page]) return
  window.history.pushState(null, '', pages[page])
  window.dispatchEvent(new PopStateEvent('popstate'))
}
