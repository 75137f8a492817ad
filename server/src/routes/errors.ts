import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { InputError } from '../services/errors'

/** The one error shape of the API: `{ error: { code, message, field? } }`, never a stack trace. */
export interface ApiError {
  error: { code: string; message: string; field?: string }
}

export const apiError = (c: Context, status: ContentfulStatusCode, code: string, message: string, field?: string) =>
  c.json<ApiError>({ error: { code, message, ...(field ? { field } : {}) } }, status)

export function onApiError(error: Error, c: Context) {
  if (error instanceof InputError) return apiError(c, error.status, error.code, error.message, error.field)
  if (error instanceof HTTPException) {
    // Hono's JSON body parser: malformed JSON names the body as the field at fault.
    if (error.status === 400 && /json/i.test(error.message)) return apiError(c, 400, 'invalid_json', 'The request body is not valid JSON', 'body')
    return apiError(c, error.status as ContentfulStatusCode, 'http_error', error.message || 'Request failed')
  }
  console.error(`[api] ${c.req.method} ${c.req.path} failed: ${error.message}`)
  return apiError(c, 500, 'internal_error', 'Internal server error')
}
