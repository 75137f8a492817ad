import type { PlanDetail } from '@gridwatch/server/contracts'
import { useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { importPlanFile, type PlanImport } from '../../api/plans'
import { useI18n } from '../../i18n'
import { importErrorMessage } from './import-errors'

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'saving' | 'uploading'; file: string }
  | { phase: 'done'; file: string; result: PlanImport }
  | { phase: 'failed'; file: string; message: string; field: string | null }

export interface PlanImportInput {
  planId: number | null
  /** Saves pending edits and waits for them: the revision to import over, or null when the plan changed meanwhile. */
  settle: () => Promise<number | null>
  /** The draft as the import left it: the editor's next undo step. */
  adopt: (plan: PlanDetail) => void
  /** Reads the plan again (after a 409: someone saved meanwhile). */
  reload: () => void
}

/**
 * A boundary file imported into the open draft: pending edits are saved first, so the import goes over
 * the revision on screen; the server's answer (the draft as saved) becomes an undo step in the editor.
 */
export function usePlanImport({ planId, settle, adopt, reload }: PlanImportInput) {
  const { t } = useI18n()
  const [state, setState] = useState<ImportState>({ phase: 'idle' })
  const current = useRef(planId)
  current.current = planId
  useEffect(() => setState({ phase: 'idle' }), [planId])

  const run = async (file: File) => {
    const id = planId
    if (id === null) return
    const still = () => current.current === id
    setState({ phase: 'saving', file: file.name })
    try {
      const revision = await settle()
      if (!still()) return
      if (revision === null) throw new ApiError(409, 'conflict', 'reloaded', 'revision')
      setState({ phase: 'uploading', file: file.name })
      const result = await importPlanFile(id, revision, file)
      if (!still()) return
      adopt(result)
      setState({ phase: 'done', file: file.name, result })
    } catch (e) {
      if (!still()) return
      if (e instanceof ApiError && e.status === 409 && e.field === 'revision') reload()
      setState({ phase: 'failed', file: file.name, message: importErrorMessage(t, e, file.name), field: e instanceof ApiError ? e.field : null })
    }
  }

  return { state, busy: state.phase === 'saving' || state.phase === 'uploading', run, dismiss: () => setState({ phase: 'idle' }) }
}
