import type { DisputeDocument, DisputeDocumentKind, DisputeStatus, DisputeTimelineEntry } from '@gridwatch/server/contracts'
import { DISPUTE_DOCUMENT_MAX_BYTES, DISPUTE_DOCUMENT_TYPES } from '@gridwatch/server/constants'
import { ApiError } from '../../api/client'
import type { MessageKey } from '../../i18n/messages'

/** The server's limits on a case's papers, to check a file before sending it (from the zod-free constants). */
export const DOCUMENT_MAX_BYTES = DISPUTE_DOCUMENT_MAX_BYTES
export const DOCUMENT_TYPES = DISPUTE_DOCUMENT_TYPES
/** The file input's `accept`: the picker offers only what the server takes. */
export const DOCUMENT_ACCEPT = DOCUMENT_TYPES.join(',')

export const documentKindLabels = { agreement: 'dspDocKindAgreement', judicial_ruling: 'dspDocKindRuling', other: 'dspDocKindOther' } as const satisfies Record<DisputeDocumentKind, MessageKey>
export const documentKindList = Object.keys(documentKindLabels) as DisputeDocumentKind[]

/** Timeline entries the papers write; they do not move the case, so an open action form stays as typed. */
export const documentActionLabels: Record<string, MessageKey> = {
  'agreement attached': 'dspActAgreementAttached',
  'ruling attached': 'dspActRulingAttached',
  'document attached': 'dspActDocumentAttached',
  'document removed': 'dspActDocumentRemoved',
}

/** A file's size as people read it, in decimal units as the server's "10 MB": 171 KB, 1.2 MB, 10 MB. */
export function formatByteSize(bytes: number): string {
  const kb = Math.max(1, Math.round(bytes / 1000))
  if (kb < 1000) return `${kb} KB`
  const mb = bytes / 1_000_000
  return `${mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb)} MB`
}

/**
 * What the server would refuse in a file, said before its bytes travel: too large (413), empty, or a
 * type the browser knows is not a PDF, JPEG or PNG (422). The server still checks the content; an
 * unknown browser type (`''`) is left to it. The error has the server's shape, so it shows the same way.
 */
export function documentFileProblem(file: { size: number; type: string }): ApiError | null {
  if (file.size > DOCUMENT_MAX_BYTES) return new ApiError(413, 'too_large', `The file is larger than ${formatByteSize(DOCUMENT_MAX_BYTES)}`, 'file')
  if (file.size === 0) return new ApiError(400, 'invalid_input', 'The file is empty', 'file')
  if (file.type !== '' && !(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return new ApiError(422, 'invalid_input', 'Attach a PDF, JPEG or PNG', 'file')
  return null
}

/** Papers may be removed (attached by mistake) only while the case is being worked on; after that they are its record. */
export const documentsRemovable = (status: DisputeStatus) => status !== 'closed' && status !== 'evaluated' && status !== 'cancelled'
/** A cancelled case takes no papers; a closed one does (the court's ruling comes after closing). */
export const documentsAttachable = (status: DisputeStatus) => status !== 'cancelled'

/** The signed agreements attached to a case, newest first (the one a closing most likely means). */
export const agreementsOf = (documents: readonly DisputeDocument[] | null): DisputeDocument[] =>
  (documents ?? []).filter((d) => d.kind === 'agreement').sort((a, b) => b.id - a.id)

/** The paper an upload added: the case's documents after it, less those before (newest, should two land at once). */
export function addedDocument(before: readonly DisputeDocument[] | null, after: readonly DisputeDocument[] | null, kind: DisputeDocumentKind): DisputeDocument | null {
  const known = new Set((before ?? []).map((d) => d.id))
  return (after ?? []).filter((d) => d.kind === kind && !known.has(d.id)).sort((a, b) => b.id - a.id)[0] ?? null
}

/**
 * The steps that changed the case itself (its status, tier, outcome …), not its papers: an open
 * action form starts afresh when this changes, and keeps what was typed while papers come and go.
 */
export const lifecycleSteps = (timeline: readonly Pick<DisputeTimelineEntry, 'action'>[]) => timeline.filter((e) => !Object.hasOwn(documentActionLabels, e.action)).length
