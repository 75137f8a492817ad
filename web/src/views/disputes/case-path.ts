import { pages } from '../../router'

/**
 * The case on screen lives in the path (`/disputes/123`), so a case's page can be bookmarked or sent;
 * the map's position stays in the hash.
 */
export function caseIdInPath(pathname = window.location.pathname): number | null {
  const m = new RegExp(`^${pages.disputes}/(\\d+)$`).exec(pathname)
  return m ? Number(m[1]) : null
}

export function showCaseInPath(id: number | null) {
  const path = id === null ? pages.disputes : `${pages.disputes}/${id}`
  if (window.location.pathname !== path) window.history.replaceState(null, '', `${path}${window.location.search}${window.location.hash}`)
}
