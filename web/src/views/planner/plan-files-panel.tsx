import { useRef, type MouseEvent } from 'react'
import { planExportUrl, type PlanExportFormat } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { usePlanImport } from './use-plan-import'

export interface PlanFilesPanelProps {
  planId: number
  /** The revision the server holds (what an export contains). */
  revision: number
  /** Edits not saved yet: an export saves them first. */
  unsaved: boolean
  settle: () => Promise<number | null>
  /** A draft (imports replace its grids); `canImport`: and it may change right now (not frozen for a review or a suggestion). */
  draft: boolean
  canImport: boolean
  importer: ReturnType<typeof usePlanImport>
}

const exportLinks: { format: PlanExportFormat; label: 'planExportGeoJson' | 'planExportShapefile' }[] = [
  { format: 'geojson', label: 'planExportGeoJson' },
  { format: 'shapefile', label: 'planExportShapefile' },
]

const formatNames = { geojson: 'GeoJSON', kml: 'KML', shapefile: 'Shapefile' } as const

/** The open plan as a file (GeoJSON, zipped Shapefile) and a boundary file into the draft. */
export function PlanFilesPanel({ planId, revision, unsaved, settle, draft, canImport, importer }: PlanFilesPanelProps) {
  const { t } = useI18n()
  const { state } = importer
  // A link clicked with edits pending waits for their save, then is clicked again and let through.
  const letThrough = useRef(false)
  const onExport = (e: MouseEvent<HTMLAnchorElement>) => {
    if (letThrough.current || !unsaved) {
      letThrough.current = false
      return
    }
    e.preventDefault()
    const link = e.currentTarget
    void settle().then(() => {
      letThrough.current = true
      link.click()
    })
  }
  return (
    <section className="planner-section plan-files" data-testid="plan-files">
      <h2>{t('planFiles')}</h2>
      <div className="row-buttons">
        {exportLinks.map(({ format, label }) => (
          <a key={format} className="button" href={planExportUrl(planId, format)} download onClick={onExport} data-testid={`export-${format}`}>
            {t(label)}
          </a>
        ))}
      </div>
      <p className="small muted">{t('planExportHint', { revision })}</p>
      {draft && (
        <>
          {/* The label is the button (the browser's own file button speaks its language, not the page's). */}
          <label className={`button file-button${!canImport || importer.busy ? ' disabled' : ''}`}>
            {t('planImport')}…
            <input
              type="file"
              name="planFile"
              accept=".geojson,.json,.kml,.zip"
              disabled={!canImport || importer.busy}
              data-testid="plan-import"
              onChange={(e) => {
                const file = e.target.files?.[0]
                // Cleared, so choosing the same file again (after fixing it) imports it again.
                e.target.value = ''
                if (file) void importer.run(file)
              }}
            />
          </label>
          <p className="small muted">{t('planImportHint')}</p>
        </>
      )}
      {(state.phase === 'saving' || state.phase === 'uploading') && (
        <p className="import-busy" role="status" aria-busy="true" data-testid="import-state" data-phase={state.phase}>
          <span className="spinner" aria-hidden="true" />
          {state.phase === 'saving' ? t('planImportSaving') : t('planImportUploading', { file: state.file })}
        </p>
      )}
      {state.phase === 'done' && (
        <p className="success small" role="status" data-testid="import-state" data-phase="done" data-revision={state.result.revision}>
          {t('planImportDone', { file: state.file, format: formatNames[state.result.format], n: state.result.features.features.length, revision: state.result.revision })}
          {state.result.skipped.length > 0 && ` ${t('planImportSkipped', { n: state.result.skipped.length })}`}
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="form-error" role="alert" data-testid="import-state" data-phase="failed" data-field={state.field ?? ''}>
          {state.message}
        </p>
      )}
    </section>
  )
}
