import type { IncidentRecord, SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { hasPermission } from '../../api/session'
import { useI18n } from '../../i18n'
import { withCameraStatuses } from '../../map/camera-status'
import { choroplethScale, kpiValue, type GridKpi, type Rgba } from '../../map/choropleth'
import { DrawClock } from '../../map/draw-clock'
import { HouseholdPanel } from '../household-panel'
import { useCategoryLookup } from './category-lookup'
import { focusMarks } from './focus-marks'
import { GridCardPanel } from './grid-card'
import { GridsUpdatedToast } from './grids-updated-toast'
import { HeaderStats } from './header-stats'
import { IncidentDetails } from './incident-details'
import { IncidentFeed } from './incident-feed'
import { KpiStrip } from './kpi-strip'
import { LegendPanel } from './legend-panel'
import { LiveStatus } from './live-status'
import { TimeBar } from './time-bar'
import { useCountyData } from './use-county-data'
import { useGridStats } from './use-grid-stats'
import { useIncidentPoints } from './use-incident-points'
import { useLiveIncidents } from './use-live-incidents'
import { useGridCard, useIncidentDetails } from './use-selection-data'
import { useWallKpis } from './use-wall-kpis'
import { useWallTime } from './use-wall-time'
import { useWallMode } from './use-wall-mode'
import { WallClock } from './wall-clock'
import { FOV_ZOOM, POINTS_ZOOM, toggleIds, type ToggleId } from './wall-layers'
import { WallMap } from './wall-map'
import './wall.css'

/** Pixel sizes on the map grow with the screen: 1 up to 1920 px wide, 2 on a 3840-px wall. */
const uiScale = () => Math.min(3, Math.max(1, window.innerWidth / 1920))

/**
 * The wall map (指挥大屏): grid KPIs as colours, township and community outlines, posts, cameras with
 * their fields of view, incidents as heat or points with new ones pulsing, the live feed with response
 * timers, today's KPI strip, grid cards and incident details, a time filter with replay, and a wall
 * mode for the video wall. Everything follows the user's permissions: nothing is asked of the server
 * that the role may not read.
 */
export function WallView({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const seesIncidents = hasPermission(user, 'incidents:read')
  const seesCameras = hasPermission(user, 'cameras:read')
  const seesStats = hasPermission(user, 'stats:read')
  // Incidents: the live feed (only for roles that read incidents); it also says when new grids are in force.
  const live = useLiveIncidents(seesIncidents)
  const gridsVersion = live.gridsPublished?.versionId ?? null
  const { data: county, error } = useCountyData({ cameras: seesCameras, gridsVersion })
  const categories = useCategoryLookup(county?.categories)
  const [wallMode, toggleWallMode] = useWallMode()
  const [tour, setTour] = useState(false)
  const [scale] = useState(uiScale)

  // Time: the window loaded (and counted by the grid colours), the filter over it, the replay.
  const time = useWallTime('7d')
  const { from, range } = time

  // Incidents on the map: columns loaded once, then appended from the live feed.
  const drawClock = useMemo(() => new DrawClock(), [])
  const origin = useMemo<[number, number]>(() => {
    const b = county?.basemap.bounds
    return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : [0, 0]
  }, [county])
  const onAppended = useCallback((id: number, p: { generation: number; rowOf(id: number): number }) => drawClock.appended(id, p.generation, p.rowOf(id)), [drawClock])
  const incidents = useIncidentPoints({ enabled: seesIncidents && county !== null, store: live.store, ready: live.ready, from, origin, colorOf: categories.color, onAppended })
  const shown = useMemo(() => (incidents.points ? countInRange(incidents.points.minutes, incidents.points.length, range) : null), [incidents.points, incidents.version, range])

  // Grid colours by the chosen KPI over the window.
  const { stats } = useGridStats(seesStats, from, live.store, gridsVersion)
  const [kpi, setKpi] = useState<GridKpi>('incidents')
  const scaleOfKpi = useMemo(() => (stats ? choroplethScale(kpi, stats.grids.map((g) => kpiValue(g, kpi))) : null), [stats, kpi])
  const gridFills = useMemo(() => {
    const fills = new Map<number, Rgba>()
    if (stats && scaleOfKpi) for (const g of stats.grids) fills.set(g.gridId, scaleOfKpi.colorOf(kpiValue(g, kpi)))
    return fills
  }, [stats, scaleOfKpi, kpi])

  const { kpis, error: kpiError } = useWallKpis(seesStats ? live.store : null, seesStats, gridsVersion)

  // Cameras recoloured by the live `camera.status` events, without reloading the columns.
  const liveCameras = live.snapshot.cameras
  const cameras = useMemo(() => (county?.cameras ? withCameraStatuses(county.cameras, liveCameras) : null), [county, liveCameras])

  // Selection: one grid card or one incident at a time.
  const [selectedGrid, setSelectedGrid] = useState<number | null>(null)
  const [selectedIncident, setSelectedIncident] = useState<number | null>(null)
  const [flyTo, setFlyTo] = useState<{ center: [number, number]; key: number } | null>(null)
  // A new boundary version retires the grid ids on screen: a card open on one of them closes.
  useEffect(() => setSelectedGrid(null), [gridsVersion])
  const gridCard = useGridCard(selectedGrid)
  const details = useIncidentDetails(selectedIncident, live.store, live.snapshot.feed)
  const focus = useMemo(() => focusMarks(details.record, details.nearby), [details.record, details.nearby])
  // The statistics hold the grids of the user's scope; the others are on the map for orientation only
  // and open no card (the server answers them like missing grids).
  const gridsInScope = useMemo(() => (stats ? new Set(stats.grids.map((g) => g.gridId)) : null), [stats])
  const selectGrid = useCallback((id: number | null) => {
    setSelectedGrid(id !== null && gridsInScope && !gridsInScope.has(id) ? null : id)
    setSelectedIncident(null)
  }, [gridsInScope])
  const selectIncident = useCallback((id: number) => {
    setSelectedIncident(id)
    setSelectedGrid(null)
  }, [])
  const selectFromFeed = useCallback((incident: IncidentRecord) => {
    selectIncident(incident.id)
    setFlyTo({ center: [incident.lon, incident.lat], key: incident.id })
  }, [selectIncident])

  // Layers: what the role may see, each switchable; zoom decides heat or points, and camera sectors.
  const toggles = toggleIds.filter((id) => (id === 'cameras' || id === 'camera-fov' ? seesCameras : id.startsWith('incident') ? seesIncidents : true))
  const [visible, setVisible] = useState<Record<ToggleId, boolean>>(() => Object.fromEntries(toggleIds.map((id) => [id, true])) as Record<ToggleId, boolean>)
  const [zoom, setZoom] = useState(0)
  const zoomHidden = {
    ...(zoom < FOV_ZOOM ? { 'camera-fov': 'zoomForFov' as const } : {}),
    ...(zoom < POINTS_ZOOM ? { 'incident-points': 'zoomForPoints' as const } : { 'incident-heat': 'zoomOutForHeat' as const }),
  }

  const inspection = useCallback(
    () => ({
      feedIds: () => [...document.querySelectorAll<HTMLElement>('[data-testid=feed-row]')].map((row) => Number(row.dataset.incidentId)),
      kpis: () => Object.fromEntries([...document.querySelectorAll<HTMLElement>('[data-testid=kpi-strip] [data-kpi]')].map((el) => [el.dataset.kpi!, el.dataset.value === '' ? null : Number(el.dataset.value)])),
      live: live.connection ? { state: () => live.store?.getSnapshot().connection ?? 'closed', lastEventId: live.connection.lastEventId, drop: live.connection.drop } : null,
    }),
    [live.connection, live.store],
  )

  const detailPanel = selectedIncident !== null ? (
    <IncidentDetails record={details.record} nearby={details.nearby} error={details.error} categories={categories} onClose={() => setSelectedIncident(null)} />
  ) : selectedGrid !== null ? (
    <GridCardPanel card={gridCard.data} error={gridCard.error} onClose={() => setSelectedGrid(null)} />
  ) : null
  const hasRight = seesIncidents || detailPanel !== null

  return (
    <main className={`wall${hasRight ? ' has-right' : ''}`} data-testid="wall">
      <HeaderStats county={county} seesCameras={seesCameras} />
      <header className="wall-top">
        {seesStats && <KpiStrip kpis={kpis?.data ?? null} updatedAt={kpis?.at ?? null} error={kpiError} categories={categories} />}
        <div className="wall-status">
          {wallMode && <h1 className="wall-title">{t('appTitle')}</h1>}
          <WallClock />
          {seesIncidents && <LiveStatus state={live.snapshot.connection} />}
          <div className="wall-buttons">
            <button aria-pressed={tour} data-testid="tour" onClick={() => setTour((on) => !on)}>
              {tour ? t('tourOn') : t('tour')}
            </button>
            <button aria-pressed={wallMode} data-testid="wall-mode" onClick={toggleWallMode}>
              {wallMode ? t('exitWallMode') : t('wallMode')}
            </button>
          </div>
        </div>
      </header>
      <div className="wall-left">
        {county && (
          <LegendPanel
            toggles={toggles}
            visible={visible}
            onToggle={(id) => setVisible((v) => ({ ...v, [id]: !v[id] }))}
            kpi={kpi}
            onKpi={setKpi}
            scale={scaleOfKpi}
            categories={seesIncidents ? county.categories : []}
            lookup={categories}
            zoomHidden={zoomHidden}
          />
        )}
        {seesStats && <HouseholdPanel gridsVersion={gridsVersion} />}
      </div>
      <div className="wall-map">
        {county && (
          <WallMap
            county={county}
            cameras={cameras}
            scale={scale}
            gridFills={gridFills}
            selectedGridId={selectedGrid}
            onSelectGrid={selectGrid}
            points={incidents.points}
            pointsVersion={incidents.version}
            pulses={incidents.pulses}
            filterRange={range}
            heatFilterRange={time.heatRange}
            visible={visible}
            focus={focus}
            flyTo={flyTo}
            onSelectIncident={selectIncident}
            onZoom={setZoom}
            tour={tour}
            drawClock={drawClock}
            inspection={inspection}
          />
        )}
        <GridsUpdatedToast event={live.gridsPublished} />
        {(error || incidents.error) && <div className="banner error">{`${t('loadFailed')}: ${error ?? incidents.error}`}</div>}
        {!county && !error && <div className="banner">{t('loading')}</div>}
      </div>
      {hasRight && (
        <div className="wall-right">
          {detailPanel}
          {seesIncidents && <IncidentFeed feed={live.snapshot.feed} categories={categories} selectedId={selectedIncident} onSelect={selectFromFeed} />}
        </div>
      )}
      <div className="wall-bottom">
        <TimeBar
          window={time.window}
          onWindow={time.chooseWindow}
          filter={time.filter}
          onFilter={time.setFilter}
          edge={time.edge}
          epochOf={(m) => from.getTime() + m * 60_000}
          shown={shown}
          hasIncidents={seesIncidents}
        />
      </div>
    </main>
  )
}

/** How many of the first `length` minute values fall in [from, to]. */
function countInRange(minutes: Float32Array, length: number, [from, to]: [number, number]) {
  let n = 0
  for (let i = 0; i < length; i++) if (minutes[i]! >= from && minutes[i]! <= to) n++
  return n
}
