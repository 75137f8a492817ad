import type { DirectoryPerson, DisputeDocument, DisputeStatus } from '@gridwatch/server/contracts'
import { useState, type FormEvent, type ReactNode } from 'react'
import { useI18n } from '../../i18n'
import { agreementDocumentFields } from './agreement-source'
import { actionId, actionLabel, type ActionDraft, type CaseAction } from './case-actions'
import { documentFileProblem, formatByteSize } from './dispute-documents'
import { disputeErrorText, errorField } from './dispute-format'
import { outcomeLabels } from './dispute-labels'

interface ActionFormProps {
  action: CaseAction
  status: DisputeStatus
  initial: ActionDraft
  mediators: DirectoryPerson[] | null
  /** The case's signed agreements, newest first, to close on; null for a role that may not read papers. */
  agreements: DisputeDocument[] | null
  /** Uploads a signed agreement to the case and answers the paper as attached. */
  onAttachAgreement: (file: File) => Promise<DisputeDocument>
  /** Sends the form; rejects with the server's error, shown here. */
  onSubmit: (draft: ActionDraft) => Promise<void>
  onCancel: () => void
}

/** The fields one action needs — closing its outcome, evaluating its rating, a tier change its reason — and the server's answer next to them. */
export function ActionForm({ action, status, initial, mediators, agreements, onAttachAgreement, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useI18n()
  const [draft, setDraft] = useState(initial)
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  /** A signed agreement chosen here: uploaded first when the form is sent, then the case closes on it. */
  const [agreementFile, setAgreementFile] = useState<File | null>(null)
  const [uploading, setUploading] = useState(false)
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const to = action.kind === 'move' ? action.to : null
  const closingOnAgreement = to === 'closed' && draft.outcome === 'agreement' && agreements !== null
  const chooseFile = (file: File | null) => {
    const problem = file && documentFileProblem(file)
    setError(problem)
    setAgreementFile(problem ? null : file)
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      let ready = draft
      if (closingOnAgreement && agreementFile) {
        setUploading(true)
        const attached = await onAttachAgreement(agreementFile)
        // Attached now: should closing fail, sending again closes on it instead of uploading it twice.
        ready = { ...draft, agreementDocumentId: String(attached.id) }
        setDraft(ready)
        setAgreementFile(null)
        setUploading(false)
      }
      await onSubmit(ready)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
      setUploading(false)
      setBusy(false)
    }
  }
  const at = errorField(error)
  const shown = new Set<string>()
  /** A labelled field; the server's error on it goes right under it. */
  const field = (name: string, label: string, control: ReactNode, wrapper: 'label' | 'div' = 'label') => {
    shown.add(name)
    const Wrapper = wrapper
    return (
      <Wrapper className="field" data-field={name}>
        <span>{label}</span>
        {control}
        {at === name && error && (
          <span className="field-error" role="alert">
            {disputeErrorText(t, error)}
          </span>
        )}
      </Wrapper>
    )
  }
  const textArea = (name: 'note' | 'agreement' | 'reason', label: string) =>
    field(name, label, <textarea name={name} rows={2} value={draft[name]} aria-invalid={at === name} onChange={(e) => set(name, e.target.value)} />)
  const date = (name: 'judicialRequestedOn' | 'on' | 'scheduleOn' | 'visitedOn', label: string) =>
    field(name, label, <input type="date" name={name} value={draft[name]} aria-invalid={at === name} onChange={(e) => set(name, e.target.value)} />)

  const fields: ReactNode[] = []
  if (to === 'dispatched')
    fields.push(
      field(
        'mediatorId',
        t('dspMediator'),
        <select name="mediatorId" value={draft.mediatorId} onChange={(e) => set('mediatorId', e.target.value)}>
          <option value="">{t('dspNoMediator')}</option>
          {(mediators ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.organisation ? `${m.name} · ${m.organisation}` : m.name}
            </option>
          ))}
        </select>,
      ),
    )
  if (to === 'closed') {
    fields.push(
      field(
        'outcome',
        t('dspOutcome'),
        <span className="segmented" role="radiogroup">
          {(['agreement', 'failed_litigation'] as const).map((o) => (
            <button type="button" key={o} role="radio" aria-checked={draft.outcome === o} aria-pressed={draft.outcome === o} data-outcome={o} onClick={() => set('outcome', o)}>
              {t(outcomeLabels[o])}
            </button>
          ))}
        </span>,
      ),
    )
    if (closingOnAgreement)
      fields.push(
        <p className="small" data-testid="agreement-hint">
          {t('dspAgreementNeedsOne')}
        </p>,
      )
    if (draft.outcome === 'agreement') fields.push(textArea('agreement', t('dspAgreement')))
    if (closingOnAgreement) {
      const documentFields = { agreements, chosenId: draft.agreementDocumentId, onChoose: (id: string) => set('agreementDocumentId', id), pendingFile: agreementFile, onFile: chooseFile }
      fields.push(agreementDocumentFields({ t, ...documentFields, busy, field, invalid: (name) => at === name }))
    }
    if (draft.outcome === 'agreement') fields.push(date('judicialRequestedOn', `${t('dspJudicialRequested')} ${t('dspOptional')}`))
    fields.push(
      <label className="dsp-check" key="criminal">
        <input type="checkbox" name="turnedCriminal" checked={draft.turnedCriminal} onChange={(e) => set('turnedCriminal', e.target.checked)} />
        <span>{t('dspTurnedCriminalQ')}</span>
      </label>,
    )
  }
  if (to === 'evaluated')
    fields.push(
      field(
        'rating',
        t('dspRating'),
        <span className="segmented dsp-rating" role="radiogroup">
          {[1, 2, 3, 4, 5].map((n) => (
            <button type="button" key={n} role="radio" aria-checked={draft.rating === n} aria-pressed={draft.rating === n} data-rating={n} title={t('dspRatingStars', { n })} onClick={() => set('rating', n)}>
              {'★'.repeat(n)}
            </button>
          ))}
        </span>,
      ),
    )
  if (action.kind === 'escalate' || action.kind === 'deescalate') fields.push(textArea('reason', t('dspReason')))
  if (action.kind === 'judicial') {
    fields.push(
      field(
        'granted',
        t('dspJudicialAnswer'),
        <span className="segmented" role="radiogroup">
          {[true, false].map((g) => (
            <button type="button" key={String(g)} role="radio" aria-checked={draft.granted === g} aria-pressed={draft.granted === g} data-granted={g} onClick={() => set('granted', g)}>
              {t(g ? 'dspGranted' : 'dspRefused')}
            </button>
          ))}
        </span>,
      ),
      date('on', t('dspDate')),
    )
  }
  if (action.kind === 'schedule') fields.push(date('scheduleOn', t('dspFollowUpOn')))
  if (action.kind === 'visit') fields.push(date('visitedOn', t('dspVisitedOn')), textArea('note', t('dspFollowUpFinding')))
  else if (action.kind !== 'escalate' && action.kind !== 'deescalate' && action.kind !== 'schedule') fields.push(textArea('note', `${t('dspNote')} ${t('dspOptional')}`))

  const general = error && !(at && shown.has(at)) ? disputeErrorText(t, error) : null
  return (
    <form className="dsp-action-form" onSubmit={submit} noValidate data-testid="action-form" data-action={actionId(action)}>
      <h4>{t(actionLabel(action, status))}</h4>
      {fields.map((f, i) => (
        <div key={i}>{f}</div>
      ))}
      {uploading && agreementFile && (
        <p className="dsp-uploading" role="status">
          <progress />
          {t('dspDocUploading', { name: agreementFile.name, size: formatByteSize(agreementFile.size) })}
        </p>
      )}
      {general && (
        <p className="form-error" role="alert" data-testid="action-error">
          {general}
        </p>
      )}
      <div className="row-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('dspSubmit')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  )
}
