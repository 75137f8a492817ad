import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import { useMemo, useState } from 'react'
import { hasPermission, useSession } from '../../api/session'
import { useI18n } from '../../i18n'
import { DuplicatesPanel } from './duplicates-panel'
import { LiveMark } from './live-mark'
import { OutboxCounts } from './outbox-counts'
import { OutboxTable } from './outbox-table'
import { draftOf, emptyDraft } from './partner-draft'
import { PartnerForm } from './partner-form'
import { PartnersTable } from './partners-table'
import { SignatureHelp } from './signature-help'
import { useExchangeData, useSecondTicker, type OutboxFilter } from './use-exchange-data'
import './exchange.css'

/** The form's state: closed, a new partner, or one being changed (a key restarts the form per partner). */
type FormState = { open: false } | { open: true; editing: ExchangePartnerView | null; key: number }

/**
 * 警网互融 (`exchange:manage`): the partners and the categories routed to them, the outbox with its
 * deliveries (live), the likely duplicates waiting for a person, and how partners sign their calls.
 */
export function ExchangeView() {
  const { t, locale } = useI18n()
  const session = useSession()
  const user = session.status === 'signed-in' ? session.user : null
  const canReadIncidents = user !== null && hasPermission(user, 'incidents:read')
  const canDispatch = user !== null && hasPermission(user, 'incidents:dispatch')
  const [filter, setFilter] = useState<OutboxFilter>({})
  const [auto, setAuto] = useState(true)
  const [form, setForm] = useState<FormState>({ open: false })
  const [selected, setSelected] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const data = useExchangeData(filter, { auto, duplicates: canReadIncidents })
  const now = useSecondTicker()

  const names = useMemo(() => new Map(data.categories.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh])), [data.categories, locale])
  const categoryName = (code: string) => names.get(code) ?? code
  const partners = data.partners ?? []
  const selectedPartner = partners.find((p) => p.code === selected) ?? null
  const changed = (text: string) => {
    setMessage(text)
    void data.refresh()
  }

  return (
    <main className="page ex-page" data-testid="exchange">
      <div className="page-head ex-head">
        <div>
          <h2>{t('exTitle')}</h2>
          <p className="ex-lead">{t('exLead')}</p>
        </div>
        <LiveMark auto={auto} onAuto={setAuto} updatedAt={data.updatedAt} now={now} error={data.error} onRefresh={() => void data.refresh()} />
      </div>
      {message && (
        <p className="success" role="status" data-testid="exchange-message">
          {message}
        </p>
      )}
      <OutboxCounts counts={data.outbox?.counts ?? null} selected={filter.status} onSelect={(status) => setFilter({ ...filter, status })} />

      <div className="ex-columns">
        <section className="ex-section" data-testid="partners">
          <div className="ex-section-head">
            <h3>{t('exPartners')}</h3>
            <button className="primary" onClick={() => setForm({ open: true, editing: null, key: Date.now() })} data-action="new-partner">
              {t('exNewPartner')}
            </button>
          </div>
          {form.open && (
            <PartnerForm
              key={form.key}
              editing={form.editing}
              initial={form.editing ? draftOf(form.editing) : emptyDraft}
              partners={partners}
              categories={data.categories}
              categoryName={categoryName}
              onSaved={(saved) => {
                setForm({ open: false })
                setSelected(saved.code)
                changed(t('exSaved', { name: saved.name }))
              }}
              onCancel={() => setForm({ open: false })}
            />
          )}
          <PartnersTable
            partners={data.partners}
            categoryName={categoryName}
            selected={selected}
            now={now}
            onSelect={setSelected}
            onEdit={(p) => setForm({ open: true, editing: p, key: Date.now() })}
          />
        </section>
        <SignatureHelp partner={selectedPartner} />
      </div>

      <section className="ex-section" data-testid="outbox">
        <h3>{t('exOutbox')}</h3>
        <OutboxTable items={data.outbox?.items ?? null} partners={partners} filter={filter} onFilter={setFilter} categoryName={categoryName} now={now} onChanged={changed} />
      </section>

      <DuplicatesPanel offers={data.duplicates} canRead={canReadIncidents} canDecide={canDispatch} categoryName={categoryName} onChanged={changed} />
    </main>
  )
}
