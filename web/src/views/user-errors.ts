import { ApiError } from '../api/client'
import { useI18n } from '../i18n'
import type { MessageKey } from '../i18n/messages'

export type FieldName = 'username' | 'displayName' | 'password' | 'role' | 'stationId' | 'personId'

/** The server's errors on user fields in the user's language (by field and status); others as the server wrote them. */
const knownErrors: Record<string, MessageKey> = {
  'username:409': 'errUsernameTaken',
  'username:400': 'errUsernameFormat',
  'password:400': 'errPasswordShort',
  'displayName:400': 'errDisplayName',
  'stationId:422': 'errStation',
  'stationId:400': 'errStation',
  'personId:422': 'errPerson',
  'personId:400': 'errPerson',
  'disabled:409': 'errSelf',
  'role:409': 'errSelf',
}
type Translate = ReturnType<typeof useI18n>['t']
export const describe = (t: Translate, error: ApiError | Error) => {
  const key = error instanceof ApiError && error.field ? knownErrors[`${error.field}:${error.status}`] : undefined
  return key ? t(key) : error.message
}
/** A server error: next to the field it names, or above the form. */
export const fieldError = (t: Translate, error: ApiError | Error | null, field: FieldName) => (error instanceof ApiError && error.field === field ? describe(t, error) : null)
export const generalError = (t: Translate, error: ApiError | Error | null, fields: readonly string[]) =>
  error && !(error instanceof ApiError && error.field && fields.includes(error.field)) ? describe(t, error) : null

/** User administration (admin): who has which role and scope, new accounts, disable, password reset. */
