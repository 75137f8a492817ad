import { useEffect, useState } from 'react'
import type { PlanGrid, PlanGridProperties } from '../../api/plans'
import { useI18n } from '../../i18n'
import type { PlannerFormat } from './format'
import { OfficerName, OfficerPicker } from './officer-picker'
import { areaM2 } from './plan-geometry'
import { useOfficers } from './use-officers'

export interface SelectedGridProps {
  grids: PlanGrid[]
  /** Every grid of the plan (whom the plan already names 网格长 of which grid). */
  planGrids: readonly PlanGrid[]
  communityName: (id: number) => string
  editable: boolean
  /** A property of one grid changed (its name, its kind, its 网格长): an undoable edit. */
  onChange: (key: string, change: Partial<PlanGridProperties>) => void
  fmt: PlannerFormat
}

/**
 * The selected grid's card on the map: name and kind (editable), community, code, 网格长 (chosen from
 * the police officers of the community's station), area.
 */
export function SelectedGrid({ grids, planGrids, communityName, editable, onChange, fmt }: SelectedGridProps) {
  const { t } = useI18n()
  const grid = grids.length === 1 ? grids[0]! : null
  const [name, setName] = useState(grid?.properties.name ?? '')
  const [picking, setPicking] = useState(false)
  useEffect(() => setName(grid?.properties.name ?? ''), [grid?.properties.key, grid?.properties.name])
  useEffect(() => setPicking(false), [grid?.properties.key, editable])
  const officerId = grid?.properties.responsibleOfficerId ?? null
  const officers = useOfficers(grid?.properties.communityId ?? null, officerId)
  if (grids.length === 0) return null
  if (!grid) {
    return (
      <div className="selected-grid" data-testid="selected-grid">
        <h3>{t('gridsSelected', { n: grids.length })}</h3>
        <p className="small muted">{grids.map((g) => g.properties.name).join('、')}</p>
      </div>
    )
  }
  const p = grid.properties
  const commitName = () => {
    const trimmed = name.trim()
    if (trimmed && trimmed !== p.name) onChange(p.key, { name: trimmed })
    else setName(p.name)
  }
  return (
    <div className="selected-grid" data-testid="selected-grid" data-key={p.key}>
      <h3>{t('selectedGrid')}</h3>
      <dl className="facts">
        <dt>{t('gridName')}</dt>
        <dd>
          {editable ? (
            <input
              className="inline-input"
              value={name}
              maxLength={100}
              onChange={(e) => setName(e.target.value)}
              onBlur={commitName}
              onKeyDown={(e) => {
                if (e.key === 'Enter') (e.target as HTMLInputElement).blur()
                if (e.key === 'Escape') setName(p.name)
              }}
            />
          ) : (
            p.name
          )}
        </dd>
        <dt>{t('gridKind')}</dt>
        <dd>
          {editable ? (
            <select className="inline-input" value={p.kind} onChange={(e) => onChange(p.key, { kind: e.target.value as PlanGridProperties['kind'] })}>
              <option value="base">{t('gridKindBase')}</option>
              <option value="dedicated">{t('gridKindDedicated')}</option>
            </select>
          ) : (
            t(p.kind === 'base' ? 'gridKindBase' : 'gridKindDedicated')
          )}
        </dd>
        <dt>{t('community')}</dt>
        <dd>{communityName(p.communityId)}</dd>
        <dt>{t('code')}</dt>
        <dd className="mono">{p.code ?? t('newCode')}</dd>
        <dt>{t('officer')}</dt>
        <dd className="officer-cell" data-testid="grid-officer" data-officer-id={officerId ?? ''}>
          {officerId === null ? <span className="bad">{t('officerNone')}</span> : officers.current ? <OfficerName person={officers.current} /> : t('officerId', { id: officerId })}
          {editable && !picking && (
            <button onClick={() => setPicking(true)} data-action="change-officer">
              {t('officerChange')}
            </button>
          )}
        </dd>
        <dt>{t('area')}</dt>
        <dd>{fmt.area(areaM2(grid.geometry))}</dd>
      </dl>
      {editable && picking && (
        <OfficerPicker
          officers={officers.officers}
          error={officers.error}
          grid={grid}
          planGrids={planGrids}
          onChoose={(person) => {
            onChange(p.key, { responsibleOfficerId: person.id })
            setPicking(false)
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  )
}
