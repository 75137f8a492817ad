import type { DisputeCase, DisputeRecord, SessionUser } from '@gridwatch/server/contracts'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { DisputeFilter } from '../../api/disputes'
import { hasPermission } from '../../api/session'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import { useNow } from '../wall/use-now'
import { AreaKpiTable } from './area-kpi-table'
import type { AreaLevel } from './area-kpis'
import { CasePanel } from './case-panel'
import { DisputeFilters } from './dispute-filters'
import { kpiPeriodLabels, kpiPeriods, tallyOpen, type KpiPeriod } from './dispute-format'
import { DisputeKpiStrip } from './dispute-kpi-strip'
import { tierCss, tierLabels, tierList } from './dispute-labels'
import { DisputeList } from './dispute-list'
import { DisputesMap, type DisputeMapPick, type DisputesMapProps } from './disputes-map'
import { gridAt } from './grid-at'
import { NewCaseForm } from './new-case-form'
import { caseIdInPath, showCaseInPath } from './case-path'
import { useAreaKpis, useDisputeCase, useDisputeKpis, useDisputeList, useDisputesBase, useMediators, useOpenCases } from './use-disputes-data'
import './disputes.css'

type Tab = 'list' | 'areas' | 'case' | 'new'
const tabLabels: Record<Tab, MessageKey> = { list: 'dspTabList', areas: 'dspTabAreas', case: 'dspTabCase', new: 'dspTabNew' }

/**
 * 矛盾纠纷: the KPI strip of the period, the open cases on the map by tier (overdue ringed), the
 * filterable list, one case's page with its timeline and — for roles with `disputes:manage` — the moves
 * it allows now, and a form to open a case from a click on the map or an incident.
 */
export function DisputesView({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const canManage = hasPermission(user, 'disputes:manage')
  const now = useNow(60_000)
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)

  const base = useDisputesBase()
  const [period, setPeriod] = useState<KpiPeriod>('year')
  const kpis = useDisputeKpis(period, version)
  const [filter, setFilter] = useState<DisputeFilter>({})
  const list = useDisputeList(filter, version)
  const openCases = useOpenCases(version)
  const mediators = useMediators(canManage && hasPermission(user, 'people:read'))

  const [tab, setTab] = useState<Tab>(() => (caseIdInPath() === null ? 'list' : 'case'))
  const [selectedId, setSelectedId] = useState<number | null>(caseIdInPath)
  const selected = useDisputeCase(selectedId)
  const [pickMode, setPickMode] = useState(false)
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null)
  const [flyTo, setFlyTo] = useState<DisputesMapProps['flyTo']>(null)
  useEffect(() => showCaseInPath(selectedId), [selectedId])
  // A case opened by its address (/disputes/123): once it is loaded, the map goes there.
  const [flyOnLoad, setFlyOnLoad] = useState(caseIdInPath)
  useEffect(() => {
    if (flyOnLoad === null || selected.detail?.id !== flyOnLoad) return
    setFlyTo({ center: [selected.detail.lon, selected.detail.lat], key: `${flyOnLoad}:loaded` })
    setFlyOnLoad(null)
  }, [selected.detail, flyOnLoad])

  // The per-area table shares the strip's period; it loads only while its tab is open.
  const [areaLevel, setAreaLevel] = useState<AreaLevel>('community')
  const areaKpis = useAreaKpis(areaLevel, period, version, tab === 'areas')

  const pickedGrid = useMemo(() => (picked && base.data ? gridAt(base.data.grids, picked) : null), [picked, base.data])
  const openTally = useMemo(() => (openCases.data ? tallyOpen(openCases.data) : null), [openCases.data])
  const gridsById = useMemo(() => new Map((base.data?.grids.features ?? []).map((f) => [f.properties.id, f.properties])), [base.data])
  const gridName = (code: string | undefined) => (code ? ([...gridsById.values()].find((g) => g.code === code)?.name ?? null) : null)

  /** Opens a case's page; from the list, the map flies to it as well. */
  const select = (id: number, flyTo?: [number, number]) => {
    setSelectedId(id)
    setTab('case')
    if (flyTo) setFlyTo({ center: flyTo, key: `${id}:${Date.now()}` })
  }
  const onPick = useCallback(
    (pick: DisputeMapPick) => {
      if (pick.kind === 'point') {
        setPicked({ lon: pick.lon, lat: pick.lat })
        setPickMode(false)
        setTab('new')
      } else if (pick.kind === 'case') select(pick.id)
      else if (pick.kind === 'grid') {
        const code = gridsById.get(pick.id)?.code
        if (code) (setFilter((f) => ({ ...f, grid: code })), setTab('list'))
      }
    },
    [gridsById],
  )
  const onStep = (after: DisputeCase) => {
    selected.applyStep(after)
    changed()
  }
  const onCreated = (created: DisputeCase) => {
    setPicked(null)
    changed()
    select(created.id)
  }

  const layers = useMemo<DisputesMapProps['layers']>(
    () => ({ cases: openCases.data ?? [], selected: selected.detail, gridId: filter.grid ? ([...gridsById.values()].find((g) => g.code === filter.grid)?.id ?? null) : null, picked: picked ? [picked.lon, picked.lat] : null }),
    [openCases.data, selected.detail, filter.grid, gridsById, picked],
  )
  const tabs: Tab[] = canManage ? ['list', 'areas', 'case', 'new'] : ['list', 'areas', 'case']

  return (
    <main className="disputes" data-testid="disputes">
      <DisputeKpiStrip total={kpis.data?.total ?? null} open={openTally} error={kpis.error} period={period} onPeriod={(p) => kpiPeriods.includes(p) && setPeriod(p)} />
      <div className="disputes-map">
        {base.data && <DisputesMap base={base.data} layers={layers} pickMode={pickMode} onPick={onPick} flyTo={flyTo} />}
        <div className="dsp-legend panel" data-testid="dispute-legend">
          <h2>{t('dspMapLegend')}</h2>
          <ul className="keys">
            {tierList.map((tier) => (
              <li key={tier}>
                <span className="dot" style={{ background: tierCss(tier) }} />
                {t(tierLabels[tier])}
              </li>
            ))}
            <li>
              <span className="dot ringed" />
              {t('dspMapOverdueRing')}
            </li>
          </ul>
        </div>
        {pickMode && <div className="dsp-pick-hint" role="status">{t('dspPickHint')}</div>}
        {base.error && <div className="banner error">{`${t('loadFailed')}: ${base.error}`}</div>}
        {!base.data && !base.error && <div className="banner">{t('loading')}</div>}
      </div>
      <aside className="disputes-panel" aria-label={t('dspTitle')} data-testid="disputes-panel">
        <nav className="dsp-tabs" role="tablist">
          {tabs.map((id) => (
            <button key={id} role="tab" aria-selected={tab === id} data-tab={id} onClick={() => (setTab(id), id !== 'new' && setPickMode(false))}>
              {t(tabLabels[id])}
            </button>
          ))}
        </nav>
        <div className="dsp-tab-body" role="tabpanel">
          {tab === 'list' && (
            <>
              <DisputeFilters filter={filter} onChange={setFilter} gridName={gridName(filter.grid)} />
              {list.error && <p className="form-error">{`${t('loadFailed')}: ${list.error}`}</p>}
              {list.items ? <DisputeList items={list.items} hasMore={list.hasMore} onMore={list.more} selectedId={selectedId} onSelect={(d: DisputeRecord) => select(d.id, [d.lon, d.lat])} now={now} /> : <p className="muted">{t('working')}</p>}
            </>
          )}
          {tab === 'areas' && <AreaKpiTable kpis={areaKpis} level={areaLevel} onLevel={setAreaLevel} periodLabel={t(kpiPeriodLabels[period])} onGrid={(code) => (setFilter((f) => ({ ...f, grid: code })), setTab('list'))} />}
          {tab === 'case' && (selectedId === null ? <p className="muted">{t('dspChooseCase')}</p> : <CasePanel detail={selected.detail} error={selected.error} canManage={canManage} mediators={mediators.data} onStep={onStep} onStale={() => (selected.reload(), changed())} now={now} />)}
          {tab === 'new' && canManage && (
            <NewCaseForm
              picked={picked}
              pickedGridName={pickedGrid?.name ?? null}
              pickMode={pickMode}
              onPickMode={setPickMode}
              mediators={mediators.data}
              onCreated={onCreated}
            />
          )}
        </div>
      </aside>
    </main>
  )
}
