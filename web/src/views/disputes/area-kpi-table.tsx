import type { DisputeKpiCounts, DisputeKpis } from '@gridwatch/server/contracts'
import { useMemo, useState } from 'react'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { formatCount, formatShare } from '../wall/format'
import { areaColumns, areaLevelLabels, areaLevels, defaultAreaSort, gridShareTone, nextAreaSort, resolutionTone, sortAreaRows, zeroGoalTone, type AreaColumn, type AreaLevel, type AreaSort } from './area-kpis'

const columnLabels: Record<Exclude<AreaColumn, 'name'>, MessageKey> = {
  cases: 'dspAreaColCases',
  resolutionRate: 'dspAreaColResolution',
  gridLevelShare: 'dspAreaColGridShare',
  overdue: 'dspAreaColOverdue',
  repeats: 'dspAreaColRepeats',
  turnedCriminal: 'dspAreaColCriminal',
}

/** One area's (or the total's) figures; `data-col`/`data-value` carry the server's numbers for tests. */
function Figures({ counts }: { counts: DisputeKpiCounts }) {
  const { t } = useI18n()
  const rateTone = resolutionTone(counts.resolutionRate)
  const shareTone = gridShareTone(counts.gridLevelShare)
  const zero = (col: 'overdue' | 'turnedCriminal') => {
    const tone = zeroGoalTone(counts[col])
    return (
      <td data-col={col} data-value={counts[col]} className={tone ? `tone-${tone}` : undefined}>
        {formatCount(counts[col])}
      </td>
    )
  }
  return (
    <>
      <td data-col="cases" data-value={counts.cases}>
        {formatCount(counts.cases)}
      </td>
      <td data-col="resolutionRate" data-value={counts.resolutionRate ?? ''} title={`${formatCount(counts.resolved)}/${formatCount(counts.cases)}`}>
        <span className={rateTone ? `tone-${rateTone}` : undefined}>{formatShare(counts.resolutionRate)}</span>
        <span className="dsp-kpi-bar" aria-hidden="true">
          <span className={rateTone ? `tone-bg-${rateTone}` : ''} style={{ width: `${Math.round((counts.resolutionRate ?? 0) * 100)}%` }} />
        </span>
      </td>
      <td data-col="gridLevelShare" data-value={counts.gridLevelShare ?? ''} className={shareTone ? `tone-${shareTone}` : undefined} title={`${formatCount(counts.resolvedAtGrid)}/${formatCount(counts.resolved)} · ${t('dspKpiGridShareHint')}`}>
        {formatShare(counts.gridLevelShare)}
      </td>
      {zero('overdue')}
      <td data-col="repeats" data-value={counts.repeats}>
        {formatCount(counts.repeats)}
      </td>
      {zero('turnedCriminal')}
    </>
  )
}

/**
 * 分区指标: the strip's KPIs split by township, community or grid for the same period, worst first
 * (most overdue, then most cases), any column sortable. At grid level a row filters the case list by
 * that grid (`onGrid` with its 15-digit code), as a click on the map does.
 */
export function AreaKpiTable({ kpis, level, onLevel, periodLabel, onGrid }: { kpis: { data: DisputeKpis | null; error: string | null }; level: AreaLevel; onLevel: (l: AreaLevel) => void; periodLabel: string; onGrid: (code: string) => void }) {
  const { t } = useI18n()
  const [sort, setSort] = useState<AreaSort>(defaultAreaSort)
  const rows = useMemo(() => (kpis.data ? sortAreaRows(kpis.data.rows, sort) : null), [kpis.data, sort])
  const clickable = level === 'grid'
  return (
    <section className="dsp-areas" data-testid="area-kpis" data-level={level} aria-busy={!kpis.data} aria-label={t('dspAreaTitle')}>
      <div className="dsp-areas-head">
        <div className="segmented" role="group" aria-label={t('dspAreaLevel')}>
          {areaLevels.map((l) => (
            <button key={l} type="button" aria-pressed={l === level} data-level={l} onClick={() => onLevel(l)}>
              {t(areaLevelLabels[l])}
            </button>
          ))}
        </div>
        <p className="small">
          {t('dspAreaPeriod', { period: periodLabel })}
          {clickable && ` · ${t('dspAreaGridHint')}`}
        </p>
      </div>
      {kpis.error && <p className="form-error">{`${t('loadFailed')}: ${kpis.error}`}</p>}
      {!rows && !kpis.error && <p className="muted">{t('loading')}</p>}
      {rows && rows.length === 0 && <p className="muted">{t('dspAreaNone')}</p>}
      {rows && rows.length > 0 && (
        <div className="dsp-areas-scroll">
          <table className="dsp-areas-table">
            <thead>
              <tr>
                {areaColumns.map((col) => (
                  <th key={col} scope="col" aria-sort={sort.column === col ? (sort.descending ? 'descending' : 'ascending') : undefined} title={col === 'gridLevelShare' ? t('dspAreaColGridShareHint') : undefined}>
                    <button type="button" data-sort={col} onClick={() => setSort((s) => nextAreaSort(s, col))}>
                      {t(col === 'name' ? areaLevelLabels[level] : columnLabels[col])}
                      <span className="dsp-sort-mark" aria-hidden="true">{sort.column === col ? (sort.descending ? '▼' : '▲') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid="area-row" data-area-id={row.id} data-code={row.code} className={clickable ? 'clickable' : undefined} onClick={clickable ? () => onGrid(row.code) : undefined}>
                  <th scope="row" title={row.code}>
                    {clickable ? (
                      <button type="button" className="dsp-area-link">
                        {row.name}
                      </button>
                    ) : (
                      row.name
                    )}
                  </th>
                  <Figures counts={row} />
                </tr>
              ))}
            </tbody>
            {kpis.data && (
              <tfoot>
                <tr data-testid="area-total">
                  <th scope="row">{t('dspAreaTotal')}</th>
                  <Figures counts={kpis.data.total} />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  )
}
