import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { DISPUTE_DOCUMENT_MAX_BYTES, type DISPUTE_DOCUMENT_TYPES, type DisputeDocument, type DisputeDocumentKind } from '../contracts/disputes'
import { queryRows, type Database } from '../db/client'
import { event, IllegalTransition, lockCase, type WorkflowContext } from './dispute-workflow'
import { InputError } from './errors'

type DocumentType = (typeof DISPUTE_DOCUMENT_TYPES)[number]

/** What the bytes are, by their signature: a renamed .exe is not a PDF however it is named. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  return null
}

/** The name as shown and offered on download: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-200)
}

const KIND_ACTIONS: Record<DisputeDocumentKind, string> = { agreement: 'agreement attached', judicial_ruling: 'ruling attached', other: 'document attached' }

/**
 * Attaches a signed paper to a case in scope, with a timeline entry. Refused on a cancelled case; the bytes
 * must be a PDF, JPEG or PNG of at most 10 MB.
 */
export async function attachDocument(tx: Database, ctx: WorkflowContext & { userId: number }, id: number, file: { name: string; bytes: Uint8Array; kind: DisputeDocumentKind }) {
  const current = await lockCase(tx, ctx, id)
  if (current.status === 'cancelled') throw new IllegalTransition(current.status, 'document attached', [], 'A cancelled case takes no documents')
  if (file.bytes.length === 0) throw new InputError('The file is empty', 'file')
  if (file.bytes.length > DISPUTE_DOCUMENT_MAX_BYTES) throw new InputError(`The file is larger than ${DISPUTE_DOCUMENT_MAX_BYTES / 1e6} MB`, 'file', 413)
  const mediaType = sniffDocumentType(file.bytes)
  if (!mediaType) throw new InputError('Attach a PDF, JPEG or PNG (a scan or photo of the signed paper)', 'file', 422)
  const fileName = cleanFileName(file.name) || `document.${mediaType.split('/')[1]}`
  const sha256 = createHash('sha256').update(file.bytes).digest('hex')
  const [row] = await queryRows<{ id: number }>(tx, sql`
    insert into dispute_documents (dispute_id, kind, file_name, media_type, byte_size, sha256, content, uploaded_by)
    values (${id}, ${file.kind}::dispute_document_kind, ${fileName}, ${mediaType}, ${file.bytes.length}, ${sha256},
            decode(${Buffer.from(file.bytes).toString('base64')}, 'base64'), ${ctx.userId})
    returning id`)
  await event(tx, ctx, id, KIND_ACTIONS[file.kind], current.status, current.status, fileName)
  return row!.id
}

/**
 * Removes a paper attached by mistake. Once a case is closed its papers are the record of how it ended:
 * they stay. A signed agreement a closing pointed at is never removed.
 */
export async function removeDocument(tx: Database, ctx: WorkflowContext, id: number, documentId: number) {
  const current = await lockCase(tx, ctx, id)
  if (['closed', 'evaluated'].includes(current.status)) throw new IllegalTransition(current.status, 'document removed', [], 'The papers of a closed case are its record: they stay')
  const [removed] = await queryRows<{ fileName: string }>(tx, sql`
    delete from dispute_documents where id = ${documentId} and dispute_id = ${id} returning file_name as "fileName"`)
  if (!removed) throw new InputError(`No document ${documentId} in dispute ${id}`, 'documentId', 404)
  await event(tx, ctx, id, 'document removed', current.status, current.status, removed.fileName)
}

/** The papers of a case, described (no bytes). Names may name parties: callers check disputes:parties. */
export const disputeDocuments = (db: Database, disputeId: number) =>
  queryRows<DisputeDocument>(db, sql`
    select d.id, d.kind::text as kind, d.file_name as "fileName", d.media_type as "mediaType", d.byte_size as "byteSize", d.sha256,
           to_char(d.uploaded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "uploadedAt", u.display_name as "uploadedBy"
    from dispute_documents d left join users u on u.id = d.uploaded_by
    where d.dispute_id = ${disputeId} order by d.id`)

/** One paper's bytes. Sensitive: callers check scope and disputes:parties, and audit the read. */
export async function documentContent(db: Database, disputeId: number, documentId: number) {
  const [row] = await queryRows<{ fileName: string; mediaType: DocumentType; content: string }>(db, sql`
    select file_name as "fileName", media_type as "mediaType", encode(content, 'base64') as content
    from dispute_documents where id = ${documentId} and dispute_id = ${disputeId}`)
  if (!row) throw new InputError(`No document ${documentId} in dispute ${disputeId}`, 'documentId', 404)
  return { fileName: row.fileName, mediaType: row.mediaType, bytes: Buffer.from(row.content, 'base64') }
}
