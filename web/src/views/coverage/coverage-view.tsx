import type { CameraRecord, SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { hasPermission } from '../../api/session'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { withCameraStatuses } from '../../map/camera-status'
import { coverageFills } from '../../map/coverage-scale'
import { AtPointPanel } from './at-point-panel'
import { sectorOf } from './camera-editor/camera-draft'
import { cameraPreviewOf } from './camera-editor/camera-preview-layer'
import { handlePosition, seesAllRound } from './camera-editor/camera-sector'
import { CameraNotice, CameraTab, ToolEditor } from './camera-editor/camera-tab'
import { useCameraTool } from './camera-editor/use-camera-tool'
import { useStationOptions } from './camera-editor/use-station-options'
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
/** The camera tab is there while a camera is being registered, shown or edited. */
type Tab = (typeof tabs)[number] | 'camera'
const tabLabels: Record<Tab, MessageKey> = { grids: 'tabGrids', sites: 'tabSites', point: 'tabPoint', suggest: 'tabSuggest', reach: 'tabReach', registry: 'tabRegistry', camera: 'camTab' }

/**
 * The coverage view (视频覆盖) for officers: road coverage per grid with its blind spots, key sites,
 * which cameras see a point, where the next cameras should go, police-post reach and the camera
 * registry, for online cameras only or all of them. On a phone the panel is a bottom sheet.
 */
export function CoverageView({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const canManage = hasPermission(user, 'cameras:manage')
  const [edits, setEdits] = useState(0)
  const { data: base, error } = useCoverageBase(edits)
  const live = useLiveCameras(hasPermission(user, 'incidents:read'))
  const s = useCoverageState(live.burst + edits)
  const [tab, setTab] = useState<Tab>('grids')
  const stations = useStationOptions(user, canManage)
  const tool = useCameraTool({
    stationId: user.scope === 'station' ? (user.station?.id ?? null) : null,
    confirmDelete: (c) => window.confirm(t('confirmDelete', { code: c.code })),
    onChanged: () => setEdits((n) => n + 1),
  })
  const { camera: toolCamera, draft, placing } = tool.state
  // The tab to go back to when the camera tab closes.
  const tabBeforeCamera = useRef<Tab>('grids')
  const openCameraTab = () => {
    if (tab !== 'camera') tabBeforeCamera.current = tab
    setTab('camera')
    setSheetOpen(true)
  }
  useEffect(() => {
    if (!tool.active && tab === 'camera') setTab(tabBeforeCamera.current)
  }, [tool.active, tab])
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
      if (pick.kind === 'place') return tool.place({ lon: pick.lon, lat: pick.lat })
      // While a camera's form is open the map places and aims that camera, nothing else.
      if (draft) return
      if (pick.kind === 'camera') (tool.choose(pick.id), openCameraTab())
      else if (pick.kind === 'point') s.setPoint({ lon: pick.lon, lat: pick.lat })
      else if (pick.kind === 'site') (setSiteId(pick.id), setTab('sites'), setSheetOpen(true))
      else if (pick.kind === 'blind-spot') (setBlindIndex(pick.index), setTab('grids'))
      else if (pick.kind === 'suggestion') setSuggestion(pick.rank)
      else if (pick.kind === 'grid') {
        selectGrid(pick.id)
        setTab((current) => (current === 'suggest' || current === 'reach' ? current : 'grids'))
      }
    },
    // What the handlers read beyond stable setters: the grids in scope, the county's outlines, an open form, the tab.
    [s.gridsInScope, base, draft !== null, tab],
  )

  const sector = useMemo(() => (draft ? sectorOf(draft) : null), [draft])
  const cameraPreview = useMemo(() => cameraPreviewOf(sector, toolCamera), [sector, toolCamera])
  const bearingHandle = useMemo(() => (sector && !seesAllRound(sector) ? { camera: [sector.lon, sector.lat] as [number, number], handle: handlePosition(sector) } : null), [sector])
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
      cameraPreview,
    }),
    [gridFills, s.selectedGrid, s.viewAreas.data, live.statuses, s.blindSpots.data, blindIndex, s.shownSites, siteId, tab, s.atPoint.data, s.suggestionLayerData, suggestion, s.reach.data, cameraPreview],
  )
  const inspection = useCallback(() => ({ viewAreas: s.viewAreasFor.current }), [s.viewAreasFor])

  const selectedGridName = s.grids.data?.find((g) => g.gridId === s.selectedGrid)?.name ?? null
  const township = base && s.selectedGrid !== null ? townshipOf(base, s.selectedGrid) : null
  const viewAreaNote = placing
    ? t(draft ? 'camMoveHint' : 'camPlaceHint')
    : s.viewport === null ? t('zoomForViewAreas', { zoom: VIEW_AREA_ZOOM }) : s.viewAreas.data?.areas.truncated ? t('viewAreasTruncated', { n: s.viewAreas.data.areas.features.length }) : s.viewAreas.data ? t('viewAreasShown', { n: s.viewAreas.data.areas.features.length }) : t('working')

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
    registry: (
      <CameraRegistry
        canManage={canManage}
        liveStatus={live.statuses}
        refresh={edits}
        selectedId={toolCamera?.id ?? null}
        onSelect={(c: CameraRecord) => {
          fly([c.lon, c.lat], 17.5)
          // A manager's form opens over the table; anyone else reads the camera's details.
          tool.show(c, canManage)
          if (!canManage) openCameraTab()
        }}
        editor={toolCamera && canManage ? <ToolEditor tool={tool} stations={stations} /> : null}
        notice={<CameraNotice tool={tool} />}
        onImported={() => setEdits((n) => n + 1)}
      />
    ),
    camera: <CameraTab tool={tool} canManage={canManage} stations={stations} grids={s.grids.data} set={s.set} liveStatus={live.statuses} />,
  }[tab]
  const shownTabs: readonly Tab[] = tool.active ? [...tabs, 'camera'] : tabs

  return (
    <main className={`coverage${sheetOpen ? ' sheet-open' : ''}`} data-testid="coverage" data-tab={tab}>
      <div className="coverage-map">
        {base && cameras && (
          <CoverageMap
            base={base}
            cameras={cameras}
            layers={layers}
            clickMode={placing ? 'place' : tab === 'point' ? 'point' : 'pick'}
            bearingHandle={bearingHandle}
            onBearing={(deg) => draft && tool.setDraft({ ...draft, bearing: String(deg) })}
            onPick={onPick}
            onViewport={s.setViewport}
            flyTo={flyTo}
            inspection={inspection}
          />
        )}
        {base && (
          <div className={`map-note${placing ? ' placing' : ''}`} data-testid="view-area-note" role="status">
            {viewAreaNote}
          </div>
        )}
        {base && canManage && (
          <button
            type="button"
            className="map-action"
            data-testid="register-camera"
            aria-pressed={placing && !draft}
            onClick={() => (placing && !draft ? tool.close() : (tool.register(), openCameraTab()))}
          >
            {`＋ ${t('camRegister')}`}
          </button>
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
          {shownTabs.map((id) => (
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
