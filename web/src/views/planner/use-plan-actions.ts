import { booleanPointInPolygon } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { AreaCollection, AreaProperties } from '../../api/map-data'
import type { PlanGrid, PlanGridProperties } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { MessageKey } from '../../i18n/messages'
import type { PlannerFormat } from './format'
import { moveFootprints } from './building-moves'
import { carveGrid, deleteGrids, freshKeys, lineTouches, mergeGrids, reshapeGrid, splitGrids, type Outline } from './plan-geometry'
import type { Tool } from './tools'

export type Notice = { text: string; tone: 'info' | 'warn' } | null

const NOTICE_MS = 6000

/** The map's notice (what an edit did, or why it did nothing), gone after a few seconds. */
export function useNotice() {
  const [notice, setNotice] = useState<Notice>(null)
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS)
    return () => window.clearTimeout(timer)
  }, [notice])
  return [notice, setNotice] as const
}

export interface PlanActionsInput {
  grids: PlanGrid[] | null
  editable: boolean
  edit: (next: PlanGrid[]) => void
  selected: readonly string[]
  setSelected: (keys: string[]) => void
  setTool: (tool: Tool) => void
  setNotice: (notice: Notice) => void
  areas: AreaCollection | null
  planArea: Feature<MultiPolygon, AreaProperties> | null
  fmt: PlannerFormat
}

/** The planner's edits, from a gesture (on the map or a button) to the next state of the plan. */
export function usePlanActions(input: PlanActionsInput) {
  const { t } = useI18n()
  const latest = useRef(input)
  latest.current = input

  // The communities a new grid may belong to: the plan's own, or the township's.
  const communities = useMemo(() => {
    const area = input.planArea?.properties
    if (!area || !input.areas) return []
    return input.areas.features.filter((f) => f.properties.level === 'community' && (f.properties.id === area.id || f.properties.parentId === area.id))
  }, [input.areas, input.planArea])
  const communityAt = (at: Position) => communities.find((c) => booleanPointInPolygon(at, c.geometry))?.properties.id ?? null

  return useMemo(() => {
    /** Runs an edit on the current grids when the plan may change. */
    const withGrids = (work: (grids: PlanGrid[]) => void) => {
      const { grids, editable } = latest.current
      if (grids && editable) work(grids)
    }
    const warn = (key: MessageKey) => latest.current.setNotice({ text: t(key), tone: 'warn' })
    const info = (text: string) => latest.current.setNotice({ text, tone: 'info' })
    return {
      line: (line: Position[]) =>
        withGrids((grids) => {
          const result = splitGrids(grids, line, (base, n) => `${base}-${n}`)
          if (result.cut.length === 0) return warn(lineTouches(grids, line) ? 'splitNone' : 'splitMissed')
          latest.current.edit(result.grids)
          latest.current.setSelected([...result.cut, ...result.created])
          latest.current.setTool('select')
          info(t('splitDone', { n: result.cut.length }))
        }),
      polygon: (drawn: Polygon) =>
        withGrids((grids) => {
          const [key] = freshKeys(grids, 1)
          const result = carveGrid(grids, drawn, { key: key!, name: t('newGridName', { key: key! }), clip: latest.current.planArea?.geometry ?? null, communityAt })
          if ('error' in result) return warn(result.error)
          latest.current.edit(result.grids)
          latest.current.setSelected([key!])
          latest.current.setTool('select')
        }),
      reshape: (key: string, geometry: Outline) => withGrids((grids) => latest.current.edit(reshapeGrid(grids, key, geometry))),
      /** A stroke of the building tool: all its footprints move as one edit (one undo step, one save). */
      buildings: (footprints: Outline[]) =>
        withGrids((grids) => {
          const target = latest.current.selected.length === 1 ? grids.find((g) => g.properties.key === latest.current.selected[0]) : undefined
          if (!target) return warn('buildingNoTarget')
          const result = moveFootprints(grids, target.properties.key, footprints)
          if (!result.ok) {
            if (result.reason !== 'buildingNotNeighbour') return warn(result.reason)
            const far = result.far.map((key) => grids.find((g) => g.properties.key === key)?.properties.name ?? key).join('”“')
            return latest.current.setNotice({ text: t('buildingNotNeighbour', { far, name: target.properties.name }), tone: 'warn' })
          }
          latest.current.edit(result.grids)
          const vars = { n: result.buildings, area: latest.current.fmt.area(result.movedM2), name: target.properties.name }
          info(t(result.buildings > 1 ? 'buildingsMoved' : 'buildingMoved', vars))
        }),
      merge: () =>
        withGrids((grids) => {
          const result = mergeGrids(grids, latest.current.selected)
          if ('error' in result) return warn(result.error)
          latest.current.edit(result.grids)
          latest.current.setSelected([result.kept])
        }),
      remove: () =>
        withGrids((grids) => {
          if (latest.current.selected.length === 0) return warn('notAGrid')
          latest.current.edit(deleteGrids(grids, latest.current.selected))
          latest.current.setSelected([])
        }),
      change: (key: string, change: Partial<PlanGridProperties>) =>
        withGrids((grids) => latest.current.edit(grids.map((g) => (g.properties.key === key ? { ...g, properties: { ...g.properties, ...change } } : g)))),
    }
    // `communityAt` reads the memoised communities; the rest comes through `latest`.
  }, [communities, t])
}
