import type { CameraRecord, SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useMemo, useState } from 'react'
import { hasPermission } from '../../api/session'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { withCameraStatuses } from '../../map/camera-status'
import { coverageFills } from '../../map/coverage-scale'
import { AtPointPanel } from './at-point-panel'
import { CameraRegistry } from './camera-registry'
import { VIEW_AREA_ZOOM } from './coverage-layers'
import { CoverageMap, type CoverageMapProps, type MapPick } from './coverage-map'
import { boundsOf, centerOf } from './geometry'
import { GridsPanel } from './grids-panel'
import { KeySitesPanel } from './key-sites-panel'
import { ReachPanel } from './reach-panel'
import { SuggestionsPanel } from './suggestions-panel'
import { townshipOf, useCoverageBase } from './use-coverage-base'
import { useCoverageState } from './use-coverage-state'
import { useLiveCameras } from './use-live-cameras'
import './coverage.css'

const tabs = ['grids', 'sites', 'point', 'suggest', 'reach', 'registry'] as const
type Tab = (typeof tabs)[number]
const tabLabels: Record<Tab, MessageKey> = { grids: 'tabGrids', sites: 'tabSites', point: 'tabPoint', suggest: 'tabSuggest', reach: 'tabReach', registry: 'tabRegistry' }

/**
 * The coverage view (视频覆盖) for officers: road coverage per grid with its blind spots, key sites,
 * which cameras see a point, where the next cameras should go, police-post reach and the camera
 * registry, for online cameras only or all of them. On a phone the panel is a bottom sheet.
 */
export function CoverageView({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const canManage = hasPermission(user, 'cameras:manage')
  const { data: base, error } = useCoverageBase()
  const live = useLiveCameras(hasPermission(user, 'incidents:read'))
  const [edits, setEdits] = useState(0)
  const s = useCoverageState(live.burst + edits)
  const [tab, setTab] = useState<Tab>('grids')
  const [sheetOpen, setSheetOpen] = useState(true)
  const [blindIndex, setBlindIndex] = useState<number | null>(null)
  const [siteId, setSiteId] = useState<number | null>(null)
  const [suggestion, setSuggestion] = useState<number | null>(null)
  const [flyTo, setFlyTo] = useState<CoverageMapProps['flyTo']>(null)
  const fly = (center: [number, number], zoom: number, bounds?: [number, number, number, number]) => setFlyTo({ center, zoom, bounds, key: `${center.join(',')}:${zoom}:${Date.now()}` })

  const cameras = useMemo(() => (base ? withCameraStatuses(base.cameras, live.statuses) : null), [base, live.statuses])
  // The reach areas read best over plain grids: the coverage colours step back on that tab.
  const gridFills = useMemo(() => coverageFills(tab === 'reach' ? [] : (s.grids.data ?? []), s.set), [s.grids.data, s.set, tab === 'reach'])

  const selectGrid = (id: number | null, zoom = false) => {
    const inScope = id !== null && s.gridsInScope.has(id)
    s.setSelectedGrid(inScope ? id : null)
    setBlindIndex(null)
    const feature = inScope ? base?.grids.features.find((f) => f.properties.id === id) : undefined
    if (zoom && feature) fly(centerOf(feature.geometry), VIEW_AREA_ZOOM + 0.25, boundsOf(feature.geometry))
  }
  const onPick = useCallback(
    (pick: MapPick) => {
      if (pick.kind === 'point') s.setPoint({ lon: pick.lon, lat: pick.lat })
      else if (pick.kind === 'site') (setSiteId(pick.id), setTab('sites'), setSheetOpen(true))
      else if (pick.kind === 'blind-spot') (setBlindIndex(pick.index), setTab('grids'))
      else if (pick.kind === 'suggestion') setSuggestion(pick.rank)
      else if (pick.kind === 'grid') {
        selectGrid(pick.id)
        setTab((current) => (current === 'suggest' || current === 'reach' ? current : 'grids'))
      }
    },
    // What the handlers read beyond stable setters: the grids in scope and the county's outlines.
    [s.gridsInScope, base],
  )

  const layers = useMemo<CoverageMapProps['layers']>(
    () => ({
      gridFills,
      selectedGridId: s.selectedGrid,
      viewAreas: s.viewAreas.data?.areas ?? null,
      liveStatus: live.statuses,
      blindSpots: s.selectedGrid === null ? null : s.blindSpots.data,
      highlightedBlindSpot: blindIndex,
      keySites: s.shownSites,
      selectedSiteId: siteId,
      atPoint: tab === 'point' ? s.atPoint.data : null,
      suggestions: tab === 'suggest' ? s.suggestionLayerData : null,
      highlightedSuggestion: suggestion,
      reach: tab === 'reach' ? s.reach.data : null,
    }),
    [gridFills, s.selectedGrid, s.viewAreas.data, live.statuses, s.blindSpots.data, blindIndex, s.shownSites, siteId, tab, s.atPoint.data, s.suggestionLayerData, suggestion, s.reach.data],
  )
  const inspection = useCallback(() => ({ viewAreas: s.viewAreasFor.current }), [s.viewAreasFor])

  const selectedGridName = s.grids.data?.find((g) => g.gridId === s.selectedGrid)?.name ?? null
  const township = base && s.selectedGrid !== null ? townshipOf(base, s.selectedGrid) : null
  const viewAreaNote = s.viewport === null ? t('zoomForViewAreas', { zoom: VIEW_AREA_ZOOM }) : s.viewAreas.data?.areas.truncated ? t('viewAreasTruncated', { n: s.viewAreas.data.areas.features.length }) : s.viewAreas.data ? t('viewAreasShown', { n: s.viewAreas.data.areas.features.length }) : t('working')

  const panel = {
    grids: (
      <GridsPanel
        grids={s.grids.data}
        set={s.set}
        selectedId={s.selectedGrid}
        blindSpots={s.blindSpots}
        highlighted={blindIndex}
        onSelectGrid={(id) => selectGrid(id, true)}
        onBlindSpot={(i) => {
          setBlindIndex(i)
          const f = s.blindSpots.data?.features[i]
          if (f) fly(centerOf(f.geometry), 17)
        }}
        onSuggest={() => setTab('suggest')}
      />
    ),
    sites: (
      <KeySitesPanel
        sites={s.sites}
        shown={s.shownSites}
        kinds={s.kinds}
        onKinds={s.setKinds}
        selectedId={siteId}
        onSelect={(f) => {
          setSiteId(f.properties.id)
          fly([f.properties.lon, f.properties.lat], 17)
        }}
      />
    ),
    point: <AtPointPanel answer={s.atPoint} query={s.point} onQuery={s.setPoint} liveStatus={live.statuses} />,
    suggest: (
      <SuggestionsPanel
        gridName={selectedGridName}
        townshipName={township?.name ?? null}
        result={s.suggestions}
        running={s.suggestions.busy}
        onRun={(o) => {
          const area = o.area === 'township' && township ? { kind: 'township' as const, id: township.id } : { kind: 'grid' as const, id: s.selectedGrid! }
          setSuggestion(null)
          s.setSuggestRequest({ area, k: o.k, fov: o.fov, rangeM: o.rangeM })
        }}
        onCancel={() => s.setSuggestRequest(null)}
        highlighted={suggestion}
        onHighlight={(rank) => {
          setSuggestion(rank)
          const site = s.suggestions.data?.sites.find((x) => x.rank === rank)
          if (site) fly([site.lon, site.lat], 17)
        }}
      />
    ),
    reach: <ReachPanel result={s.reach} onRun={(o) => s.setReachRequest({ ...o })} onSelectGrid={(id) => (selectGrid(id, true), setTab('grids'))} onShowPlace={(lon, lat) => fly([lon, lat], 16)} />,
    registry: <CameraRegistry canManage={canManage} liveStatus={live.statuses} onShow={(c: CameraRecord) => fly([c.lon, c.lat], 17.5)} onChanged={() => setEdits((n) => n + 1)} />,
  }[tab]

  return (
    <main className={`coverage${sheetOpen ? ' sheet-open' : ''}`} data-testid="coverage" data-tab={tab}>
      <div className="coverage-map">
        {base && cameras && (
          <CoverageMap base={base} cameras={cameras} layers={layers} pointMode={tab === 'point'} onPick={onPick} onViewport={s.setViewport} flyTo={flyTo} inspection={inspection} />
        )}
        {base && (
          <div className="map-note" data-testid="view-area-note" role="status">
            {viewAreaNote}
          </div>
        )}
        {error && <div className="banner error">{`${t('loadFailed')}: ${error}`}</div>}
        {!base && !error && <div className="banner">{t('loading')}</div>}
      </div>
      <aside className="coverage-panel" aria-label={t('coverageTitle')} data-testid="coverage-panel">
        <button className="sheet-handle" onClick={() => setSheetOpen((o) => !o)} aria-expanded={sheetOpen}>
          <span className="grip" />
          {sheetOpen ? t('hidePanel') : t('showPanel')}
        </button>
        <div className="panel-head">
          <h2>{t('coverageTitle')}</h2>
          <div className="segmented" role="group" aria-label={t('cameraSet')} data-testid="camera-set">
            {(['online', 'all'] as const).map((set) => (
              <button key={set} aria-pressed={s.set === set} onClick={() => s.setSet(set)} data-set={set}>
                {t(set === 'online' ? 'setOnline' : 'setAll')}
              </button>
            ))}
          </div>
        </div>
        <nav className="tabs" role="tablist">
          {tabs.map((id) => (
            <button key={id} role="tab" aria-selected={tab === id} onClick={() => (setTab(id), setSheetOpen(true))} data-tab={id}>
              {t(tabLabels[id])}
            </button>
          ))}
        </nav>
        <div className="tab-body" role="tabpanel">
          {s.grids.error && tab === 'grids' && <p className="form-error">{`${t('loadFailed')}: ${s.grids.error}`}</p>}
          {panel}
        </div>
      </aside>
    </main>
  )
}
