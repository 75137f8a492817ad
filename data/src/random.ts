/** Seeded, fast, reproducible randomness (sfc32). The demo county must come out the same for the same seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number
  range(min: number, max: number): number
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number
  normal(mean?: number, sd?: number): number
  /** Log-normal with the given median; `sigma` is the sd of the underlying normal. */
  logNormal(median: number, sigma: number): number
  /** A new independent stream derived from this one (keeps parts of the generator decoupled). */
  fork(label: string): Random
}

export function createRandom(seed: number): Random {
  let a = 0x9e3779b9 ^ seed
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b)
  let c = 0xb7e15162
  let d = 1
  const raw = () => {
    a |= 0; b |= 0; c |= 0; d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 15; i++) raw()
  let spare: number | undefined
  const random: Random = {
    next: raw,
    range: (min, max) => min + (max - min) * raw(),
    int: (min, max) => min + Math.floor(raw() * (max - min + 1)),
    chance: (p) => raw() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(raw() * items.length)]!
    },
    weightedIndex: (weights) => {
      let total = 0
      for (const w of weights) total += w
      let r = raw() * total
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]!
        if (r < 0) return i
      }
      return weights.length - 1
    },
    normal: (mean = 0, sd = 1) => {
      if (spare !== undefined) {
        const s = spare
        spare = undefined
        return mean + sd * s
      }
      let u = 0
      while (u === 0) u = raw()
      const v = raw()
      const mag = Math.sqrt(-2 * Math.log(u))
      spare = mag * Math.sin(2 * Math.PI * v)
      return mean + sd * mag * Math.cos(2 * Math.PI * v)
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * random.normal()),
    fork: (label) => {
      let h = seed ^ 0x811c9dc5
      for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193)
      return createRandom(h ^ Math.floor(raw() * 0xffffffff))
    },
  }
  return random
}

/** Picks from a cumulative weight table in O(log n); for drawing hundreds of thousands of samples. */
export function createWeightedSampler(weights: ArrayLike<number>) {
  const cumulative = new Float64Array(weights.length)
  let total = 0
  for (let i = 0; i < weights.length; i++) {
    total += weights[i]!
    cumulative[i] = total
  }
  return (random: Random) => {
    const r = random.next() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid]! > r) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
