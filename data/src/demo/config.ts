import type { LngLat } from '../geo'

export interface DemoSizes {
  stations: number
  townships: number
  /** How many of the townships are urban 街道 sharing the county seat. */
  streets: number
  communities: number
  grids: number
  posts: number
  cameras: number
  /** Incidents in the last 12 months; the 12 months before have ~7% more (a falling trend). */
  incidentsPerYear: number
  /** 0–1: how many of the possible building sites get a building. */
  buildingFill: number
  /** Share of households with a risk assessment (家庭评估分色). */
  assessedHouseholdShare: number
}

export interface DemoConfig {
  seed: number
  /** "Now" for the generated history: incidents cover the 24 months before it. */
  now: Date
  countyCode: string
  countyName: string
  /** Where the county sits on the Earth: the Zhuji area of Zhejiang (synthetic county, real location). */
  origin: LngLat
  /** Half-extent of the county, metres (east–west, north–south). */
  radiusM: [number, number]
  sizes: DemoSizes
}

const fullSizes: DemoSizes = {
  stations: 9,
  townships: 19,
  streets: 4,
  communities: 150,
  grids: 800,
  posts: 60,
  cameras: 14_000,
  incidentsPerYear: 200_000,
  buildingFill: 1,
  assessedHouseholdShare: 0.03,
}

/**
 * Sizes for a scale factor: 1 is the realistic default (the numbers of the design brief);
 * small scales keep the structure (several townships, communities of several grids) for fast tests.
 */
export function demoSizes(scale: number): DemoSizes {
  const s = Math.max(0.01, scale)
  const townships = Math.max(3, Math.round(fullSizes.townships * Math.sqrt(Math.min(s, 1))))
  const streets = Math.max(1, Math.round((townships * fullSizes.streets) / fullSizes.townships))
  const communities = Math.max(townships * 2, Math.round(fullSizes.communities * s))
  return {
    stations: Math.max(2, Math.min(townships - 1, Math.round(fullSizes.stations * Math.sqrt(Math.min(s, 1))))),
    townships,
    streets,
    communities,
    grids: Math.max(communities * 2, Math.round(fullSizes.grids * s)),
    posts: Math.max(townships, Math.round(fullSizes.posts * s)),
    cameras: Math.max(50, Math.round(fullSizes.cameras * s)),
    incidentsPerYear: Math.max(500, Math.round(fullSizes.incidentsPerYear * s)),
    buildingFill: Math.min(1, s),
    assessedHouseholdShare: fullSizes.assessedHouseholdShare,
  }
}

export function createDemoConfig(options: { seed?: number; scale?: number; now?: Date } = {}): DemoConfig {
  return {
    seed: options.seed ?? 20261123,
    now: options.now ?? new Date(),
    countyCode: '330699',
    countyName: '枫源县',
    origin: [120.24, 29.7],
    radiusM: [24_000, 20_000],
    sizes: demoSizes(options.scale ?? 1),
  }
}
