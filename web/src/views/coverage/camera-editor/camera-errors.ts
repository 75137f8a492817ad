import type { MessageKey } from '../../../i18n/messages'
import { numericFields, type CameraDraft, type DraftField } from './camera-draft'

/** An API error as the client sees it (`ApiError`): the status, the server's code, the field it names. */
export interface ApiProblem {
  status: number
  code: string
  field: string | null
  message: string
}

/** Where a problem is shown: next to a field of the form, or above its buttons (field null). */
export interface CameraProblem {
  field: DraftField | 'position' | null
  text: string
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

const labelKeys: Partial<Record<DraftField, MessageKey>> = { bearing: 'bearing', fov: 'fov', rangeM: 'rangeM', heightM: 'heightM' }
const isNumeric = (field: string): field is (typeof numericFields)[number] => (numericFields as readonly string[]).includes(field)

/**
 * The server's errors (English, naming a field) said in the user's language, next to the field they
 * concern. The limits are read from the server's own message ("bearing must be 0–360°"), so the
 * contract stays the one place that sets them; an error not recognised keeps the server's words.
 */
export function cameraProblemOf(e: ApiProblem, draft: CameraDraft, t: Translate): CameraProblem {
  const field = e.field
  if (e.status === 403) return { field: null, text: t('camErrorForbidden') }
  if (e.status === 404) return { field: null, text: t('camErrorNotFound') }
  if (field === 'code' && e.status === 409) return { field: 'code', text: t('camErrorCodeTaken', { code: draft.code.trim() }) }
  if (field === 'stationId') return { field: 'stationId', text: t('camErrorOwnStation') }
  if (field === 'lon' || field === 'lat') return { field: 'position', text: t('camErrorPosition') }
  if (field === 'code' || field === 'name') return { field, text: /required/i.test(e.message) ? t('camErrorRequired') : t('camErrorTooLong') }
  if (field !== null && isNumeric(field)) {
    const range = /(\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)/.exec(e.message)
    if (!range) return { field, text: t('camErrorNumber') }
    const unit = field === 'bearing' || field === 'fov' ? t('camUnitDegrees') : t('camUnitMetres')
    return { field, text: t('camErrorRange', { label: t(labelKeys[field]!), min: range[1]!, max: range[2]!, unit }) }
  }
  if (field === 'installedOn') return { field, text: t('camErrorDate') }
  if (field === 'kind' || field === 'status' || field === 'owner') return { field, text: t('camErrorChoice') }
  return { field: null, text: e.message }
}
