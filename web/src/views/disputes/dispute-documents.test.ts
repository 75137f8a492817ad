import type { DisputeDocument } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { addedDocument, agreementsOf, documentFileProblem, documentsAttachable, documentsRemovable, formatByteSize, lifecycleSteps } from './dispute-documents'

const createDocument = (id: number, kind: DisputeDocument['kind'] = 'agreement'): DisputeDocument => ({
  id,
  kind,
  fileName: `paper-${id}.pdf`,
  mediaType: 'application/pdf',
  byteSize: 1000,
  sha256: '0'.repeat(64),
  uploadedAt: '2026-06-10T06:00:00Z',
  uploadedBy: '李警官',
})

describe('a paper’s size', () => {
  it('reads in decimal KB below a megabyte and in MB above, as the server’s 10 MB limit does', () => {
    expect([0, 400, 1_499, 170_771, 999_400, 999_600, 1_234_567, 9_960_000, 10_000_000, 12_600_000].map(formatByteSize)).toEqual([
      '1 KB',
      '1 KB',
      '1 KB',
      '171 KB',
      '999 KB',
      '1 MB',
      '1.2 MB',
      '10 MB',
      '10 MB',
      '13 MB',
    ])
  })
})

describe('a file checked before it is sent', () => {
  it('refuses what the server would: larger than 10 MB (413), empty, or a type that is not a PDF, JPEG or PNG (422), on field `file`', () => {
    expect(documentFileProblem({ size: 10_000_001, type: 'application/pdf' })).toMatchObject({ status: 413, field: 'file' })
    expect(documentFileProblem({ size: 0, type: 'application/pdf' })).toMatchObject({ status: 400, field: 'file' })
    expect(documentFileProblem({ size: 5_000, type: 'application/msword' })).toMatchObject({ status: 422, field: 'file' })
  })

  it('lets through a PDF, JPEG or PNG of up to 10 MB, and a file the browser cannot type (the server reads its content)', () => {
    expect([
      documentFileProblem({ size: 10_000_000, type: 'application/pdf' }),
      documentFileProblem({ size: 1, type: 'image/jpeg' }),
      documentFileProblem({ size: 1, type: 'image/png' }),
      documentFileProblem({ size: 1, type: '' }),
    ]).toEqual([null, null, null, null])
  })
})

describe('what may be done with a case’s papers', () => {
  it('removes them only while the case is being worked on, and attaches them any time but once cancelled', () => {
    expect((['collected', 'handling', 'reported_back', 'closed', 'evaluated', 'cancelled'] as const).map((s) => [documentsRemovable(s), documentsAttachable(s)])).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [false, true],
      [false, true],
      [false, false],
    ])
  })

  it('offers the signed agreements to close on, newest first', () => {
    expect(agreementsOf([createDocument(3), createDocument(4, 'other'), createDocument(7), createDocument(5, 'judicial_ruling')]).map((d) => d.id)).toEqual([7, 3])
    expect(agreementsOf(null)).toEqual([])
  })

  it('finds the paper an upload added among the case’s papers after it', () => {
    const before = [createDocument(3), createDocument(4, 'other')]
    expect(addedDocument(before, [...before, createDocument(9)], 'agreement')?.id).toBe(9)
    expect(addedDocument(null, [createDocument(9)], 'agreement')?.id).toBe(9)
    expect(addedDocument(before, before, 'agreement')).toBeNull()
  })

  it('counts the steps of the case itself, not the papers coming and going (an open form keeps what was typed)', () => {
    const actions = ['collected', 'accepted', 'agreement attached', 'ruling attached', 'document attached', 'document removed', 'escalated to township', 'toString']
    expect(lifecycleSteps(actions.map((action) => ({ action })))).toBe(4)
  })
})
