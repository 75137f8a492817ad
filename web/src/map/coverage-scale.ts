import type { CameraSet, GridCoverage } from '@gridwatch/server/contracts'
import { noDataColor, type Rgba } from './choropleth'

type Rgb = [number, number, number]

/** One legend class: shares in [from, to) (0.2 = 20 %); the last class includes 100 %. */
export interface CoverageClass {
  from: number
  to: number
  color: Rgb
}

/** Share of road seen: red where little is, green where nearly all is (readable on the dark basemap). */
export const coverageClasses: readonly CoverageClass[] = [
  { from: 0, to: 0.2, color: [224, 67, 59] },
  { from: 0.2, to: 0.4, color: [238, 138, 60] },
  { from: 0.4, to: 0.6, color: [227, 199, 95] },
  { from: 0.6, to: 0.8, color: [143, 209, 106] },
  { from: 0.8, to: 1, color: [47, 191, 113] },
]

const FILL_ALPHA = 160

/** The class colour of a share; grids without roads (null) in the "no data" grey. */
export function coverageColor(share: number | null, alpha = FILL_ALPHA): Rgba {
  if (share === null || !Number.isFinite(share)) return [noDataColor[0], noDataColor[1], noDataColor[2], 90]
  const c = coverageClasses.find((k) => share < k.to) ?? coverageClasses[coverageClasses.length - 1]!
  return [c.color[0], c.color[1], c.color[2], alpha]
}

/** The road share a grid has for a camera set. */
export const roadShare = (g: GridCoverage, set: CameraSet) => g[set].roadPct

/** Fill colour per grid id for the choropleth of road seen. */
export function coverageFills(grids: readonly GridCoverage[], set: CameraSet): Map<number, Rgba> {
  return new Map(grids.map((g) => [g.gridId, coverageColor(roadShare(g, set))]))
}

export interface CoverageTotals {
  roadM: number
  roadSeenM: number
  blindRoadM: number
  areaM2: number
  areaSeenM2: number
  cameras: number
  camerasOnline: number
  /** Road seen over road length of every grid (null without roads). */
  roadPct: number | null
  areaPct: number | null
}

/** Grids summed into one figure (a township, the user's scope): shares of the sums, not means of shares. */
export function coverageTotals(grids: readonly GridCoverage[], set: CameraSet): CoverageTotals {
  const t = { roadM: 0, roadSeenM: 0, blindRoadM: 0, areaM2: 0, areaSeenM2: 0, cameras: 0, camerasOnline: 0 }
  for (const g of grids) {
    t.roadM += g.roadM
    t.roadSeenM += g[set].roadSeenM
    t.blindRoadM += g[set].blindRoadM
    t.areaM2 += g.areaM2
    t.areaSeenM2 += g[set].areaSeenM2
    t.cameras += g.cameras
    t.camerasOnline += g.camerasOnline
  }
  return { ...t, roadPct: t.roadM > 0 ? t.roadSeenM / t.roadM : null, areaPct: t.areaM2 > 0 ? t.areaSeenM2 / t.areaM2 : null }
}

/** Grids worst covered first (no-road grids last), ties by code: the list officers work down. */
export function worstFirst(grids: readonly GridCoverage[], set: CameraSet): GridCoverage[] {
  const key = (g: GridCoverage) => roadShare(g, set) ?? Number.POSITIVE_INFINITY
  return [...grids].sort((a, b) => key(a) - key(b) || a.code.localeCompare(b.code))
}
