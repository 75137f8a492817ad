import type { DisputeKpiCounts, GridCard } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { formatChange, formatCount, formatShare } from './format'
import { TrendChart } from './trend-chart'
import { useGridDisputeKpis } from './use-dispute-kpis'

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

/** The grid's disputes this calendar year: cases, 化解率, open past their deadline, 民转刑 (aggregates: every role with `stats:read`). */
function GridDisputes({ kpis }: { kpis: DisputeKpiCounts | null }) {
  const { t } = useI18n()
  const figure = (kpi: string, value: number | null, text: string, label: MessageKey, tone?: 'good' | 'bad' | 'warn') => (
    <div className="kpi" data-kpi={kpi} data-value={value ?? ''}>
      <span className={`kpi-value${tone ? ` tone-${tone}` : ''}`}>{text}</span>
      <span className="kpi-label">{t(label)}</span>
    </div>
  )
  return (
    <div className="card-figures" data-testid="grid-disputes" style={{ gridTemplateColumns: 'repeat(4, 1fr)' }} aria-busy={kpis === null}>
      {figure('gridDisputeCases', kpis?.cases ?? null, formatCount(kpis?.cases), 'gridDisputes')}
      {figure('gridDisputeResolution', kpis?.resolutionRate ?? null, formatShare(kpis?.resolutionRate, 0), 'gridDisputeResolution')}
      {figure('gridDisputeOverdue', kpis?.overdue ?? null, formatCount(kpis?.overdue), 'gridDisputeOverdue', kpis && kpis.overdue > 0 ? 'warn' : undefined)}
      {figure('gridDisputeCriminal', kpis?.turnedCriminal ?? null, formatCount(kpis?.turnedCriminal), 'gridDisputeCriminal', kpis ? (kpis.turnedCriminal > 0 ? 'bad' : 'good') : undefined)}
    </div>
  )
}

/**
 * A grid at a glance: where it is, who answers for it (only for roles that handle incidents: the
 * server sends no people otherwise), twelve months against the year before, open disputes and this
 * year's dispute KPIs, cameras.
 */
export function GridCardPanel({ card, error, onClose }: { card: GridCard | null; error: string | null; onClose: () => void }) {
  const { t } = useI18n()
  const disputes = useGridDisputeKpis(card?.grid.id ?? null)
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
          <GridDisputes kpis={disputes} />
          <h3>{t('trend12')}</h3>
          <TrendChart trend={card.trend} />
        </>
      )}
    </section>
  )
}
