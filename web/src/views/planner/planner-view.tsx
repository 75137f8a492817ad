import type { PlanDiff, PlanProblem, PublishResult } from '@gridwatch/server/contracts'
import { bbox } from '@turf/turf'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { loadPlanScores, loadPlanValidation } from '../../api/plans'
import { useI18n } from '../../i18n'
import { useLoad } from '../coverage/use-load'
import { AreaPanel } from './area-panel'
import { plannerFormat } from './format'
import { PlannerMap, type Bounds } from './planner-map'
import { PublishPanel } from './publish-panel'
import { ScoresPanel } from './scores-panel'
import { SelectedGrid } from './selected-grid'
import { SuggestionPanel } from './suggestion-panel'
import { Toolbar } from './toolbar'
import type { Tool } from './tools'
import { PlanFilesPanel } from './plan-files-panel'
import { useNotice, usePlanActions } from './use-plan-actions'
import { usePlanEditor } from './use-plan-editor'
import { usePlanImport } from './use-plan-import'
import { usePlannerKeys } from './use-planner-keys'
import { usePlannerLists } from './use-planner-lists'
import { useSuggestionPreview } from './use-suggestion'
import { ValidationPanel } from './validation-panel'
import { VersionsPanel } from './versions-panel'
import { workloadScale } from './workload-scale'
import './planner.css'

/**
 * The grid planner (网格规划): choose an area, draft its grids (split, merge, draw, reshape, move
 * buildings; undo/redo; saved as you go), watch the server's scores and validation follow every edit,
 * review the land changing hands and publish a new boundary version — or roll back to an earlier one.
 */
export function PlannerView() {
  const { t, locale } = useI18n()
  const fmt = useMemo(() => plannerFormat(locale), [locale])
  const { base, baseError, plans, versions, refreshLists } = usePlannerLists()
  const [areaId, setAreaId] = useState<number | null>(null)
  const [planId, setPlanId] = useState<number | null>(null)
  const [tool, setTool] = useState<Tool>('select')
  const [selected, setSelected] = useState<string[]>([])
  const [problem, setProblem] = useState<PlanProblem | null>(null)
  const [reviewing, setReviewing] = useState(false)
  const [diff, setDiff] = useState<PlanDiff['pieces'] | null>(null)
  const [result, setResult] = useState<PublishResult | null>(null)
  const [notice, setNotice] = useNotice()
  const [flyTo, setFlyTo] = useState<{ bounds: Bounds; key: string } | null>(null)
  const fly = (bounds: Bounds) => setFlyTo({ bounds, key: `${bounds.join()}:${Date.now()}` })

  const editor = usePlanEditor(planId)
  const { meta, grids } = editor
  const revision = editor.savedRevision
  const analysisKey = planId !== null && revision !== null ? { planId, revision } : null
  const scores = useLoad((signal) => loadPlanScores(planId!, { signal }), analysisKey)
  const suggestion = useSuggestionPreview({
    planId,
    grids,
    savedRevision: revision,
    scores: scores.data,
    edit: editor.edit,
    onAccepted: (s) => {
      setSelected([])
      setNotice({ text: t('suggestAccepted', { n: s.moves.length }), tone: 'info' })
    },
    fly,
  })
  const importer = usePlanImport({ planId, settle: editor.settle, adopt: (plan) => (editor.adopt(plan), setSelected([])), reload: editor.reload })
  // While the changes are reviewed, a suggestion asked for and previewed, or a file imported, the plan holds
  // still: what is published is what was reviewed, what is accepted is what was previewed.
  const editable = editor.editable && result === null && !reviewing && !suggestion.active && !importer.busy
  // Opening a plan: its area becomes the area chosen, and the map goes there.
  useEffect(() => {
    if (!meta) return
    setAreaId(meta.area.id)
    const outline = base?.areas.features.find((f) => f.properties.id === meta.area.id)
    if (outline) fly(bbox(outline) as Bounds)
  }, [meta?.id, base])

  const validation = useLoad((signal) => loadPlanValidation(planId!, 1, { signal }), analysisKey)
  const unsaved = editor.save.status === 'pending' || editor.save.status === 'saving'
  const scoresCurrent = scores.data?.revision === revision && !unsaved
  const validationCurrent = validation.data?.revision === revision && !unsaved
  const scale = useMemo(() => workloadScale(scores.data), [scores.data])
  const errors = validationCurrent && validation.data ? validation.data.problems.filter((p) => p.severity === 'error').length : null

  // The open draft's entry follows its saves without asking the server for the whole list again.
  const plansShown = useMemo(
    () => plans?.map((p) => (meta && p.id === meta.id ? { ...p, revision: meta.revision, updatedAt: meta.updatedAt, stale: meta.stale, status: meta.status, grids: grids?.length ?? p.grids } : p)) ?? null,
    [plans, meta, grids?.length],
  )
  const planArea = useMemo(() => (meta && base ? (base.areas.features.find((f) => f.properties.id === meta.area.id) ?? null) : null), [meta?.area.id, base])
  const actions = usePlanActions({ grids, editable, edit: editor.edit, selected, setSelected, setTool, setNotice, areas: base?.areas ?? null, planArea, fmt })
  const onPick = useCallback((key: string | null, additive: boolean) => {
    setProblem(null)
    setSelected((current) => (key === null ? [] : additive ? (current.includes(key) ? current.filter((k) => k !== key) : [...current, key]) : [key]))
  }, [])
  const chooseTool = (next: Tool) => {
    setTool(next)
    if (next === 'split' || next === 'draw') setSelected([])
  }
  usePlannerKeys({
    enabled: editable,
    onTool: chooseTool,
    onUndo: editor.undo,
    onRedo: editor.redo,
    onMerge: actions.merge,
    onDelete: actions.remove,
    onEscape: () => (setSelected([]), setProblem(null)),
  })

  const openPlan = (id: number | null) => {
    setPlanId(id)
    setSelected([])
    setProblem(null)
    setReviewing(false)
    setResult(null)
    setTool('select')
  }
  const nameOf = (key: string) => grids?.find((g) => g.properties.key === key)?.properties.name ?? key
  const communityName = (id: number) => base?.areas.features.find((f) => f.properties.id === id)?.properties.name ?? `#${id}`
  const selectedGrids = (grids ?? []).filter((g) => selected.includes(g.properties.key))
  const statusLabel = meta && meta.status !== 'draft' ? t(meta.status === 'published' ? 'statusPublished' : 'statusDiscarded') : result ? t('statusPublished') : null

  return (
    <main className="planner" data-testid="planner" data-plan-id={planId ?? ''} data-tool={tool}>
      <aside className="planner-left" aria-label={t('planArea')}>
        {base && (
          <AreaPanel
            areas={base.areas}
            areaId={areaId}
            onArea={(id) => {
              setAreaId(id)
              const outline = base.areas.features.find((f) => f.properties.id === id)
              if (outline && planId === null) fly(bbox(outline) as Bounds)
            }}
            plans={plansShown}
            openPlanId={planId}
            onOpen={openPlan}
            onChanged={({ created, discarded }) => {
              refreshLists()
              if (created) openPlan(created.id)
              else if (discarded === planId) openPlan(null)
            }}
            fmt={fmt}
          />
        )}
        {meta?.stale && <p className="stale-note">{t('staleHint')}</p>}
        {meta && planId !== null && (
          <PlanFilesPanel planId={planId} revision={meta.revision} unsaved={unsaved} settle={editor.settle} draft={meta.status === 'draft' && result === null} canImport={editable} importer={importer} />
        )}
        <VersionsPanel
          versions={versions}
          fmt={fmt}
          onRepublished={() => {
            refreshLists()
            // The open draft now starts from a version no longer in force: shown as stale.
            editor.reload()
          }}
        />
      </aside>
      <div className="planner-map">
        {base && (
          <PlannerMap
            basemap={base.basemap}
            planArea={planArea}
            grids={grids ?? []}
            fills={scale.fills}
            selected={selected}
            tool={editable ? tool : 'select'}
            editable={editable}
            problem={problem}
            diff={reviewing ? diff : null}
            suggestion={suggestion.overlay}
            flyTo={flyTo}
            onPick={onPick}
            onLine={actions.line}
            onPolygon={actions.polygon}
            onReshape={actions.reshape}
            onBuildings={actions.buildings}
          />
        )}
        {meta && (
          <Toolbar
            tool={tool}
            onTool={chooseTool}
            editable={editable}
            selected={selected.length}
            onMerge={actions.merge}
            onDelete={actions.remove}
            canUndo={editor.canUndo}
            canRedo={editor.canRedo}
            onUndo={editor.undo}
            onRedo={editor.redo}
            save={editor.save}
            onDismiss={editor.dismissNotice}
            readOnlyStatus={statusLabel}
          />
        )}
        {notice && (
          <div className={`planner-notice ${notice.tone}`} role="status" data-testid="planner-notice">
            {notice.text}
          </div>
        )}
        {grids && <SelectedGrid grids={selectedGrids} planGrids={grids} communityName={communityName} editable={editable} onChange={actions.change} fmt={fmt} />}
        {baseError && <div className="banner error">{`${t('loadFailed')}: ${baseError}`}</div>}
        {editor.loadError && <div className="banner error">{`${t('loadFailed')}: ${editor.loadError}`}</div>}
        {!base && !baseError && <div className="banner">{t('loading')}</div>}
      </div>
      <aside className="planner-right" aria-label={t('scores')}>
        {meta ? (
          <>
            <header className="plan-head">
              <h2 data-testid="plan-name">{meta.name}</h2>
              <span className="small muted">
                {meta.area.name} · {t('planRevision', { n: meta.revision })}
                {statusLabel ? ` · ${statusLabel}` : ''}
              </span>
            </header>
            {planId !== null && (meta.status === 'draft' || result) && (
              <PublishPanel
                planId={planId}
                revision={revision}
                errors={errors}
                unsaved={unsaved}
                stale={meta.stale}
                reviewing={reviewing}
                onReview={(on) => {
                  // The review shows the plan as saved: a suggestion being previewed is set aside.
                  if (on) suggestion.reject()
                  setReviewing(on)
                }}
                onDiff={setDiff}
                onPublished={(r) => {
                  setResult(r)
                  setReviewing(false)
                  editor.refreshMeta({ status: 'published', publishedVersionId: r.versionId })
                  refreshLists()
                }}
                result={result}
                fmt={fmt}
              />
            )}
            {meta.status === 'draft' && result === null && (
              <SuggestionPanel
                state={suggestion.state}
                canAsk={editor.editable && !reviewing && !unsaved && editor.save.status !== 'error'}
                stale={suggestion.stale}
                bars={suggestion.bars}
                nameOf={nameOf}
                onAsk={() => void suggestion.ask()}
                onAccept={suggestion.accept}
                onReject={suggestion.reject}
                fmt={fmt}
              />
            )}
            <ValidationPanel
              validation={validation.data}
              updating={!validationCurrent}
              error={validation.error}
              nameOf={nameOf}
              chosen={problem}
              onChoose={(p) => {
                setProblem(p)
                setSelected(p.grids.filter((k) => grids?.some((g) => g.properties.key === k)))
                const [x, y] = p.location.coordinates as [number, number]
                fly(p.area ? (bbox(p.area) as Bounds) : [x - 0.003, y - 0.002, x + 0.003, y + 0.002])
              }}
              fmt={fmt}
            />
            <ScoresPanel
              scores={scores.data}
              updating={!scoresCurrent}
              error={scores.error}
              scale={scale}
              selected={selected}
              onSelect={(key) => {
                setSelected([key])
                const g = grids?.find((x) => x.properties.key === key)
                if (g) fly(bbox(g) as Bounds)
              }}
              fmt={fmt}
            />
          </>
        ) : (
          <p className="notice">{t('choosePlan')}</p>
        )}
      </aside>
    </main>
  )
}
