import type { GridCard } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { formatChange, formatCount, formatShare } from './format'
import { TrendChart } from './trend-chart'

type Contact = NonNullable<NonNullable<GridCard['people']>['responsibleOfficer']>

function Person({ label, person }: { label: MessageKey; person: Contact | null }) {
  const { t } = useI18n()
  return (
    <>
      <dt>{t(label)}</dt>
      <dd>{person ? <>{person.name} <span className="mono small">{person.phone}</span></> : '—'}</dd>
    </>
  )
}

/**
 * A grid at a glance: where it is, who answers for it (only for roles that handle incidents: the
 * server sends no people otherwise), twelve months against the year before, open disputes, cameras.
 */
export function GridCardPanel({ card, error, onClose }: { card: GridCard | null; error: string | null; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <section className="panel card grid-card" data-testid="grid-card" data-grid-id={card?.grid.id}>
      <header className="details-head">
        <h2>{card ? card.grid.name : t('gridCard')}</h2>
        <button className="icon-button" onClick={onClose} aria-label={t('close')}>×</button>
      </header>
      {!card && <p className={error ? 'form-error' : 'muted'}>{error ? `${t('loadFailed')}: ${error}` : t('working')}</p>}
      {card && (
        <>
          <dl className="facts">
            <dt>{t('code')}</dt>
            <dd className="mono">{card.grid.code}</dd>
            <dt>{t('community')}</dt>
            <dd>{`${card.grid.township} · ${card.grid.community}`}</dd>
            <dt>{t('station')}</dt>
            <dd>{card.grid.station ? <>{card.grid.station.name} <span className="mono small">{card.grid.station.dutyPhone}</span></> : '—'}</dd>
            <dt>{t('population')}</dt>
            <dd>{`${formatCount(card.grid.population)} · ${t('households')} ${formatCount(card.grid.households)} · ${card.grid.areaKm2.toFixed(2)} km²`}</dd>
            {card.people && (
              <>
                <Person label="responsibleOfficer" person={card.people.responsibleOfficer} />
                <Person label="assistant" person={card.people.assistant} />
                <dt>{t('gridWorkers')}</dt>
                <dd>
                  {card.people.gridWorkers.length === 0
                    ? '—'
                    : card.people.gridWorkers.map((w) => (
                        <span key={w.id} className="worker">
                          {w.name} <span className="mono small">{w.phone}</span>
                        </span>
                      ))}
                </dd>
              </>
            )}
          </dl>
          <div className="card-figures">
            <div className="kpi" data-kpi="gridYearOverYear">
              <span className={`kpi-value${card.yearOverYear.change === null ? '' : card.yearOverYear.change > 0 ? ' tone-bad' : ' tone-good'}`}>{formatChange(card.yearOverYear.change)}</span>
              <span className="kpi-label">{`${t('yearOverYear')} (${formatCount(card.yearOverYear.last365Days)} / ${formatCount(card.yearOverYear.previous365Days)})`}</span>
            </div>
            <div className="kpi" data-kpi="gridOpenDisputes">
              <span className="kpi-value">{formatCount(card.openDisputes)}</span>
              <span className="kpi-label">{t('openDisputes')}</span>
            </div>
            <div className="kpi" data-kpi="gridCamerasOnline">
              <span className="kpi-value">{formatShare(card.cameras.rate, 0)}</span>
              <span className="kpi-label">{`${t('camerasOnline')} ${card.cameras.numerator}/${card.cameras.denominator}`}</span>
            </div>
          </div>
          <h3>{t('trend12')}</h3>
          <TrendChart trend={card.trend} />
        </>
      )}
    </section>
  )
}
