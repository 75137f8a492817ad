import { ScatterplotLayer } from '@deck.gl/layers'

/** A live incident that just arrived, pulsing for a few seconds. */
export interface Pulse {
  id: number
  position: [number, number]
  color: readonly [number, number, number]
  /** performance.now() when it arrived. */
  startedAt: number
}

/** How long a new incident pulses, ms. */
export const PULSE_MS = 8000
const RING_MS = 1600

/**
 * Expanding rings around incidents that just arrived on the live feed, so a new one catches the eye
 * across the room. A handful of items: the radius and fade are computed per frame from `now`.
 */
export function createIncidentPulseLayer(pulses: readonly Pulse[], options: { now: number; visible: boolean; scale: number }) {
  const { now, scale } = options
  const age = (p: Pulse) => Math.max(0, now - p.startedAt)
  return new ScatterplotLayer<Pulse>({
    id: 'incident-pulse',
    data: pulses,
    getPosition: (p) => p.position,
    radiusUnits: 'pixels',
    getRadius: (p) => (10 + ((age(p) % RING_MS) / RING_MS) * 34) * scale,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 3 * scale,
    getLineColor: (p) => [...p.color, Math.round(255 * (1 - (age(p) % RING_MS) / RING_MS) * (1 - age(p) / PULSE_MS))] as [number, number, number, number],
    getFillColor: (p) => [...p.color, Math.round(110 * (1 - age(p) / PULSE_MS))] as [number, number, number, number],
    updateTriggers: { getRadius: [now, scale], getLineColor: now, getFillColor: now },
    visible: options.visible,
  })
}
