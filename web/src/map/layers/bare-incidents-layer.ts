import { COORDINATE_SYSTEM } from '@deck.gl/core'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { IncidentLayerData } from '../incident-gpu-columns'

/** `?bench=bare-scatterplot`: the benchmark's baseline instead of the wall's layers. */
export const bareBaseline = new URLSearchParams(window.location.search).get('bench') === 'bare-scatterplot'

/**
 * The benchmark's baseline (`pnpm bench`): the same incident buffers in a plain ScatterplotLayer — no
 * time filter, no heat map, no other layer — so the wall's frame time has something to be compared with.
 */
export function createBareIncidentsLayer(data: IncidentLayerData, origin: [number, number]) {
  return new ScatterplotLayer({
    id: 'incident-bare',
    data: data as never,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [origin[0], origin[1], 0],
    radiusUnits: 'pixels',
    getRadius: 3,
  })
}
