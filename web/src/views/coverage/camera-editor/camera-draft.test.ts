import type { CameraRecord } from '@gridwatch/server/contracts'
import { describe, expect, it } from 'vitest'
import { changesOf, draftOf, inputOf, newDraft, notNumeric, sectorOf } from './camera-draft'

const createCamera = (over: Partial<CameraRecord> = {}): CameraRecord => ({
  id: 7,
  code: 'XL-0007',
  name: '人民路口',
  lon: 120.23,
  lat: 29.69,
  bearing: 90,
  fov: 60,
  rangeM: 80,
  heightM: 6,
  kind: 'fixed',
  status: 'offline',
  owner: 'public',
  stationId: 3,
  installedOn: '2024-05-01',
  statusChangedAt: '2026-01-01T00:00:00.000Z',
  viewAreaM2: 3300,
  grid: { id: 1, code: '330699001001001', name: '一号网格' },
  ...over,
})

describe('the camera form → API bodies', () => {
  it('registers what was typed: numbers as numbers, names trimmed, an empty date as none', () => {
    const draft = { ...newDraft({ lon: 120.2, lat: 29.7 }, 4), code: ' XL-9 ', name: ' 东门 ', bearing: '135', fov: '75.5', rangeM: '120', heightM: '4.5', owner: 'community' as const }
    expect(inputOf(draft)).toEqual({
      code: 'XL-9',
      name: '东门',
      lon: 120.2,
      lat: 29.7,
      bearing: 135,
      fov: 75.5,
      rangeM: 120,
      heightM: 4.5,
      kind: 'fixed',
      status: 'online',
      owner: 'community',
      stationId: 4,
      installedOn: null,
    })
    expect(inputOf({ ...draft, installedOn: '2026-02-03' }).installedOn).toBe('2026-02-03')
  })

  it('finds a number box that does not hold a number (an empty one included) before anything is sent', () => {
    const draft = newDraft({ lon: 120.2, lat: 29.7 }, null)
    expect(notNumeric(draft)).toBeNull()
    expect(notNumeric({ ...draft, fov: 'wide' })).toBe('fov')
    expect(notNumeric({ ...draft, rangeM: '  ' })).toBe('rangeM')
    expect(notNumeric({ ...draft, bearing: '400' })).toBeNull()
  })

  it('patches only the fields that changed, and nothing when the form is as stored', () => {
    const camera = createCamera()
    const draft = draftOf(camera)
    expect(changesOf(camera, draft)).toEqual({})
    expect(changesOf(camera, { ...draft, bearing: '90.0', name: '人民路口 ' })).toEqual({})
    expect(changesOf(camera, { ...draft, bearing: '200' })).toEqual({ bearing: 200 })
    expect(changesOf(camera, { ...draft, status: 'online', installedOn: '' })).toEqual({ status: 'online', installedOn: null })
    expect(changesOf(camera, { ...draft, lat: 29.691 })).toEqual({ lon: 120.23, lat: 29.691 })
    expect(changesOf(camera, { ...draft, stationId: null, kind: 'dome' })).toEqual({ stationId: null, kind: 'dome' })
  })

  it('previews the sector while its numbers read, capped at a full circle', () => {
    const draft = draftOf(createCamera())
    expect(sectorOf(draft)).toEqual({ lon: 120.23, lat: 29.69, bearing: 90, fov: 60, rangeM: 80, kind: 'fixed' })
    expect(sectorOf({ ...draft, fov: '400' })?.fov).toBe(360)
    expect(sectorOf({ ...draft, rangeM: '' })).toBeNull()
    expect(sectorOf({ ...draft, fov: '0' })).toBeNull()
  })
})
