import type { DirectoryPerson } from '@gridwatch/server/contracts'
import type { Polygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { PlanGrid } from '../../api/plans'
import { matchesOfficer, officerChoices } from './officer-choices'

const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }

const createPerson = (id: number, name: string, badgeNo: string | null, gridNames: string[] = []): DirectoryPerson => ({
  id,
  name,
  role: 'police_officer',
  badgeNo,
  station: { id: 1, name: '城东派出所' },
  organisation: null,
  duties: [
    ...gridNames.map((gridName, i) => ({ gridId: i + 1, gridCode: `3306990010010${String(i).padStart(2, '0')}`, gridName, duty: 'responsible_officer' as const })),
    { gridId: 99, gridCode: '330699001001099', gridName: '协管网格', duty: 'assistant' as const },
  ],
})

const createGrid = (key: string, name: string, responsibleOfficerId: number | null): PlanGrid => ({
  type: 'Feature',
  geometry: square,
  properties: { key, name, kind: 'base', communityId: 1, sourceGridId: null, code: null, responsibleOfficerId },
})

describe('matchesOfficer', () => {
  it('finds an officer by part of the name or of the badge number, ignoring case and spaces around', () => {
    const wang = createPerson(1, '王建国', 'A0123')
    expect(matchesOfficer(wang, ' 建国 ')).toBe(true)
    expect(matchesOfficer(wang, 'a01')).toBe(true)
    expect(matchesOfficer(wang, '')).toBe(true)
    expect(matchesOfficer(wang, '李')).toBe(false)
    expect(matchesOfficer(createPerson(2, '李四', null), '01')).toBe(false)
  })
})

describe('officerChoices', () => {
  it('lists each officer with the grids in force they lead and the plan’s other grids naming them', () => {
    const people = [createPerson(1, '王建国', 'A0123', ['东门网格', '西街网格']), createPerson(2, '李四', 'B0456')]
    const grids = [createGrid('g1', '一号网格', 1), createGrid('g2', '二号网格', 1), createGrid('g3', '三号网格', null)]
    const choices = officerChoices(people, grids, 'g1', '')
    expect(choices.map((c) => c.person.id)).toEqual([1, 2])
    // Only 网格长 duties count; the grid being edited is not "another grid".
    expect(choices[0]).toMatchObject({ inForce: ['东门网格', '西街网格'], inPlan: ['二号网格'] })
    expect(choices[1]).toMatchObject({ inForce: [], inPlan: [] })
  })

  it('keeps only the officers matching the query', () => {
    const people = [createPerson(1, '王建国', 'A0123'), createPerson(2, '李四', 'B0456')]
    expect(officerChoices(people, [], 'g1', 'b04').map((c) => c.person.name)).toEqual(['李四'])
  })
})
