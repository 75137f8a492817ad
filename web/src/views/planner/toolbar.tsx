import { useI18n } from '../../i18n'
import { toolHints, toolKeys, toolLabels, tools, type Tool } from './tools'
import type { SaveState } from './use-plan-editor'

export interface ToolbarProps {
  tool: Tool
  onTool: (tool: Tool) => void
  editable: boolean
  selected: number
  onMerge: () => void
  onDelete: () => void
  canUndo: boolean
  canRedo: boolean
  onUndo: () => void
  onRedo: () => void
  save: SaveState
  onDismiss: () => void
  /** The plan's status when it is not a draft (the map is then read only). */
  readOnlyStatus: string | null
}

/** The planner's tools over the map, with their shortcuts, undo/redo and whether the plan is saved. */
export function Toolbar(p: ToolbarProps) {
  const { t } = useI18n()
  // After a conflict the plan on screen is the server's, reloaded: saved.
  const saveLabel = { saved: t('saveSaved'), pending: t('savePending'), saving: t('saveSaving'), conflict: t('saveSaved'), error: t('saveFailed') }[p.save.status]
  return (
    <div className="planner-toolbar" data-testid="toolbar">
      {p.editable ? (
        <>
          <div className="tool-row" role="toolbar" aria-label={t('tools')}>
            {tools.map((id) => (
              <button key={id} aria-pressed={p.tool === id} data-tool={id} onClick={() => p.onTool(id)} title={`${t(toolLabels[id])} (${toolKeys[id].toUpperCase()})`}>
                {t(toolLabels[id])}
                <kbd>{toolKeys[id].toUpperCase()}</kbd>
              </button>
            ))}
            <span className="tool-gap" />
            <button disabled={p.selected < 2} onClick={p.onMerge} data-action="merge" title={`${t('merge')} (M)`}>
              {t('merge')}
              <kbd>M</kbd>
            </button>
            <button disabled={p.selected < 1} onClick={p.onDelete} data-action="delete" title={`${t('deleteGrid')} (Del)`}>
              {t('deleteGrid')}
              <kbd>Del</kbd>
            </button>
            <span className="tool-gap" />
            <button disabled={!p.canUndo} onClick={p.onUndo} data-action="undo" title={`${t('undo')} (Ctrl+Z)`}>
              ↶ {t('undo')}
            </button>
            <button disabled={!p.canRedo} onClick={p.onRedo} data-action="redo" title={`${t('redo')} (Ctrl+Shift+Z / Ctrl+Y)`}>
              ↷ {t('redo')}
            </button>
            <span className={`save-state save-${p.save.status}`} data-testid="save-state" data-status={p.save.status} role="status">
              {saveLabel}
            </span>
          </div>
          <p className="tool-hint">{t(toolHints[p.tool])}</p>
        </>
      ) : (
        p.readOnlyStatus && <p className="tool-hint">{t('hintReadOnly', { status: p.readOnlyStatus })}</p>
      )}
      {(p.save.status === 'conflict' || p.save.status === 'error') && (
        <div className="save-notice" role="alert" data-testid="save-notice">
          <span>{p.save.status === 'conflict' ? t('saveConflict', { revision: p.save.revision }) : t('saveError', { message: p.save.message })}</span>
          <button onClick={p.onDismiss}>{t('dismiss')}</button>
        </div>
      )}
    </div>
  )
}
