/**
 * The incidents on the map as growable columns: the window's incidents from the Arrow response, then
 * every live incident appended at the end. Nothing here is per-incident JS objects: the map layers
 * read these typed arrays (through GPU buffers that receive only the appended rows, see
 * map/incident-gpu-columns.ts), so a million incidents cost a few tens of megabytes and no garbage.
 *
 * Positions are float32 offsets in degrees from `origin` (deck.gl's LNGLAT_OFFSETS: millimetre
 * precision in a county, where float32 lon/lat would be off by a metre), and times are float32
 * minutes after `windowStart` (exact to about 2 s over a year, where float32 epoch milliseconds
 * would be off by minutes).
 */

const MS_PER_MINUTE = 60_000
const PACK = 2 ** 22 // rows per id in the sorted id index (id * PACK + row stays below 2^53)

export interface IncidentColumnsInput {
  length: number
  id: ArrayLike<number>
  lon: ArrayLike<number>
  lat: ArrayLike<number>
  /** Report time, epoch milliseconds. */
  time: ArrayLike<number>
  /** Index into `categoryCodes`. */
  category: ArrayLike<number>
}

export interface IncidentPointInput {
  id: number
  lon: number
  lat: number
  /** Report time, epoch milliseconds. */
  time: number
  category: string
}

let generations = 0

export class IncidentPoints {
  /** Changes when the columns are replaced (a new window); appends keep it. */
  readonly generation = ++generations
  length = 0
  /** Bumped on every change, for React and the layers' update checks. */
  version = 0
  ids: Int32Array
  times: Float64Array
  /** [dLon, dLat] per incident, degrees from `origin`. */
  offsets: Float32Array
  /** Minutes after `windowStart`. */
  minutes: Float32Array
  /** RGBA per incident, by category. */
  colors: Uint8Array
  categories: Uint8Array
  /** Sorted `id * PACK + row` of the rows loaded at once; appended rows live in `appendedRows`. */
  private readonly loadedIndex: Float64Array
  private readonly appendedRows = new Map<number, number>()

  constructor(
    readonly origin: [number, number],
    readonly windowStart: number,
    /** Category codes in the order of the category column's indexes. */
    readonly categoryCodes: readonly string[],
    private readonly colorOf: (code: string) => readonly [number, number, number],
    columns: IncidentColumnsInput,
  ) {
    const capacity = Math.max(1024, Math.ceil(columns.length * 1.25))
    this.ids = new Int32Array(capacity)
    this.times = new Float64Array(capacity)
    this.offsets = new Float32Array(capacity * 2)
    this.minutes = new Float32Array(capacity)
    this.colors = new Uint8Array(capacity * 4)
    this.categories = new Uint8Array(capacity)
    const palette = categoryCodes.map((code) => colorOf(code))
    this.loadedIndex = new Float64Array(columns.length)
    for (let i = 0; i < columns.length; i++) {
      const category = columns.category[i]!
      this.write(i, columns.id[i]!, columns.lon[i]!, columns.lat[i]!, columns.time[i]!, category, palette[category] ?? [154, 165, 177])
      this.loadedIndex[i] = columns.id[i]! * PACK + i
    }
    this.loadedIndex.sort()
    this.length = columns.length
  }

  /** The row of an incident, or -1. */
  rowOf(id: number): number {
    const appended = this.appendedRows.get(id)
    if (appended !== undefined) return appended
    const index = this.loadedIndex
    let lo = 0
    let hi = index.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const midId = Math.floor(index[mid]! / PACK)
      if (midId === id) return index[mid]! - midId * PACK
      if (midId < id) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  has = (id: number) => this.rowOf(id) >= 0

  /** Appends an incident unless it is there already (the live feed and the first load overlap). */
  append(incident: IncidentPointInput): boolean {
    if (incident.time < this.windowStart || this.has(incident.id)) return false
    if (this.length === this.ids.length) this.grow()
    const index = this.categoryCodes.indexOf(incident.category)
    this.write(this.length, incident.id, incident.lon, incident.lat, incident.time, Math.max(0, index), this.colorOf(incident.category))
    this.appendedRows.set(incident.id, this.length)
    this.length++
    this.version++
    return true
  }

  /** Minutes after the window start of an instant (epoch ms), as the time filter uses them. */
  minutesOf = (epochMs: number) => (epochMs - this.windowStart) / MS_PER_MINUTE
  epochOf = (minutes: number) => this.windowStart + minutes * MS_PER_MINUTE

  private write(row: number, id: number, lon: number, lat: number, time: number, category: number, color: readonly number[]) {
    this.ids[row] = id
    this.times[row] = time
    this.offsets[2 * row] = lon - this.origin[0]
    this.offsets[2 * row + 1] = lat - this.origin[1]
    this.minutes[row] = (time - this.windowStart) / MS_PER_MINUTE
    this.categories[row] = category
    this.colors[4 * row] = color[0]!
    this.colors[4 * row + 1] = color[1]!
    this.colors[4 * row + 2] = color[2]!
    this.colors[4 * row + 3] = 235
  }

  /** Doubles the capacity (amortised: a long shift of live incidents costs a handful of copies). */
  private grow() {
    const capacity = this.ids.length * 2
    const grown = <T extends Int32Array | Float64Array | Float32Array | Uint8Array>(old: T, perRow: number, make: (n: number) => T) => {
      const next = make(capacity * perRow)
      next.set(old)
      return next
    }
    this.ids = grown(this.ids, 1, (n) => new Int32Array(n))
    this.times = grown(this.times, 1, (n) => new Float64Array(n))
    this.offsets = grown(this.offsets, 2, (n) => new Float32Array(n))
    this.minutes = grown(this.minutes, 1, (n) => new Float32Array(n))
    this.colors = grown(this.colors, 4, (n) => new Uint8Array(n))
    this.categories = grown(this.categories, 1, (n) => new Uint8Array(n))
  }
}
