/** Minimal binary min-heap keyed by a number; used for region growing (multi-source Dijkstra). */
export class MinHeap<T> {
  private keys: number[] = []
  private values: T[] = []

  get size() {
    return this.keys.length
  }

  push(key: number, value: T) {
    this.keys.push(key)
    this.values.push(value)
    let i = this.keys.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.swap(i, parent)
      i = parent
    }
  }

  pop(): { key: number; value: T } | undefined {
    if (this.keys.length === 0) return undefined
    const top = { key: this.keys[0]!, value: this.values[0]! }
    const lastKey = this.keys.pop()!
    const lastValue = this.values.pop()!
    if (this.keys.length > 0) {
      this.keys[0] = lastKey
      this.values[0] = lastValue
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < this.keys.length && this.keys[l]! < this.keys[m]!) m = l
        if (r < this.keys.length && this.keys[r]! < this.keys[m]!) m = r
        if (m === i) break
        this.swap(i, m)
        i = m
      }
    }
    return top
  }

  private swap(a: number, b: number) {
    ;[this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!]
    ;[this.values[a], this.values[b]] = [this.values[b]!, this.values[a]!]
  }
}

/**
 * Grows regions from seed nodes over a graph: each node joins the region that reaches it at the least
 * cost. Regions come out contiguous because a node is only ever reached through a neighbour.
 * Nodes not allowed (`allowed` false) are never entered. Returns the region index per node (-1 = none).
 */
export function growRegions(options: {
  nodeCount: number
  neighbours: (node: number) => Iterable<number>
  seeds: readonly number[]
  stepCost: (from: number, to: number, region: number) => number
  allowed?: (node: number) => boolean
}): Int32Array {
  const region = new Int32Array(options.nodeCount).fill(-1)
  const best = new Float64Array(options.nodeCount).fill(Infinity)
  const heap = new MinHeap<{ node: number; region: number }>()
  options.seeds.forEach((node, r) => {
    best[node] = 0
    heap.push(0, { node, region: r })
  })
  for (let item = heap.pop(); item; item = heap.pop()) {
    const { node, region: r } = item.value
    if (region[node] !== -1) continue
    region[node] = r
    for (const next of options.neighbours(node)) {
      if (region[next] !== -1 || (options.allowed && !options.allowed(next))) continue
      const cost = item.key + options.stepCost(node, next, r)
      if (cost < best[next]!) {
        best[next] = cost
        heap.push(cost, { node: next, region: r })
      }
    }
  }
  return region
}
