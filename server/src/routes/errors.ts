import type { Context } from 'hono'
import { routePath } from 'hono/route'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { InputError } from '../services/errors'
import { CoverageUnavailable } from '../spatial/coverage/grid-coverage'
import { errorFields, isDatabaseUnavailable, logEvent } from '../log'

/** The one error shape of the API: `{ error: { code, message, field? } }`, never a stack trace. */
export interface ApiError {
  error: { code: string; message: string; field?: string }
}

export const apiError = (c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) =>
  c.json<ApiError>({ error: { code, message, ...(field ? { field } : {}) } }, status)

export function onApiError(error: Error, c: Context) {
  if (error instanceof InputError) return apiError(c, error.status, error.code, error.message, error.field)
  if (error instanceof CoverageUnavailable) {
    logEvent('error', 'coverage not computed', { grids: error.gridCodes.join(',') })
    return apiError(c, 503, 'coverage_unavailable', error.message, 'grid')
  }
  if (error instanceof HTTPException) {
    // Hono's JSON body parser: malformed JSON names the body as the field at fault.
    if (error.status === 400 && /json/i.test(error.message)) return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON', 'body')
    return apiError(c, error.status as ContentfulStatusCode, 'http_error', error.message || 'Request failed')
  }
  if (isDatabaseUnavailable(error)) {
    // The drivers reconnect by themselves; the client may simply try again.
    logEvent('warn', 'database unavailable', { method: c.req.method, route: routePath(c, -1), ...errorFields(error) })
    c.header('Retry-After', '5')
    return apiError(c, 503, 'database_unavailable', 'The database is not reachable right now; try again in a few seconds')
  }
  logEvent('error', 'request failed', { method: c.req.method, route: routePath(c, -1), ...errorFields(error) })
  return apiError(c, 500, 'internal_error', 'Internal server error')
}
