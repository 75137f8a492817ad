import type { ReactNode } from 'react'
import type { IncidentCategory } from '../../api/incidents'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { gridKpis, noDataColor, type ChoroplethClass, type ChoroplethScale, type GridKpi } from '../../map/choropleth'
import { cameraStatusColors } from '../../map/layers/cameras-layer'
import { heatColors } from '../../map/layers/incident-heat-layer'
import { postColors } from '../../map/layers/posts-layer'
import type { CategoryLookup } from './category-lookup'
import { formatChange, rgbCss } from './format'
import type { ToggleId } from './wall-layers'

const kpiLabels: Record<GridKpi, MessageKey> = { incidents: 'kpiIncidents', yearOverYear: 'kpiYearOverYear', onSceneWithin8Min: 'kpiOnScene8', openDisputes: 'kpiOpenDisputes' }
const toggleLabels: Record<ToggleId, MessageKey> = {
  grids: 'grids',
  areas: 'areas',
  posts: 'posts',
  cameras: 'cameras',
  'camera-fov': 'cameraFov',
  'incident-heat': 'incidentHeat',
  'incident-points': 'incidentPoints',
}

/** A class of the choropleth in words: "0", "5–9", "≥ 20", "−30% – −10%", "≥ 95%". */
export function classLabel(c: ChoroplethClass, scale: ChoroplethScale): string {
  if (scale.unit === 'count') {
    if (c.to === null) return `≥ ${c.from}`
    const last = c.to - 1
    return last === c.from ? `${c.from}` : `${c.from}–${last}`
  }
  const pct = (v: number) => (scale.kpi === 'yearOverYear' ? formatChange(v, 0) : `${Math.round(v * 100)}%`)
  if (c.from === null) return `< ${pct(c.to!)}`
  if (c.to === null) return `≥ ${pct(c.from)}`
  return `${pct(c.from)} – ${pct(c.to)}`
}

export interface LegendPanelProps {
  toggles: ToggleId[]
  visible: Record<ToggleId, boolean>
  onToggle: (id: ToggleId) => void
  kpi: GridKpi
  onKpi: (kpi: GridKpi) => void
  scale: ChoroplethScale | null
  categories: readonly IncidentCategory[]
  lookup: CategoryLookup
  /** Zoom-dependent layers that the current zoom hides anyway (a hint next to their toggle). */
  zoomHidden: Partial<Record<ToggleId, MessageKey>>
}

/** Layer switches with what each colour means, and the grid colour scale with its numbers. */
export function LegendPanel({ toggles, visible, onToggle, kpi, onKpi, scale, categories, lookup, zoomHidden }: LegendPanelProps) {
  const { t } = useI18n()
  const keys: Partial<Record<ToggleId, ReactNode>> = {
    grids: (
      <div className="choropleth">
        <label className="kpi-select">
          <span>{t('gridColours')}</span>
          <select value={kpi} onChange={(e) => onKpi(e.target.value as GridKpi)} data-testid="grid-kpi">
            {gridKpis.map((k) => (
              <option key={k} value={k}>
                {t(kpiLabels[k])}
              </option>
            ))}
          </select>
        </label>
        {scale && (
          <ul className="keys scale" data-testid="choropleth-legend">
            {scale.classes.map((c, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: rgbCss(c.color, 0.75) }} />
                {classLabel(c, scale)}
              </li>
            ))}
            <li>
              <span className="swatch" style={{ background: rgbCss(noDataColor, 0.45) }} />
              {t('noData')}
            </li>
          </ul>
        )}
      </div>
    ),
    areas: (
      <ul className="keys inline">
        <li><span className="line-key thick" />{t('township')}</li>
        <li><span className="line-key" />{t('community')}</li>
      </ul>
    ),
    posts: (
      <ul className="keys inline">
        <li><span className="dot ringed" style={{ background: rgbCss(postColors.station) }} />{t('postStation')}</li>
        <li><span className="dot ringed" style={{ background: rgbCss(postColors.room) }} />{t('postRoom')}</li>
        <li><span className="dot ringed" style={{ background: rgbCss(postColors.self_service_24h) }} />{t('postSelfService')}</li>
      </ul>
    ),
    cameras: (
      <ul className="keys inline">
        <li><span className="dot" style={{ background: rgbCss(cameraStatusColors[0]!) }} />{t('cameraOnline')}</li>
        <li><span className="dot" style={{ background: rgbCss(cameraStatusColors[1]!) }} />{t('cameraOffline')}</li>
        <li><span className="dot" style={{ background: rgbCss(cameraStatusColors[2]!) }} />{t('cameraFault')}</li>
      </ul>
    ),
    'incident-heat': <span className="heat-key" style={{ background: `linear-gradient(90deg, ${heatColors.map((c) => rgbCss(c, Math.max(0.15, c[3] / 255))).join(', ')})` }} />,
    'incident-points': (
      <ul className="keys categories">
        {categories.map((c) => (
          <li key={c.code}><span className="dot" style={{ background: rgbCss(lookup.color(c.code)) }} />{lookup.name(c.code)}</li>
        ))}
        <li><span className="dot pulse-key" />{t('newIncident')}</li>
      </ul>
    ),
  }
  return (
    <aside className="panel legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('layers')}</h2>
      {toggles.map((id) => (
        <div key={id} className="legend-item">
          <label className="toggle">
            <input type="checkbox" checked={visible[id]} onChange={() => onToggle(id)} data-layer-toggle={id} />
            {t(toggleLabels[id])}
          </label>
          {zoomHidden[id] && <span className="zoom-hint">{t(zoomHidden[id]!)}</span>}
          {visible[id] && !zoomHidden[id] && keys[id]}
        </div>
      ))}
    </aside>
  )
}
