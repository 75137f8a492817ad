import { ApiError } from '../../api/client'
import type { MessageKey } from '../../i18n/messages'

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

/** `features.3.geometry.coordinates.0` (the reader) or `grids.features.3.properties.name` (the save): the feature and the part at fault. */
const featureField = /^(?:grids\.)?features\.(\d+)\.(?:properties\.)?(.+)$/

/**
 * Why an import failed, in the reader's language: a sentence naming the problem (the feature and its
 * field, the file, the limit), with the server's own words after it for the detail.
 */
export function importErrorMessage(t: Translate, error: unknown, fileName: string): string {
  if (!(error instanceof ApiError)) return t('planImportFailed', { message: error instanceof Error ? error.message : String(error) })
  const { status, field, message } = error
  if (status === 409 && field === 'revision') return t('planImportConflict')
  if (status === 409 && field === 'id') return t('planImportNotDraft', { message })
  if (status === 413) return t('planImportTooLarge', { message })
  const feature = field ? featureField.exec(field) : null
  if (feature) return t('planImportFeature', { n: Number(feature[1]) + 1, field: feature[2]!, message })
  if (field === 'features') return t('planImportTooMany', { message })
  if (field === 'file' && status === 422 && /no polygon/i.test(message)) return t('planImportNoPolygon', { file: fileName })
  if (field === 'file') return t('planImportUnreadable', { file: fileName, message })
  return t('planImportFailed', { message: field ? `${field}: ${message}` : message })
}
