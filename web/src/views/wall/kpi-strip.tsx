import type { Rate, WallKpis } from '@gridwatch/server/contracts'
import { memo } from 'react'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { CategoryBars } from './category-bars'
import type { CategoryLookup } from './category-lookup'
import { countyTime } from './county-time'
import { formatChange, formatCount, formatShare } from './format'
import { useWallDisputeKpis } from './use-dispute-kpis'

/**
 * One figure of the strip. `data-kpi` / `data-value` carry the number as shown, for the tests and the
 * inspection hook; the text is what the room reads.
 */
function Figure({ kpi, value, text, label, detail, tone, big }: { kpi: string; value: number | null; text: string; label: string; detail?: string; tone?: 'good' | 'bad' | 'warn'; big?: boolean }) {
  return (
    <div className={`kpi${big ? ' kpi-big' : ''}`} data-kpi={kpi} data-value={value ?? ''}>
      <span className={`kpi-value${tone ? ` tone-${tone}` : ''}`}>{text}</span>
      <span className="kpi-label">{label}</span>
      {detail && <span className="kpi-detail">{detail}</span>}
    </div>
  )
}

/**
 * This year's disputes (the 化解率's period): open past their deadline, and 民转刑, whose goal is zero
 * (green at zero, red otherwise). Two rows in one box: the strip has no room for two more boxes.
 */
function DisputePair({ overdue, criminal }: { overdue: number | null; criminal: number | null }) {
  const { t } = useI18n()
  const row = (kpi: string, value: number | null, label: string, tone: 'good' | 'bad' | 'warn' | undefined, title?: string) => (
    <div data-kpi={kpi} data-value={value ?? ''} title={title} style={{ display: 'flex', alignItems: 'baseline', gap: '0.4em', whiteSpace: 'nowrap' }}>
      <span className={`kpi-value${tone ? ` tone-${tone}` : ''}`} style={{ fontSize: '1.6em' }}>
        {formatCount(value)}
      </span>
      <span className="kpi-label">{label}</span>
    </div>
  )
  return (
    <div className="kpi" data-testid="wall-dispute-kpis">
      {row('disputeOverdue', overdue, t('kpiDisputeOverdue'), overdue === null ? undefined : overdue > 0 ? 'warn' : 'good')}
      {row('disputeCriminal', criminal, t('kpiDisputeCriminal'), criminal === null ? undefined : criminal > 0 ? 'bad' : 'good', t('kpiDisputeCriminalGoal'))}
    </div>
  )
}

/** Green at or above `good`, amber above `warn`, red below. */
const rateTone = (r: Rate, good: number, warn: number) => (r.rate === null ? undefined : r.rate >= good ? 'good' : r.rate >= warn ? 'warn' : 'bad')

/** Today's numbers, big for the room: incidents against last year, response rates, disputes (this year's overdue and 民转刑 too), cameras, quiet communities. */
export const KpiStrip = memo(function KpiStrip({ kpis, updatedAt, error, categories }: { kpis: WallKpis | null; updatedAt: number | null; error: string | null; categories: CategoryLookup }) {
  const { t } = useI18n()
  const disputes = useWallDisputeKpis(true).total
  if (!kpis) return <section className="kpi-strip" data-testid="kpi-strip" aria-busy="true">{error ? <p className="form-error">{`${t('loadFailed')}: ${error}`}</p> : <p className="muted">{t('working')}</p>}</section>
  const inc = kpis.incidents
  const rateFigure = (kpi: string, r: Rate, label: MessageKey, good: number, warn: number) => (
    <Figure kpi={kpi} value={r.rate} text={formatShare(r.rate)} label={t(label)} detail={`${r.numerator}/${r.denominator}`} tone={rateTone(r, good, warn)} />
  )
  return (
    <section className="kpi-strip" data-testid="kpi-strip" aria-label={t('kpiToday')}>
      <Figure
        kpi="incidentsToday"
        value={inc.today}
        text={formatCount(inc.today)}
        label={t('kpiToday')}
        detail={`${t('kpiSameDayLastYear', { n: formatCount(inc.sameDayLastYear) })} · ${t('kpiOpen', { n: formatCount(inc.open) })}`}
        big
      />
      <Figure kpi="incidentsChange" value={inc.change} text={formatChange(inc.change)} label={t('yearOverYear')} tone={inc.change === null ? undefined : inc.change > 0 ? 'bad' : 'good'} />
      {rateFigure('onSceneWithin8Min', kpis.onSceneWithin8Min, 'kpiOnScene8', 0.9, 0.7)}
      <div className="kpi-group">
        {rateFigure('acceptedWithin1Min', kpis.acceptedWithin1Min, 'kpiAccept1', 0.95, 0.8)}
        {rateFigure('contactedWithin3Min', kpis.contactedWithin3Min, 'kpiContact3', 0.95, 0.8)}
        {rateFigure('onSceneWithin10Min', kpis.onSceneWithin10Min, 'kpiOnScene10', 0.95, 0.8)}
      </div>
      {rateFigure('disputeResolution', kpis.disputeResolution, 'kpiDisputeResolution', 0.9, 0.75)}
      <Figure kpi="openDisputes" value={kpis.openDisputes} text={formatCount(kpis.openDisputes)} label={t('kpiOpenDisputes')} />
      <DisputePair overdue={disputes?.overdue ?? null} criminal={disputes?.turnedCriminal ?? null} />
      {rateFigure('camerasOnline', kpis.camerasOnline, 'kpiCamerasOnline', 0.95, 0.85)}
      <Figure
        kpi="zeroIncidentCommunities"
        value={kpis.zeroIncidentCommunities.count}
        text={formatCount(kpis.zeroIncidentCommunities.count)}
        label={t('kpiQuietCommunities')}
        detail={`/ ${formatCount(kpis.zeroIncidentCommunities.of)}`}
      />
      <div className="kpi-categories">
        <span className="kpi-label">{t('kpiByCategory')}</span>
        <CategoryBars rows={inc.byCategory} categories={categories} />
      </div>
      {updatedAt !== null && <span className="kpi-updated">{t('kpiUpdated', { time: countyTime(updatedAt, true) })}</span>}
    </section>
  )
})
