import { Buffer, type Device } from '@luma.gl/core'
import type { IncidentPoints } from '../live/incident-points'

/** The binary data the incident layers draw: GPU buffers shared by the heat map and the points. */
export interface IncidentLayerData {
  length: number
  /** The IncidentPoints generation these rows belong to (a new window starts a new one). */
  generation: number
  attributes: {
    getPosition: { buffer: Buffer; type: 'float32'; size: 2; stride: 8; offset: 0 }
    getFilterValue: { buffer: Buffer; type: 'float32'; size: 1; stride: 4; offset: 0 }
    getFillColor: { buffer: Buffer; type: 'unorm8'; size: 4; stride: 4; offset: 0 }
  }
}

/**
 * Keeps GPU copies of the incident columns: the window is uploaded once, then each sync writes only
 * the rows appended since (a live incident is 16 bytes, not a re-upload of a million). The buffers are
 * handed to deck.gl as external binary attributes, so several layers read the same memory; a new
 * attributes object (and a full upload) happens only when the capacity doubles or the window changes.
 */
export class IncidentGpuColumns {
  private attributes: IncidentLayerData['attributes'] | null = null
  private generation = -1
  private capacity = 0
  private uploaded = 0
  private retired = new Set<ReturnType<typeof setTimeout>>()
  private last: IncidentLayerData | null = null

  constructor(private readonly device: Device) {}

  sync(points: IncidentPoints): IncidentLayerData {
    const unchanged = this.last && this.last.generation === points.generation && this.capacity === points.ids.length && this.last.length === points.length
    if (unchanged) return this.last!
    if (!this.attributes || points.generation !== this.generation || points.ids.length !== this.capacity) {
      this.allocate(points)
    } else if (points.length > this.uploaded) {
      const from = this.uploaded
      const to = points.length
      this.attributes.getPosition.buffer.write(points.offsets.subarray(2 * from, 2 * to), 8 * from)
      this.attributes.getFilterValue.buffer.write(points.minutes.subarray(from, to), 4 * from)
      this.attributes.getFillColor.buffer.write(points.colors.subarray(4 * from, 4 * to), 4 * from)
    }
    this.uploaded = points.length
    this.last = { length: points.length, generation: points.generation, attributes: this.attributes! }
    return this.last
  }

  destroy() {
    for (const timer of this.retired) clearTimeout(timer)
    this.retired.clear()
    if (this.attributes) for (const a of Object.values(this.attributes)) a.buffer.destroy()
    this.attributes = null
    this.last = null
  }

  private retire(buffers: Buffer[]) {
    const timer = setTimeout(() => {
      this.retired.delete(timer)
      for (const buffer of buffers) buffer.destroy()
    }, RETIRE_MS)
    this.retired.add(timer)
  }

  private allocate(points: IncidentPoints) {
    // Layers may still draw the old buffers for a while: deck.gl applies new props in its next frame,
    // and a hidden heat map re-sums on a timer. Destroy them only once every layer has moved on.
    if (this.attributes) this.retire(Object.values(this.attributes).map((a) => a.buffer))
    const buffer = (data: ArrayBufferView) => this.device.createBuffer({ usage: Buffer.VERTEX | Buffer.COPY_DST, data })
    this.attributes = {
      getPosition: { buffer: buffer(points.offsets), type: 'float32', size: 2, stride: 8, offset: 0 },
      getFilterValue: { buffer: buffer(points.minutes), type: 'float32', size: 1, stride: 4, offset: 0 },
      getFillColor: { buffer: buffer(points.colors), type: 'unorm8', size: 4, stride: 4, offset: 0 },
    }
    this.generation = points.generation
    this.capacity = points.ids.length
  }
}

/** How long replaced buffers live on: many frames, and longer than the heat map's 500 ms re-sum delay. */
const RETIRE_MS = 5000

/** Tells deck.gl which rows changed: only the appended ones when the columns merely grew. */
export function appendedRows(next: IncidentLayerData, previous: IncidentLayerData | undefined) {
  if (!previous || previous.generation !== next.generation || previous.attributes !== next.attributes || next.length < previous.length) return undefined
  return [{ startRow: previous.length, endRow: next.length }]
}
