import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import { incidentSources } from '@gridwatch/data'
import { useState, type FormEvent, type ReactNode } from 'react'
import { ApiError } from '../../api/client'
import { savePartner } from '../../api/exchange'
import type { IncidentCategory } from '../../api/incidents'
import { useI18n } from '../../i18n'
import { sourceKey } from './exchange-format'
import { categoryOwners, formFieldOf, generateSecret, inputOf, orderCategories, partnerErrorKey, toggleCategory, type PartnerDraft, type PartnerField } from './partner-draft'

interface Props {
  /** The partner being changed; null: a new one. */
  editing: ExchangePartnerView | null
  initial: PartnerDraft
  partners: readonly ExchangePartnerView[]
  categories: readonly IncidentCategory[]
  categoryName: (code: string) => string
  onSaved: (partner: ExchangePartnerView) => void
  onCancel: () => void
}

/** Create or change a partner. The secret is write-only: empty keeps the stored one; it is cleared once saved. */
export function PartnerForm({ editing, initial, partners, categories, categoryName, onSaved, onCancel }: Props) {
  const { t } = useI18n()
  const [draft, setDraft] = useState<PartnerDraft>(initial)
  const [showSecret, setShowSecret] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Error | null>(null)
  const { routable, police } = orderCategories(categories)
  const owners = categoryOwners(partners)
  const text = (field: 'code' | 'name' | 'endpointUrl' | 'secret') => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value })

  const errorField = error instanceof ApiError ? formFieldOf(error.field) : null
  const errorText = (e: Error) => {
    const key = e instanceof ApiError ? partnerErrorKey(formFieldOf(e.field), e.status) : null
    return key ? t(key) : e.message
  }
  const hint = (field: PartnerField, fallback?: ReactNode) =>
    error && errorField === field ? (
      <span className="field-error" role="alert" data-field={field}>
        {errorText(error)}
      </span>
    ) : (
      fallback
    )

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const saved = await savePartner(draft.code.trim(), inputOf(draft))
      // The secret leaves the page once it is stored: never kept in the form or shown again.
      setDraft({ ...draft, secret: '' })
      setShowSecret(false)
      onSaved(saved)
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="user-form ex-form" onSubmit={submit} data-testid="partner-form" noValidate autoComplete="off">
      <h3>{editing ? t('exEditPartner', { code: editing.code }) : t('exNewPartner')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('exCode')}</span>
          <input name="code" value={draft.code} onChange={text('code')} disabled={editing !== null} aria-invalid={errorField === 'code'} spellCheck={false} />
          {hint('code', editing ? null : <span className="field-hint">{t('exCodeHint')}</span>)}
        </label>
        <label className="field">
          <span>{t('exName')}</span>
          <input name="name" value={draft.name} onChange={text('name')} aria-invalid={errorField === 'name'} />
          {hint('name')}
        </label>
        <label className="field ex-wide">
          <span>{t('exEndpoint')}</span>
          <input name="endpointUrl" type="url" inputMode="url" value={draft.endpointUrl} onChange={text('endpointUrl')} aria-invalid={errorField === 'endpointUrl'} spellCheck={false} placeholder="https://" />
          {hint('endpointUrl', <span className="field-hint">{t('exEndpointHint')}</span>)}
        </label>
        <div className="field ex-wide">
          <label htmlFor="ex-secret">{t('exSecret')}</label>
          <div className="ex-secret-row">
            <input id="ex-secret" name="secret" type={showSecret ? 'text' : 'password'} autoComplete="new-password" value={draft.secret} onChange={text('secret')} aria-invalid={errorField === 'secret'} spellCheck={false} placeholder={editing?.secretSet ? '••••••••' : ''} />
            <button type="button" onClick={() => (setDraft({ ...draft, secret: generateSecret() }), setShowSecret(true))} data-action="generate-secret">
              {t('exGenerateSecret')}
            </button>
          </div>
          {hint('secret', <span className="field-hint">{editing?.secretSet ? t('exSecretKeepHint') : t('exSecretNewHint')}</span>)}
        </div>
        <label className="field">
          <span>{t('exInboundSource')}</span>
          <select name="inboundSource" value={draft.inboundSource} onChange={(e) => setDraft({ ...draft, inboundSource: e.target.value as PartnerDraft['inboundSource'] })}>
            {incidentSources.map((s) => (
              <option key={s} value={s}>
                {t(sourceKey[s])}
              </option>
            ))}
          </select>
          {hint('inboundSource')}
        </label>
        <label className="field ex-check">
          <span>{t('exActive')}</span>
          <span className="ex-toggle">
            <input name="active" type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} />
            {draft.active ? t('exActiveOn') : t('exActiveOff')}
          </span>
        </label>
      </div>
      <fieldset className="ex-categories" aria-invalid={errorField === 'categories'}>
        <legend>{t('exCategories')}</legend>
        <div className="ex-category-list">
          {routable.map((c) => {
            const owner = owners.get(c.code)
            return (
              <label key={c.code} className="ex-category" data-category={c.code}>
                <input type="checkbox" name="categories" value={c.code} checked={draft.categories.includes(c.code)} onChange={() => setDraft(toggleCategory(draft, c.code, routable.map((r) => r.code)))} />
                <span className="ex-category-swatch" style={{ background: c.color }} />
                {categoryName(c.code)}
                {owner && owner.code !== draft.code.trim() && <span className="muted ex-owner">{t('exRoutedElsewhere', { partner: owner.name })}</span>}
              </label>
            )
          })}
        </div>
        {police.length > 0 && (
          <div className="ex-category-list ex-police" aria-label={t('exPoliceCategories')}>
            <span className="muted">{t('exPoliceCategories')}</span>
            {police.map((c) => (
              <label key={c.code} className="ex-category" data-category={c.code}>
                <input type="checkbox" disabled checked={false} readOnly />
                {categoryName(c.code)}
              </label>
            ))}
          </div>
        )}
        {hint('categories', <span className="field-hint">{t('exCategoriesHint')}</span>)}
      </fieldset>
      {error && errorField === null && (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="filter-buttons">
        <button className="primary" type="submit" disabled={busy} data-action="save-partner">
          {t('exSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('exCancel')}
        </button>
      </div>
    </form>
  )
}
