import type { Layer } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { DisputeRecord } from '@gridwatch/server/contracts'
import type { AreaCollection, GridCollection } from '../../api/map-data'
import type { Rgba } from '../../map/choropleth'
import { createAreasLayer } from '../../map/layers/areas-layer'
import { createGridsLayer } from '../../map/layers/grids-layer'
import { tierColours } from './dispute-labels'

const BELOW_LABELS = 'labels-township'
/** Grids stay dark: the cases carry the colour. */
const noFills: ReadonlyMap<number, Rgba> = new Map()

export interface DisputeLayerInput {
  grids: GridCollection
  areas: AreaCollection
  /** Open cases in scope. */
  cases: readonly DisputeRecord[]
  /** The case on the panel (drawn even when it is closed and so not among `cases`). */
  selected: DisputeRecord | null
  /** The grid the list is filtered by. */
  gridId: number | null
  /** Where a new case is being opened. */
  picked: [number, number] | null
  zoom: number
}

type CaseRgba = [number, number, number, number]

/** The colour of a case by its tier; overdue cases get a white ring, the selected one a yellow one. */
export const caseFill = (d: Pick<DisputeRecord, 'tier'>): CaseRgba => [...tierColours[d.tier], 235]
export const caseRing = (d: Pick<DisputeRecord, 'overdue' | 'id'>, selectedId: number | null): CaseRgba =>
  d.id === selectedId ? [255, 225, 90, 255] : d.overdue ? [255, 255, 255, 255] : [8, 14, 26, 220]

/**
 * The disputes map, bottom to top: grids (pickable, to filter by one), township and community outlines,
 * open cases by tier (overdue ringed), the selected case, and the place picked for a new case. Pure:
 * the same input gives the same layers with stable ids.
 */
export function disputeLayers(input: DisputeLayerInput): Layer[] {
  const selectedId = input.selected?.id ?? null
  const shown = input.selected && !input.cases.some((c) => c.id === selectedId) ? [...input.cases, input.selected] : input.cases
  const radius = input.zoom >= 14 ? 10 : input.zoom >= 12 ? 8 : 6.5
  const layers: (Layer | null)[] = [
    createGridsLayer(input.grids, { fills: noFills, selectedId: input.gridId, visible: true, scale: 1, zoom: input.zoom, beforeId: BELOW_LABELS }),
    createAreasLayer(input.areas, { visible: true, scale: 1, beforeId: BELOW_LABELS }),
    new ScatterplotLayer<DisputeRecord>({
      id: 'dispute-cases',
      data: shown as DisputeRecord[],
      pickable: true,
      stroked: true,
      filled: true,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      getPosition: (d) => [d.lon, d.lat],
      getRadius: (d) => (d.id === selectedId ? radius + 4 : radius),
      getFillColor: caseFill,
      getLineColor: (d) => caseRing(d, selectedId),
      getLineWidth: (d) => (d.id === selectedId ? 3.5 : d.overdue ? 2.5 : 1),
      updateTriggers: { getRadius: [selectedId, radius], getLineColor: selectedId, getLineWidth: selectedId },
    }),
    input.picked &&
      new ScatterplotLayer<[number, number]>({
        id: 'dispute-pick',
        data: [input.picked],
        getPosition: (p) => p,
        radiusUnits: 'pixels',
        getRadius: 10,
        stroked: true,
        filled: true,
        getFillColor: [79, 182, 255, 90],
        getLineColor: [79, 182, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
  ]
  return layers.filter((l): l is Layer => l !== null)
}
