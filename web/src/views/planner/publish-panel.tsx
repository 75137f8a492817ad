import type { PlanDiff, PublishResult } from '@gridwatch/server/contracts'
import { useEffect, useState } from 'react'
import { useBusyAction } from '../use-busy-action'
import { loadPlanDiff, publishPlan } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'

export interface PublishPanelProps {
  planId: number
  /** The revision saved on the server (the diff is asked again when it changes). */
  revision: number | null
  /** Errors of the validation of that revision (null: not known yet). */
  errors: number | null
  /** Edits not yet saved: what would be published is not what is on screen. */
  unsaved: boolean
  stale: boolean
  reviewing: boolean
  onReview: (on: boolean) => void
  onDiff: (pieces: PlanDiff['pieces'] | null) => void
  onPublished: (result: PublishResult) => void
  result: PublishResult | null
  fmt: PlannerFormat
}

/** Review the land changing hands (on the map and as a table), then publish with a note; the result after. */
export function PublishPanel(p: PublishPanelProps) {
  const { t } = useI18n()
  const [diff, setDiff] = useState<PlanDiff | null>(null)
  const [note, setNote] = useState('')
  const { busy, error, setError, run } = useBusyAction()
  const blocked = p.errors === null || p.errors > 0 || p.unsaved || p.stale

  useEffect(() => {
    if (!p.reviewing) {
      setDiff(null)
      p.onDiff(null)
      return
    }
    const controller = new AbortController()
    setError(null)
    loadPlanDiff(p.planId, { signal: controller.signal })
      .then((d) => {
        setDiff(d)
        p.onDiff(d.pieces)
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e.message : String(e)))
    return () => controller.abort()
  }, [p.reviewing, p.planId, p.revision])

  const publish = () => run(async () => p.onPublished(await publishPlan(p.planId, note.trim() || undefined)))

  if (p.result) {
    const r = p.result
    return (
      <section className="planner-section publish" data-testid="publish-result" data-version-id={r.versionId}>
        <h2>{t('published', { version: r.versionId, previous: r.previousVersionId })}</h2>
        <dl className="facts result">
          <dt>{t('resultGrids')}</dt>
          <dd data-figure="grids">{p.fmt.count(r.grids)}</dd>
          <dt>{t('resultKept')}</dt>
          <dd data-figure="keptCodes">{p.fmt.count(r.keptCodes)}</dd>
          <dt>{t('resultRenumbered')}</dt>
          <dd data-figure="renumbered">{p.fmt.count(r.renumbered)}</dd>
          <dt>{t('resultReassigned')}</dt>
          <dd data-figure="reassignedIncidents">{p.fmt.count(r.reassignedIncidents)}</dd>
          <dt>{t('resultMoved')}</dt>
          <dd data-figure="movedIncidents">{p.fmt.count(r.movedIncidents)}</dd>
        </dl>
      </section>
    )
  }

  const blockedNote = p.stale ? t('staleHint') : p.errors ? t('publishBlocked', { n: p.errors }) : null
  if (!p.reviewing) {
    return (
      <section className="planner-section publish" data-testid="publish">
        <div className="row-buttons">
          <button onClick={() => p.onReview(true)} data-action="review">
            {t('reviewChanges')}
          </button>
          <button className="primary" disabled={blocked} onClick={() => p.onReview(true)} data-action="publish-start">
            {t('publish')}
            {p.errors ? ` (${p.errors})` : ''}
          </button>
        </div>
        {blockedNote && <p className="small warn-text">{blockedNote}</p>}
      </section>
    )
  }

  const totals = diff?.totals
  return (
    <section className="planner-section publish" data-testid="diff" data-pieces={diff ? diff.totals.pieces : ''}>
      <div className="section-head">
        <h2>{t('diffTitle')}</h2>
        <button onClick={() => p.onReview(false)}>{t('backToPlan')}</button>
      </div>
      {error && <p className="form-error" data-testid="publish-error">{error}</p>}
      {diff && diff.pieces.features.length === 0 && <p className="muted">{t('diffNone')}</p>}
      {diff && diff.pieces.features.length > 0 && (
        <div className="table-scroll">
          <table className="scores-table diff-table" data-testid="diff-table">
            <thead>
              <tr>
                <th>{t('diffFrom')}</th>
                <th>{t('diffTo')}</th>
                <th className="num">{t('area')}</th>
                <th className="num">{t('diffIncidents')}</th>
                <th className="num">{t('diffOpen')}</th>
                <th className="num">{t('households')}</th>
                <th className="num">{t('diffCameras')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.pieces.features.map((f, i) => (
                <tr key={i}>
                  <td>
                    {f.properties.from.name}
                    <span className="code mono">{f.properties.from.code}</span>
                  </td>
                  <td>→ {f.properties.to.name}</td>
                  <td className="num">{p.fmt.area(f.properties.areaM2)}</td>
                  <td className="num">{p.fmt.count(f.properties.incidents12m)}</td>
                  <td className="num">{p.fmt.count(f.properties.openIncidents)}</td>
                  <td className="num">{p.fmt.count(f.properties.households)}</td>
                  <td className="num">{p.fmt.count(f.properties.cameras)}</td>
                </tr>
              ))}
            </tbody>
            {totals && (
              <tfoot>
                <tr>
                  <th colSpan={2}>{t('diffTotals', { n: totals.pieces })}</th>
                  <td className="num">{p.fmt.area(totals.areaM2)}</td>
                  <td className="num">{p.fmt.count(totals.incidents12m)}</td>
                  <td className="num">{p.fmt.count(totals.openIncidents)}</td>
                  <td className="num">{p.fmt.count(totals.households)}</td>
                  <td className="num">{p.fmt.count(totals.cameras)}</td>
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
      <label className="field">
        {t('publishNote')}
        <input name="publishNote" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="row-buttons">
        <button className="primary" disabled={blocked || busy || !diff} onClick={() => void publish()} data-action="publish">
          {busy ? t('publishing') : t('publish')}
        </button>
        {blockedNote && <span className="small warn-text">{blockedNote}</span>}
      </div>
    </section>
  )
}
