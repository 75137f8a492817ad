import type { BlindSpotFeatures, CameraSet, GridCoverage } from '@gridwatch/server/contracts'
import { useEffect, useMemo, useRef } from 'react'
import { useI18n } from '../../i18n'
import { noDataColor } from '../../map/choropleth'
import { coverageClasses, coverageTotals, roadShare, worstFirst } from '../../map/coverage-scale'
import { blindSpotColor } from '../../map/layers/blind-spots-layer'
import { formatDistance, formatShare, rgbCss } from '../wall/format'
import { CoverageGauge, ShareBar } from './charts'
import type { Loaded } from './use-load'

export interface GridsPanelProps {
  grids: GridCoverage[] | null
  set: CameraSet
  selectedId: number | null
  blindSpots: Loaded<BlindSpotFeatures>
  highlighted: number | null
  onSelectGrid: (id: number) => void
  onBlindSpot: (index: number) => void
  onSuggest: () => void
}

/** Coverage per grid: the scope's gauge, the legend, the chosen grid's numbers and blind spots, every grid worst first. */
export function GridsPanel({ grids, set, selectedId, blindSpots, highlighted, onSelectGrid, onBlindSpot, onSuggest }: GridsPanelProps) {
  const { t } = useI18n()
  const sorted = useMemo(() => (grids ? worstFirst(grids, set) : []), [grids, set])
  const totals = useMemo(() => (grids ? { online: coverageTotals(grids, 'online'), all: coverageTotals(grids, 'all') } : null), [grids])
  const selected = grids?.find((g) => g.gridId === selectedId) ?? null
  // A grid chosen in the list (far down) or on the map: its numbers come into view.
  const detail = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (selectedId !== null) detail.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [selectedId])
  return (
    <div className="coverage-grids" data-testid="grids-panel">
      {totals && (
        <div className="scope-figures">
          <CoverageGauge share={totals[set].roadPct} other={set === 'online' ? totals.all.roadPct : undefined} label={t('scopeCoverage')} />
          <dl className="facts">
            <dt>{t('blindRoad')}</dt>
            <dd>{formatDistance(totals[set].blindRoadM)}</dd>
            <dt>{t('areaSeen')}</dt>
            <dd>{formatShare(totals[set].areaPct)}</dd>
            <dt>{t('camerasInGrid')}</dt>
            <dd>{`${totals.online.camerasOnline} / ${totals.online.cameras}`}</dd>
          </dl>
        </div>
      )}
      <ul className="keys scale coverage-legend" data-testid="coverage-legend" aria-label={t('roadSeen')}>
        {coverageClasses.map((c) => (
          <li key={c.from}>
            <span className="swatch" style={{ background: rgbCss(c.color, 0.8) }} />
            {`${Math.round(c.from * 100)}–${Math.round(c.to * 100)}%`}
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: rgbCss(noDataColor, 0.5) }} />
          {t('noRoads')}
        </li>
        <li>
          <span className="line-key blind" style={{ borderColor: rgbCss(blindSpotColor) }} />
          {t('blindRoad')}
        </li>
      </ul>
      <div ref={detail} className="detail-anchor" />
      {selected ? (
        <GridDetail grid={selected} set={set} blindSpots={blindSpots} highlighted={highlighted} onBlindSpot={onBlindSpot} onSuggest={onSuggest} />
      ) : (
        <p className="muted">{t('chooseGrid')}</p>
      )}
      <h3>{t('gridsWorstFirst')}</h3>
      <ol className="grid-bars" data-testid="grid-bars">
        {sorted.map((g) => (
          <li key={g.gridId}>
            <button className={g.gridId === selectedId ? 'selected' : ''} onClick={() => onSelectGrid(g.gridId)} data-grid-id={g.gridId}>
              <span className="grid-bar-name">{g.name}</span>
              <ShareBar share={roadShare(g, set)} other={set === 'online' ? g.all.roadPct : undefined} />
              <span className="grid-bar-value">{roadShare(g, set) === null ? t('noRoads') : formatShare(roadShare(g, set), 0)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  )
}

function GridDetail({ grid, set, blindSpots, highlighted, onBlindSpot, onSuggest }: { grid: GridCoverage; set: CameraSet; blindSpots: Loaded<BlindSpotFeatures>; highlighted: number | null; onBlindSpot: (i: number) => void; onSuggest: () => void }) {
  const { t, locale } = useI18n()
  const spots = blindSpots.data
  return (
    <section className="grid-detail" data-testid="grid-coverage" data-grid-id={grid.gridId}>
      <h3 className="grid-detail-title">
        {grid.name} <span className="mono small">{grid.code}</span>
      </h3>
      <p className="small">{`${grid.community} · ${t('computedAt', { time: new Date(grid.computedAt).toLocaleString(locale, { hour12: false, dateStyle: 'short', timeStyle: 'short' }) })}`}</p>
      <table className="compare" data-testid="grid-compare">
        <thead>
          <tr>
            <th />
            <th className={set === 'online' ? 'current' : ''}>{t('setOnline')}</th>
            <th className={set === 'all' ? 'current' : ''}>{t('setAll')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-figure="roadPct">
            <th>{t('roadSeen')}</th>
            <td>{grid.online.roadPct === null ? t('noRoads') : formatShare(grid.online.roadPct)}</td>
            <td>{grid.all.roadPct === null ? t('noRoads') : formatShare(grid.all.roadPct)}</td>
          </tr>
          <tr data-figure="areaPct">
            <th>{t('areaSeen')}</th>
            <td>{formatShare(grid.online.areaPct)}</td>
            <td>{formatShare(grid.all.areaPct)}</td>
          </tr>
          <tr data-figure="blindRoadM">
            <th>{t('blindRoad')}</th>
            <td>{formatDistance(grid.online.blindRoadM)}</td>
            <td>{formatDistance(grid.all.blindRoadM)}</td>
          </tr>
          <tr data-figure="cameras">
            <th>{t('camerasInGrid')}</th>
            <td colSpan={2}>{`${grid.camerasOnline} / ${grid.cameras}`}</td>
          </tr>
        </tbody>
      </table>
      <button className="small-button" onClick={onSuggest}>
        {t('suggestForGrid')}
      </button>
      <h3>
        {t('blindSpots')}
        {spots && <span className="small"> · {t('blindSpotsTotal', { m: formatDistance(spots.totalM) })}</span>}
      </h3>
      {blindSpots.error && <p className="form-error">{`${t('loadFailed')}: ${blindSpots.error}`}</p>}
      {!spots && !blindSpots.error && <p className="muted">{t('working')}</p>}
      {spots && spots.features.length === 0 && <p className="muted">{t('noBlindSpots')}</p>}
      {spots && spots.features.length > 0 && (
        <ol className="blind-list" data-testid="blind-spots">
          {spots.features.map((f, i) => (
            <li key={i}>
              <button className={i === highlighted ? 'selected' : ''} onClick={() => onBlindSpot(i)} data-length={f.properties.lengthM}>
                <span className="blind-road">{f.properties.road ?? t('unnamedRoad')}</span>
                <span className="blind-length">{formatDistance(f.properties.lengthM)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
