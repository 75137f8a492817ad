import type { PlanDetail, PlanSummary } from '@gridwatch/server/contracts'
import { useState } from 'react'
import { useBusyAction } from '../use-busy-action'
import type { AreaCollection } from '../../api/map-data'
import { createPlan, discardPlan } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'

export interface AreaPanelProps {
  areas: AreaCollection
  /** The township or community chosen, or null. */
  areaId: number | null
  onArea: (id: number | null) => void
  plans: PlanSummary[] | null
  openPlanId: number | null
  onOpen: (id: number) => void
  /** A draft was created or discarded: the list is stale. */
  onChanged: (change: { created?: PlanDetail; discarded?: number }) => void
  fmt: PlannerFormat
}

/** Where to plan (a township, or one of its communities) and the drafts of that area. */
export function AreaPanel({ areas, areaId, onArea, plans, openPlanId, onOpen, onChanged, fmt }: AreaPanelProps) {
  const { t } = useI18n()
  const [name, setName] = useState('')
  const { busy, error, run } = useBusyAction()
  const [confirming, setConfirming] = useState<number | null>(null)
  const byId = new Map(areas.features.map((f) => [f.properties.id, f.properties]))
  const area = areaId === null ? null : (byId.get(areaId) ?? null)
  const townshipId = area ? (area.level === 'township' ? area.id : area.parentId) : null
  const townships = areas.features.filter((f) => f.properties.level === 'township').map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code))
  const communities = areas.features.filter((f) => f.properties.level === 'community' && f.properties.parentId === townshipId).map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code))
  const drafts = (plans ?? []).filter((p) => p.status === 'draft' && p.area.id === areaId)

  const create = () =>
    run(async () => {
      if (!area) return
      const plan = await createPlan({ name: name.trim() || t('defaultDraftName', { area: area.name }), areaId: area.id })
      setName('')
      onChanged({ created: plan })
    })
  const discard = (id: number) =>
    run(async () => {
      await discardPlan(id)
      setConfirming(null)
      onChanged({ discarded: id })
    })

  return (
    <section className="planner-section" data-testid="area-panel">
      <h2>{t('planArea')}</h2>
      <div className="inline-fields">
        <label className="field">
          {t('chooseTownship')}
          <select data-testid="township" value={townshipId ?? ''} onChange={(e) => onArea(e.target.value ? Number(e.target.value) : null)}>
            <option value="">—</option>
            {townships.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('chooseCommunity')}
          <select data-testid="community" value={area?.level === 'community' ? area.id : ''} disabled={townshipId === null} onChange={(e) => onArea(e.target.value ? Number(e.target.value) : townshipId)}>
            <option value="">{t('wholeTownship')}</option>
            {communities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {area && (
        <>
          <h3>{t('drafts')}</h3>
          {drafts.length === 0 && <p className="muted small">{t('noDrafts')}</p>}
          <ul className="plan-list" data-testid="drafts">
            {drafts.map((p) => (
              <li key={p.id} data-plan-id={p.id} className={p.id === openPlanId ? 'selected' : undefined}>
                <div className="plan-name">
                  {p.name}
                  {p.stale && <span className="badge warn" title={t('staleHint')}>{t('stale')}</span>}
                </div>
                <div className="small muted">{t('draftMeta', { author: p.author.name, updated: fmt.dateTime(p.updatedAt), revision: p.revision, grids: p.grids })}</div>
                {confirming === p.id ? (
                  <div className="row-buttons">
                    <span className="small">{t('confirmDiscard', { name: p.name })}</span>
                    <button className="danger" disabled={busy} onClick={() => void discard(p.id)} data-action="confirm-discard">
                      {t('confirm')}
                    </button>
                    <button onClick={() => setConfirming(null)}>{t('cancel')}</button>
                  </div>
                ) : (
                  <div className="row-buttons">
                    <button className={p.id === openPlanId ? '' : 'primary'} disabled={p.id === openPlanId} onClick={() => onOpen(p.id)} data-action="open">
                      {p.id === openPlanId ? t('opened') : t('open')}
                    </button>
                    <button className="danger" onClick={() => setConfirming(p.id)} data-action="discard">
                      {t('discard')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          <form
            className="new-draft"
            onSubmit={(e) => {
              e.preventDefault()
              void create()
            }}
          >
            <label className="field">
              {t('draftName')}
              <input name="draftName" value={name} maxLength={100} placeholder={t('defaultDraftName', { area: area.name })} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="submit" className="primary" disabled={busy} data-testid="new-draft">
              {t('newDraft')}
            </button>
          </form>
        </>
      )}
      {error && <p className="form-error">{error}</p>}
    </section>
  )
}
