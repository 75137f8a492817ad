/**
 * When did an incident first reach the screen? An appended incident waits until the layers have
 * been given data that contains its row, and is stamped at the end of the next frame deck.gl draws
 * (onAfterRender) — the screen end of the event-to-screen latency. Incidents of the first load share
 * the stamp of the first frame drawn with that load.
 */
export class DrawClock {
  private readonly waiting = new Map<number, { generation: number; row: number }>()
  private readonly stamped = new Map<number, number>()
  private readonly loadStamps = new Map<number, number>()
  private given: { generation: number; length: number } | null = null

  /** An incident was appended at `row` of the columns of `generation`. */
  appended(id: number, generation: number, row: number) {
    if (this.stamped.has(id)) return
    this.waiting.set(id, { generation, row })
    // While every incident layer is hidden nothing is stamped: keep the newest waiting ones only.
    if (this.waiting.size > 10_000) for (const old of [...this.waiting.keys()].slice(0, 5_000)) this.waiting.delete(old)
  }

  /** The layers were just given the incident data of `generation` with `length` rows. */
  dataGiven(generation: number, length: number) {
    // A new window replaces the columns: incidents still waiting for the old one will never be drawn from it.
    if (this.given && this.given.generation !== generation) for (const [id, w] of this.waiting) if (w.generation !== generation) this.waiting.delete(id)
    this.given = { generation, length }
  }

  /** deck.gl finished a frame; `drawsIncidents`: an incident layer is visible. */
  afterRender(drawsIncidents: boolean) {
    const given = this.given
    if (!given || !drawsIncidents) return
    const now = performance.timeOrigin + performance.now()
    if (!this.loadStamps.has(given.generation)) this.loadStamps.set(given.generation, now)
    for (const [id, w] of this.waiting) {
      if (w.generation !== given.generation || w.row >= given.length) continue
      this.stamped.set(id, now)
      this.waiting.delete(id)
    }
    // Bounded memory on a wall that runs for weeks: keep the newest stamps.
    if (this.stamped.size > 10_000) for (const id of [...this.stamped.keys()].slice(0, 5_000)) this.stamped.delete(id)
  }

  /** Epoch ms (performance.timeOrigin + performance.now()) of the first frame with the incident, or null. */
  firstDrawnAt(id: number, loaded: { generation: number; has: boolean } | null): number | null {
    const stamp = this.stamped.get(id)
    if (stamp !== undefined) return stamp
    if (loaded?.has && !this.waiting.has(id)) return this.loadStamps.get(loaded.generation) ?? null
    return null
  }
}
