import { useEffect, useRef } from 'react'
import { toolKeys, tools, type Tool } from './tools'

export interface PlannerKeys {
  enabled: boolean
  onTool: (tool: Tool) => void
  onUndo: () => void
  onRedo: () => void
  onMerge: () => void
  onDelete: () => void
  onEscape: () => void
}

const typing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))

/**
 * The planner's shortcuts: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo (⌘ on a Mac), V/S/N/B tools,
 * M merge, Delete or Backspace deletes the selected grids, Esc drops the selection. Keys typed into a
 * field stay the field's.
 */
export function usePlannerKeys(keys: PlannerKeys) {
  const latest = useRef(keys)
  latest.current = keys
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = latest.current
      if (!k.enabled || typing(e.target) || e.altKey) return
      const key = e.key.toLowerCase()
      if (e.ctrlKey || e.metaKey) {
        if (key === 'z' && !e.shiftKey) k.onUndo()
        else if ((key === 'z' && e.shiftKey) || key === 'y') k.onRedo()
        else return
        e.preventDefault()
        return
      }
      const tool = tools.find((t) => toolKeys[t] === key)
      if (tool) k.onTool(tool)
      else if (key === 'm') k.onMerge()
      else if (key === 'delete' || key === 'backspace') k.onDelete()
      else if (key === 'escape') k.onEscape()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
