import type { DisputeKpiCounts } from '@gridwatch/server/contracts'
import { useI18n } from '../../i18n'
import { formatCount, formatShare } from '../wall/format'
import { kpiPeriodLabels, kpiPeriods, type KpiPeriod, type tallyOpen } from './dispute-format'
import { tierCss, tierLabels, tierList } from './dispute-labels'
import { gridShareTone, resolutionTone, type Tone } from './area-kpis'

/** A figure with its number big; rates carry a bar, so the share reads at a glance. `data-kpi`/`data-value` are for tests. */
function Figure({ kpi, value, text, label, detail, tone, share }: { kpi: string; value: number | null; text: string; label: string; detail?: string; tone?: Tone; share?: number | null }) {
  return (
    <div className="dsp-kpi" data-kpi={kpi} data-value={value ?? ''}>
      <span className={`dsp-kpi-value${tone ? ` tone-${tone}` : ''}`}>{text}</span>
      <span className="dsp-kpi-label">{label}</span>
      {share !== undefined && (
        <span className="dsp-kpi-bar" aria-hidden="true">
          <span className={tone ? `tone-bg-${tone}` : ''} style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
        </span>
      )}
      {detail && <span className="dsp-kpi-detail">{detail}</span>}
    </div>
  )
}

/**
 * The period's dispute KPIs in the user's scope (`GET /api/disputes/kpis?level=county`): cases,
 * 化解率, the share settled at grid level (小事不出村), open cases past their deadline, repeats at the
 * same address, and 民转刑 — whose goal is zero, so anything else is red.
 */
export function DisputeKpiStrip({ total, open, error, period, onPeriod }: { total: DisputeKpiCounts | null; open: ReturnType<typeof tallyOpen> | null; error: string | null; period: KpiPeriod; onPeriod: (p: KpiPeriod) => void }) {
  const { t } = useI18n()
  return (
    <section className="dsp-kpis" data-testid="dispute-kpis" aria-busy={total === null} data-period={period}>
      <div className="dsp-period segmented" role="group" aria-label={t('dspPeriod')}>
        {kpiPeriods.map((p) => (
          <button key={p} aria-pressed={p === period} data-period={p} onClick={() => onPeriod(p)}>
            {t(kpiPeriodLabels[p])}
          </button>
        ))}
      </div>
      {error && !total && <p className="form-error">{`${t('loadFailed')}: ${error}`}</p>}
      {total && (
        <>
          <Figure kpi="cases" value={total.cases} text={formatCount(total.cases)} label={t('dspKpiCases')} />
          <Figure
            kpi="resolutionRate"
            value={total.resolutionRate}
            text={formatShare(total.resolutionRate)}
            label={t('dspKpiResolution')}
            detail={`${formatCount(total.resolved)}/${formatCount(total.cases)}`}
            tone={resolutionTone(total.resolutionRate)}
            share={total.resolutionRate}
          />
          <Figure
            kpi="gridLevelShare"
            value={total.gridLevelShare}
            text={formatShare(total.gridLevelShare)}
            label={t('dspKpiGridShare')}
            detail={`${formatCount(total.resolvedAtGrid)}/${formatCount(total.resolved)} · ${t('dspKpiGridShareHint')}`}
            tone={gridShareTone(total.gridLevelShare)}
            share={total.gridLevelShare}
          />
          <Figure kpi="overdue" value={total.overdue} text={formatCount(total.overdue)} label={t('dspKpiOverdue')} tone={total.overdue > 0 ? 'warn' : 'good'} />
          <Figure kpi="repeats" value={total.repeats} text={formatCount(total.repeats)} label={t('dspKpiRepeats')} detail={total.cases > 0 ? formatShare(total.repeats / total.cases) : undefined} />
          <Figure kpi="turnedCriminal" value={total.turnedCriminal} text={formatCount(total.turnedCriminal)} label={t('dspKpiCriminal')} detail={t('dspKpiCriminalGoal')} tone={total.turnedCriminal === 0 ? 'good' : 'bad'} />
        </>
      )}
      {open && <OpenNow open={open} />}
    </section>
  )
}

/** The cases being worked on now (whatever the period), as one bar split by tier: how much has gone up the ladder. */
function OpenNow({ open }: { open: ReturnType<typeof tallyOpen> }) {
  const { t } = useI18n()
  return (
    <div className="dsp-kpi dsp-open-now" data-kpi="openNow" data-value={open.total}>
      <span className="dsp-kpi-label">
        {t('dspOpenNow')} <strong>{formatCount(open.total)}</strong>
        {open.overdue > 0 && <span className="tone-bad">{` · ${t('dspOverdue')} ${formatCount(open.overdue)}`}</span>}
      </span>
      <span className="dsp-stack" aria-hidden="true">
        {tierList.map((tier) => open.byTier[tier] > 0 && <span key={tier} style={{ flex: open.byTier[tier], background: tierCss(tier) }} />)}
      </span>
      <span className="dsp-kpi-detail">{tierList.map((tier) => `${t(tierLabels[tier])} ${open.byTier[tier]}`).join(' · ')}</span>
    </div>
  )
}
