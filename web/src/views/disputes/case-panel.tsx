import type { DirectoryPerson, DisputeCase, DisputeDetail } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { attachDisputeDocument, changeDisputeTier, followUpDispute, IllegalMoveError, moveDispute, recordJudicialAnswer } from '../../api/disputes'
import { useI18n } from '../../i18n'
import { countyDay } from '../wall/county-time'
import { ActionForm } from './action-form'
import { actionId, actionLabel, actionRequest, caseActions, emptyDraft, type ActionRequest } from './case-actions'
import { CaseDocuments } from './case-documents'
import { CaseFacts, CaseParties } from './case-facts'
import { CaseTimeline } from './case-timeline'
import { addedDocument, agreementsOf, lifecycleSteps } from './dispute-documents'
import { disputeErrorText } from './dispute-format'
import { typeLabels } from './dispute-labels'

const DAY_MS = 86_400_000

function send(id: number, request: ActionRequest): Promise<DisputeCase> {
  if (request.call === 'move') return moveDispute(id, request.body)
  if (request.call === 'tier') return changeDisputeTier(id, request.direction, request.reason)
  if (request.call === 'judicial') return recordJudicialAnswer(id, request.body)
  return followUpDispute(id, request.body)
}

/**
 * What can be done with the case now (roles with `disputes:manage`): one button per move the server
 * says is allowed, each opening the form with the fields that move needs. A move the lifecycle refuses
 * (someone moved the case meanwhile) is said above the buttons, which follow the case as read again.
 */
function CaseActions({ detail, mediators, onStep, onStale }: { detail: DisputeDetail; mediators: DirectoryPerson[] | null; onStep: (after: DisputeCase) => void; onStale: () => void }) {
  const { t } = useI18n()
  const [open, setOpen] = useState<string | null>(null)
  /** A move refused because the case moved on elsewhere: said here while the case is read again. */
  const [conflict, setConflict] = useState<string | null>(null)
  const actions = caseActions(detail.moves, { scheduled: detail.followUpOn !== null, done: detail.followedUpOn !== null })
  const chosen = actions.find((a) => actionId(a) === open) ?? null
  const now = new Date()
  const agreements = detail.documents === null ? null : agreementsOf(detail.documents)
  /** The close form's upload: the case follows at once (its papers), the form stays open to close on it. */
  const attachAgreement = async (file: File) => {
    const after = await attachDisputeDocument(detail.id, 'agreement', file)
    onStep(after)
    const attached = addedDocument(detail.documents, after.documents, 'agreement')
    if (!attached) throw new Error('The upload was answered without the new document')
    return attached
  }
  const refused = conflict && (
    <p className="form-error" role="alert" data-testid="action-error">
      {conflict}
    </p>
  )
  if (actions.length === 0) return <>{refused}<p className="small" data-testid="no-actions">{t('dspNoActions')}</p></>
  return (
    <>
      {refused}
      <div className="dsp-actions" data-testid="dispute-actions">
        {actions.map((a) => (
          <button key={actionId(a)} data-action={actionId(a)} aria-pressed={open === actionId(a)} className={a.kind === 'move' && a.to !== 'cancelled' ? 'primary' : ''} onClick={() => (setConflict(null), setOpen(open === actionId(a) ? null : actionId(a)))}>
            {t(actionLabel(a, detail.status))}
          </button>
        ))}
      </div>
      {chosen && (
        <ActionForm
          // A new form (and a clean draft) per action and per state of the case; papers coming and going keep it as typed.
          key={`${actionId(chosen)}:${lifecycleSteps(detail.timeline)}`}
          action={chosen}
          status={detail.status}
          initial={emptyDraft(countyDay(now), countyDay(new Date(now.getTime() + 15 * DAY_MS)), detail.mediator?.id ?? null, agreements?.[0]?.id ?? null)}
          mediators={mediators}
          agreements={agreements}
          onAttachAgreement={attachAgreement}
          onCancel={() => setOpen(null)}
          onSubmit={async (draft) => {
            try {
              const after = await send(detail.id, actionRequest(chosen, draft))
              setOpen(null)
              onStep(after)
            } catch (error) {
              if (!(error instanceof IllegalMoveError)) throw error
              setConflict(disputeErrorText(t, error))
              setOpen(null)
              onStale()
            }
          }}
        />
      )}
    </>
  )
}

/** One case: what it is about, who is involved (when the role may see it), every step so far, and what comes next. */
interface CasePanelProps {
  detail: DisputeDetail | null
  error: string | null
  canManage: boolean
  mediators: DirectoryPerson[] | null
  onStep: (after: DisputeCase) => void
  /** The case moved on elsewhere (a refused move): read it again. */
  onStale: () => void
  now: number
}

export function CasePanel({ detail, error, canManage, mediators, onStep, onStale, now }: CasePanelProps) {
  const { t } = useI18n()
  if (!detail) return <p className={error ? 'form-error' : 'muted'}>{error ? `${t('loadFailed')}: ${error}` : t('working')}</p>
  return (
    <article className="dsp-case" data-testid="dispute-case" data-dispute-id={detail.id} data-status={detail.status} data-tier={detail.tier}>
      <h3 className="dsp-case-title">
        {t(typeLabels[detail.type])} <span className="mono small">{detail.code}</span>
      </h3>
      <CaseFacts detail={detail} now={now} />
      <h4>{t('dspParties')}</h4>
      <CaseParties detail={detail} />
      {detail.documents !== null && (
        <>
          <h4>{t('dspDocuments')}</h4>
          <CaseDocuments key={detail.id} caseId={detail.id} status={detail.status} documents={detail.documents} canManage={canManage} onChanged={onStep} onStale={onStale} />
        </>
      )}
      {canManage && (
        <>
          <h4>{t('dspActions')}</h4>
          <CaseActions key={detail.id} detail={detail} mediators={mediators} onStep={onStep} onStale={onStale} />
        </>
      )}
      <h4>{t('dspTimeline')}</h4>
      <CaseTimeline timeline={detail.timeline} />
    </article>
  )
}
