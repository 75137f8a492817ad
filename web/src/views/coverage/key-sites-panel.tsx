import type { KeySiteCoverage } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import { keySiteColors } from '../../map/layers/key-sites-layer'
import { formatShare, rgbCss } from '../wall/format'
import { StackedBar } from './charts'
import { siteKindLabels, siteKinds, siteStatuses, siteStatusLabels, type KeySiteKind } from './labels'
import type { Loaded } from './use-load'

type Site = KeySiteCoverage['features'][number]

export interface KeySitesPanelProps {
  sites: Loaded<KeySiteCoverage>
  /** The sites of the chosen kinds (what the map shows too). */
  shown: readonly Site[]
  kinds: ReadonlySet<KeySiteKind>
  onKinds: (kinds: Set<KeySiteKind>) => void
  selectedId: number | null
  onSelect: (site: Site) => void
}

/** "Is this school covered?": key sites by kind, their statuses as a bar, the list worst first, the chosen one's details. */
export function KeySitesPanel({ sites, shown, kinds, onKinds, selectedId, onSelect }: KeySitesPanelProps) {
  const { t } = useI18n()
  const order = { none: 0, partial: 1, covered: 2 }
  const list = [...shown].sort((a, b) => order[a.properties.status] - order[b.properties.status] || a.properties.name.localeCompare(b.properties.name, 'zh-CN'))
  const toggle = (kind: KeySiteKind) => {
    const next = new Set(kinds)
    if (next.has(kind)) next.delete(kind)
    else next.add(kind)
    onKinds(next)
  }
  return (
    <div className="coverage-sites" data-testid="key-sites-panel">
      <fieldset className="chips" aria-label={t('siteKinds')}>
        {siteKinds.map((kind) => (
          <button key={kind} aria-pressed={kinds.has(kind)} onClick={() => toggle(kind)} data-kind={kind}>
            {t(siteKindLabels[kind])}
          </button>
        ))}
      </fieldset>
      {sites.error && <p className="form-error">{`${t('loadFailed')}: ${sites.error}`}</p>}
      {!sites.data && !sites.error && <p className="muted">{t('working')}</p>}
      {sites.data && (
        <>
          <StackedBar parts={siteStatuses.map((s) => ({ key: s, n: shown.filter((f) => f.properties.status === s).length, color: keySiteColors[s], label: t(siteStatusLabels[s]) }))} />
          <ul className="keys inline site-keys">
            {siteStatuses.map((s) => (
              <li key={s}>
                <span className="dot" style={{ background: rgbCss(keySiteColors[s]) }} />
                {t(siteStatusLabels[s])}
              </li>
            ))}
          </ul>
          <p className="small">{t('sitesCount', { n: list.length })}</p>
          {list.length === 0 && <p className="muted">{t('noSites')}</p>}
          <ul className="site-list" data-testid="key-sites">
            {list.map((f) => {
              const p = f.properties
              const open = p.id === selectedId
              return (
                <li key={p.id} data-site-id={p.id} data-status={p.status} className={open ? 'selected' : ''}>
                  <button onClick={() => onSelect(f)}>
                    <span className="site-status" style={{ background: rgbCss(keySiteColors[p.status]) }} />
                    <span className="site-name">{p.name}</span>
                    <span className="site-kind">{t(siteKindLabels[p.kind])}</span>
                  </button>
                  {open && (
                    <dl className="facts site-facts" data-testid="site-details">
                      <dt>{t('status')}</dt>
                      <dd style={{ color: rgbCss(keySiteColors[p.status]) }}>{t(siteStatusLabels[p.status])}</dd>
                      <dt>{t('outlineSeen')}</dt>
                      <dd>{formatShare(p.outlineSeenPct, 0)}</dd>
                      <dt>{t('camerasInGrid')}</dt>
                      <dd>{`${p.camerasOnline} / ${p.cameras}`}</dd>
                      {p.community && (
                        <>
                          <dt>{t('community')}</dt>
                          <dd>{p.community}</dd>
                        </>
                      )}
                    </dl>
                  )}
                </li>
              )
            })}
          </ul>
        </>
      )}
    </div>
  )
}
