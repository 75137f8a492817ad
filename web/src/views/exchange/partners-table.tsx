import type { ExchangePartnerView } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import { ago } from './exchange-format'

interface Props {
  partners: ExchangePartnerView[] | null
  categoryName: (code: string) => string
  selected: string | null
  now: number
  onSelect: (code: string) => void
  onEdit: (partner: ExchangePartnerView) => void
}

/** The partners: where matters go, which categories, whether a secret is set (never the secret itself). */
export function PartnersTable({ partners, categoryName, selected, now, onSelect, onEdit }: Props) {
  const { t, locale } = useI18n()
  const when = (iso: string | null) => {
    if (!iso) return '—'
    const rel = ago(iso, now)
    return rel ? t(rel.key, { n: rel.n }) : new Date(iso).toLocaleDateString(locale)
  }
  if (partners?.length === 0) return <p className="notice">{t('exNoPartners')}</p>
  return (
    <div className="table-wrap">
      <table className="data-table ex-partners" data-testid="partners-table">
        <thead>
          <tr>
            <th>{t('exName')}</th>
            <th>{t('exCode')}</th>
            <th>{t('exEndpoint')}</th>
            <th>{t('exActive')}</th>
            <th>{t('exCategories')}</th>
            <th>{t('exSecret')}</th>
            <th className="num">{t('exQueue')}</th>
            <th>{t('exLastContact')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {partners?.map((p) => (
            <tr key={p.code} data-partner={p.code} className={p.code === selected ? 'is-selected' : undefined}>
              <td className="ex-partner-name">{p.name}</td>
              <td className="mono">{p.code}</td>
              <td className="mono ex-url">{p.endpointUrl ?? <span className="muted">{t('exEndpointNone')}</span>}</td>
              <td className={p.active ? 'status-active' : 'status-disabled'} data-testid="partner-active">
                {p.active ? t('exActiveOn') : t('exActiveOff')}
              </td>
              <td data-testid="partner-categories">
                {p.categories.length === 0 ? (
                  <span className="muted">{t('exCategoriesNone')}</span>
                ) : (
                  <span className="ex-chips">
                    {p.categories.map((c) => (
                      <span key={c} className="ex-chip" data-category={c}>
                        {categoryName(c)}
                      </span>
                    ))}
                  </span>
                )}
              </td>
              <td data-testid="partner-secret" className={p.secretSet ? 'status-active' : 'status-locked'}>
                {p.secretSet ? t('exSecretSet') : t('exSecretUnset')}
              </td>
              <td className="num nowrap">
                <span className="ex-pending">{p.pending}</span> / <span className={p.dead > 0 ? 'ex-dead-text' : undefined}>{p.dead}</span>
              </td>
              <td className="nowrap">{when(p.lastCallbackAt)}</td>
              <td>
                <div className="row-actions">
                  <button onClick={() => onSelect(p.code)} aria-pressed={p.code === selected} data-action="select">
                    {p.code === selected ? t('exSelected') : t('exSelect')}
                  </button>
                  <button onClick={() => onEdit(p)} data-action="edit">
                    {t('exEdit')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
