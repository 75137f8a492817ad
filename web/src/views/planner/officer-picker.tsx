import type { DirectoryPerson } from '@gridwatch/server/contracts'
import { useEffect, useRef, useState } from 'react'
import type { PlanGrid } from '../../api/plans'
import { useI18n } from '../../i18n'
import { officerChoices } from './officer-choices'

/** A person as the card names them: name, badge number, station (left out in the station's own list). */
export function OfficerName({ person, withStation = true }: { person: DirectoryPerson; withStation?: boolean }) {
  const { t } = useI18n()
  return (
    <span className="officer-name">
      <strong>{person.name}</strong>
      <span className="small muted">
        {[person.badgeNo ? t('officerBadge', { badge: person.badgeNo }) : null, withStation ? (person.station?.name ?? t('officerNoStation')) : null].filter(Boolean).join(' · ')}
      </span>
    </span>
  )
}

export interface OfficerPickerProps {
  /** The station's police officers (null while loading). */
  officers: readonly DirectoryPerson[] | null
  error: string | null
  grid: PlanGrid
  planGrids: readonly PlanGrid[]
  onChoose: (person: DirectoryPerson) => void
  onClose: () => void
}

/**
 * The station's police officers to choose the grid's 网格长 from, filtered by name or badge, each with
 * the grids they already answer for (in force, and in this plan) so the load can be spread.
 */
export function OfficerPicker({ officers, error, grid, planGrids, onChoose, onClose }: OfficerPickerProps) {
  const { t } = useI18n()
  const [query, setQuery] = useState('')
  const search = useRef<HTMLInputElement>(null)
  useEffect(() => search.current?.focus(), [])
  const current = grid.properties.responsibleOfficerId
  const station = officers?.find((p) => p.station)?.station?.name
  const choices = officers ? officerChoices(officers, planGrids, grid.properties.key, query) : []
  return (
    <div className="officer-picker" data-testid="officer-picker" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="section-head">
        <h4>{station ? t('officerPickerTitle', { station }) : t('officerPickerAnyStation')}</h4>
        <button onClick={onClose}>{t('officerClose')}</button>
      </div>
      <input ref={search} className="inline-input" type="search" value={query} placeholder={t('officerSearch')} aria-label={t('officerSearch')} onChange={(e) => setQuery(e.target.value)} />
      {error && <p className="form-error">{error}</p>}
      {!officers && !error && <p className="small muted">{t('officerLoading')}</p>}
      {officers && choices.length === 0 && <p className="small muted">{t('officerNoneFound')}</p>}
      <ul className="officer-list">
        {choices.map(({ person, inForce, inPlan }) => (
          <li key={person.id}>
            <button data-person-id={person.id} aria-pressed={person.id === current} onClick={() => (person.id === current ? onClose() : onChoose(person))}>
              <span className="officer-row">
                <OfficerName person={person} withStation={false} />
                {person.id === current && <span className="badge good">{t('officerCurrent')}</span>}
              </span>
              <span className="small muted officer-duties">
                {inForce.length > 0 ? t('officerDuties', { names: inForce.join('、') }) : t('officerNoDuties')}
                {inPlan.length > 0 && ` · ${t('officerInPlan', { names: inPlan.join('、') })}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
