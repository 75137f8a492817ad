import type { DirectoryPerson, DisputeCase } from '@gridwatch/server/contracts'
import { useState, type FormEvent, type ReactNode } from 'react'
import { openDispute } from '../../api/disputes'
import { useI18n } from '../../i18n'
import { disputeErrorText, errorField } from './dispute-format'
import { partyRoleLabels, riskLabels, riskList, typeLabels, typeList } from './dispute-labels'
import { emptyNewCase, emptyParty, newCaseRequest, type NewCaseDraft, type PartyDraft } from './new-case'

interface NewCaseFormProps {
  picked: { lon: number; lat: number } | null
  pickedGridName: string | null
  pickMode: boolean
  onPickMode: (on: boolean) => void
  mediators: DirectoryPerson[] | null
  onCreated: (created: DisputeCase) => void
}

/** Opening a case (disputes:manage): the place from a click on the map or an incident, type, risk, summary, parties, a mediator. */
export function NewCaseForm({ picked, pickedGridName, pickMode, onPickMode, mediators, onCreated }: NewCaseFormProps) {
  const { t } = useI18n()
  const [draft, setDraft] = useState<NewCaseDraft>(emptyNewCase)
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const set = <K extends keyof NewCaseDraft>(key: K, value: NewCaseDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const setParty = (i: number, change: Partial<PartyDraft>) => set('parties', draft.parties.map((p, j) => (j === i ? { ...p, ...change } : p)))
  const at = errorField(error)
  const fieldError = (...names: string[]) =>
    error && at && names.includes(at) ? (
      <span className="field-error" role="alert" data-error-field={at}>
        {disputeErrorText(t, error)}
      </span>
    ) : null
  const known = ['lon', 'lat', 'incidentId', 'type', 'risk', 'summary', 'parties', 'mediatorId']
  const general = error && !(at && known.includes(at)) ? disputeErrorText(t, error) : null

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const created = await openDispute(newCaseRequest(draft, picked))
      setDraft(emptyNewCase())
      onCreated(created)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      setBusy(false)
    }
  }
  const labelled = (label: string, control: ReactNode, errors: ReactNode = null) => (
    <label className="field">
      <span>{label}</span>
      {control}
      {errors}
    </label>
  )
  return (
    <form className="dsp-new" onSubmit={submit} noValidate data-testid="new-case-form">
      <div className="dsp-place" data-testid="new-case-place" data-picked={picked ? `${picked.lon},${picked.lat}` : ''}>
        <button type="button" aria-pressed={pickMode} data-testid="pick-on-map" onClick={() => onPickMode(!pickMode)}>
          {t('dspPickOnMap')}
        </button>
        <span className="small">
          {picked ? `${t('dspPickedAt', { lon: picked.lon.toFixed(5), lat: picked.lat.toFixed(5) })}${pickedGridName ? ` · ${t('dspPickedIn', { name: pickedGridName })}` : ''}` : t('dspPickHint')}
        </span>
        {fieldError('lon', 'lat')}
      </div>
      {labelled(t('dspFromIncident'), <input name="incidentId" inputMode="numeric" value={draft.incidentId} aria-invalid={at === 'incidentId'} onChange={(e) => set('incidentId', e.target.value)} placeholder={t('dspFromIncidentHint')} />, fieldError('incidentId'))}
      <div className="dsp-two">
        {labelled(
          t('dspFilterType'),
          <select name="type" value={draft.type} onChange={(e) => set('type', e.target.value as NewCaseDraft['type'])}>
            {typeList.map((v) => (
              <option key={v} value={v}>
                {t(typeLabels[v])}
              </option>
            ))}
          </select>,
        )}
        {labelled(
          t('dspFilterRisk'),
          <select name="risk" value={draft.risk} onChange={(e) => set('risk', e.target.value as NewCaseDraft['risk'])}>
            {riskList.map((v) => (
              <option key={v} value={v}>
                {t(riskLabels[v])}
              </option>
            ))}
          </select>,
        )}
      </div>
      {labelled(t('dspSummary'), <textarea name="summary" rows={3} value={draft.summary} aria-invalid={at === 'summary'} onChange={(e) => set('summary', e.target.value)} />, fieldError('summary'))}
      <fieldset className="dsp-party-rows" data-testid="party-rows">
        <legend>{t('dspParties')}</legend>
        {draft.parties.map((p, i) => (
          <div className="dsp-party-row" key={i} data-party={i}>
            <input name={`party-name-${i}`} placeholder={t('dspPartyName')} aria-label={t('dspPartyName')} value={p.name} onChange={(e) => setParty(i, { name: e.target.value })} />
            <input name={`party-phone-${i}`} placeholder={t('dspPartyPhone')} aria-label={t('dspPartyPhone')} inputMode="tel" value={p.phone} onChange={(e) => setParty(i, { phone: e.target.value })} />
            <select name={`party-role-${i}`} aria-label={t('dspPartyRole')} value={p.role} onChange={(e) => setParty(i, { role: e.target.value })}>
              {Object.entries(partyRoleLabels).map(([role, label]) => (
                <option key={role} value={role}>
                  {t(label)}
                </option>
              ))}
            </select>
            <button type="button" className="icon-button" aria-label={t('dspRemoveParty')} onClick={() => set('parties', draft.parties.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('parties', [...draft.parties, emptyParty('third_party')])}>
          {t('dspAddParty')}
        </button>
        {fieldError('parties')}
      </fieldset>
      {labelled(
        `${t('dspMediator')} ${t('dspOptional')}`,
        <select name="mediatorId" value={draft.mediatorId} onChange={(e) => set('mediatorId', e.target.value)}>
          <option value="">{t('dspNoMediator')}</option>
          {(mediators ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.organisation ? `${m.name} · ${m.organisation}` : m.name}
            </option>
          ))}
        </select>,
        fieldError('mediatorId'),
      )}
      {general && (
        <p className="form-error" role="alert" data-testid="new-case-error">
          {general}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {t('dspCreate')}
      </button>
    </form>
  )
}
