import type { MessageKey } from '../../i18n/messages'

/** The planner's map tools, with their keyboard shortcuts (single keys, as in drawing programs). */
export const tools = ['select', 'split', 'draw', 'buildings'] as const
export type Tool = (typeof tools)[number]

export const toolKeys: Record<Tool, string> = { select: 'v', split: 's', draw: 'n', buildings: 'b' }
export const toolLabels: Record<Tool, MessageKey> = { select: 'toolSelect', split: 'toolSplit', draw: 'toolDraw', buildings: 'toolBuildings' }
export const toolHints: Record<Tool, MessageKey> = { select: 'hintSelect', split: 'hintSplit', draw: 'hintDraw', buildings: 'hintBuildings' }
