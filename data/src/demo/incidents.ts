import type { LocalProjection, Xy } from '../geo'
import { createWeightedSampler, type Random } from '../random'
import { incidentCategories, type IncidentSource } from '../reference/incident-categories'
import type { BuildingPlan } from './buildings'
import type { RoadPlan } from './roads'
import type { KeySitePlan } from './sites'
import type { Tiling } from './tiling'

/** Incidents as columns: hundreds of thousands of rows without an object each. Times in epoch ms. */
export interface IncidentColumns {
  count: number
  lon: Float64Array
  lat: Float64Array
  reportedAt: Float64Array
  /** Later links of the time chain, epoch ms; NaN where not (yet) reached. */
  acceptedAt: Float64Array
  contactedAt: Float64Array
  onSceneAt: Float64Array
  closedAt: Float64Array
  /** Index into `incidentCategories`. */
  category: Uint8Array
  source: IncidentSource[]
  priority: Uint8Array
  externalId: string[]
  address: string[]
}

const DAY = 86_400_000
const HOUR = 3_600_000
const LOCAL_OFFSET = 8 * HOUR

/** Seasonal rhythm: more in summer, a bump before the Spring Festival (late January / February). */
const monthFactor = [1.05, 0.95, 0.92, 0.97, 1.0, 1.08, 1.14, 1.15, 1.04, 1.0, 0.96, 1.02]

export interface IncidentInputs {
  tiling: Tiling
  projection: LocalProjection
  buildings: BuildingPlan[]
  roads: RoadPlan[]
  sites: KeySitePlan[]
  /** Community name by community index, for addresses. */
  communityNames: string[]
  countyCode: string
  perYear: number
  now: Date
}

/**
 * 24 months of incidents with hot spots, daily and weekly cycles, a realistic category mix and response
 * chains that are slower in the countryside. The earlier 12 months have ~7% more (a falling trend).
 */
export function planIncidents(input: IncidentInputs, random: Random): IncidentColumns {
  const { tiling, projection, buildings, roads, sites, now } = input
  const lastYear = input.perYear
  const count = lastYear + Math.round(lastYear * 1.07)
  const nowMs = now.getTime()

  const homes = buildings.filter((b) => b.population > 0)
  const pickHome = createWeightedSampler(homes.map((b) => b.population))
  const mainRoads = roads.filter((r) => r.class !== 'village')
  const pickRoad = createWeightedSampler(mainRoads.map((r) => (r.class === 'street' ? 1 : 3) * roadLength(r.line)))
  const hotSpots = sites.filter((s) => s.kind === 'market' || s.kind === 'station' || s.kind === 'bank')
  const pickCategory = createWeightedSampler(incidentCategories.map((c) => c.share))
  const hourSamplers = incidentCategories.map((c) => createWeightedSampler(c.hourly))

  const rows = Array.from({ length: count }, (_, i) => {
    const ci = pickCategory(random)
    const cat = incidentCategories[ci]!
    const older = i >= lastYear
    const t = sampleTime(nowMs - (older ? 2 : 1) * 365 * DAY, nowMs - (older ? 365 : 0) * DAY, hourSamplers[ci]!, cat.code, random)
    let p: Xy
    if (cat.code === 'traffic') {
      do p = pointOnRoad(mainRoads[pickRoad(random)]!.line, random)
      while (!tiling.inside(p))
    }
    else if (hotSpots.length > 0 && random.chance(0.14)) {
      const s = random.pick(hotSpots).point
      p = [s[0] + random.normal(0, 110), s[1] + random.normal(0, 110)]
    } else {
      const b = homes[pickHome(random)]!.centre
      p = [b[0] + random.normal(0, 15), b[1] + random.normal(0, 15)]
    }
    if (random.chance(0.001)) p = pushOutside(tiling, random)
    return { t, ci, p }
  }).sort((a, b) => a.t - b.t)

  const cols: IncidentColumns = {
    count,
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    reportedAt: new Float64Array(count),
    acceptedAt: new Float64Array(count),
    contactedAt: new Float64Array(count),
    onSceneAt: new Float64Array(count),
    closedAt: new Float64Array(count),
    category: new Uint8Array(count),
    source: new Array(count),
    priority: new Uint8Array(count),
    externalId: new Array(count),
    address: new Array(count),
  }
  const perDay = new Map<string, number>()
  rows.forEach(({ t, ci, p }, i) => {
    const cat = incidentCategories[ci]!
    const [lon, lat] = projection.toLngLat(p)
    cols.lon[i] = lon
    cols.lat[i] = lat
    cols.reportedAt[i] = t
    cols.category[i] = ci
    const source = pickSource(cat.code, random)
    cols.source[i] = source
    cols.priority[i] = Math.min(4, Math.max(1, cat.defaultPriority + (random.chance(0.1) ? random.pick([-1, 1]) : 0)))
    const day = new Date(t + LOCAL_OFFSET).toISOString().slice(0, 10).replaceAll('-', '')
    const seq = (perDay.get(source + day) ?? 0) + 1
    perDay.set(source + day, seq)
    cols.externalId[i] = externalId(source, input.countyCode, day, seq)
    const community = tiling.communityOfCell[tiling.cellAt(p)]!
    cols.address[i] = `${input.communityNames[community]}${random.int(1, 180)}号附近`
    // Response chain: accept, make contact, reach the scene (slower where it is rural), close.
    const rural = tiling.density(p) < 3
    const accepted = t + Math.min(600_000, random.logNormal(28_000, 0.55))
    const contacted = accepted + Math.min(1_800_000, random.logNormal(85_000, 0.6))
    const onScene = cat.policeMatter ? contacted + random.logNormal(rural ? 480_000 : 300_000, 0.45) : NaN
    const closed = (Number.isNaN(onScene) ? contacted : onScene) + random.logNormal(cat.policeMatter ? 2_400_000 : 7_200_000, 0.8)
    const upToNow = (v: number) => (v <= nowMs ? v : NaN)
    cols.acceptedAt[i] = upToNow(accepted)
    cols.contactedAt[i] = Number.isNaN(cols.acceptedAt[i]!) ? NaN : upToNow(contacted)
    cols.onSceneAt[i] = Number.isNaN(cols.contactedAt[i]!) ? NaN : upToNow(onScene)
    cols.closedAt[i] = Number.isNaN(cols.contactedAt[i]!) ? NaN : upToNow(closed)
  })
  return cols
}

function sampleTime(from: number, to: number, hourOf: (r: Random) => number, category: string, random: Random) {
  const weekendBoost = category === 'fight' || category === 'dispute' || category === 'noise' ? 1.25 : 1
  for (;;) {
    const dayStart = Math.floor((random.range(from, to) + LOCAL_OFFSET) / DAY) * DAY
    const d = new Date(dayStart)
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6
    const weight = monthFactor[d.getUTCMonth()]! * (weekend ? weekendBoost : 1)
    if (random.next() * 1.3 > weight) continue
    const t = dayStart - LOCAL_OFFSET + hourOf(random) * HOUR + random.next() * HOUR
    if (t >= from && t <= to) return Math.floor(t)
  }
}

function pickSource(category: string, random: Random): IncidentSource {
  if (category === 'noise' || category === 'municipal' || category === 'consumer') return random.chance(0.5) ? '12345' : '110'
  if (category === 'dispute' && random.chance(0.2)) return 'grid_report'
  if ((category === 'traffic' || category === 'fight') && random.chance(0.06)) return 'camera_alert'
  if (category === 'fraud' && random.chance(0.15)) return 'walk_in'
  return '110'
}

const sourcePrefix: Record<IncidentSource, string> = { '110': 'J', '12345': 'R', grid_report: 'WG', camera_alert: 'SP', walk_in: 'ZX', import: 'IM' }
export const externalId = (source: IncidentSource, countyCode: string, day: string, seq: number) =>
  `${sourcePrefix[source]}${countyCode}${day}${String(seq).padStart(5, '0')}`

function roadLength(line: Xy[]) {
  let len = 0
  for (let i = 1; i < line.length; i++) len += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1])
  return len
}

function pointOnRoad(line: Xy[], random: Random): Xy {
  const i = random.int(1, line.length - 1)
  const a = line[i - 1]!
  const b = line[i]!
  const t = random.next()
  return [a[0] + (b[0] - a[0]) * t + random.normal(0, 6), a[1] + (b[1] - a[1]) * t + random.normal(0, 6)]
}

/** A point beyond the county border: real feeds carry some (wrong coordinates, calls from next door). */
function pushOutside(tiling: Tiling, random: Random): Xy {
  const cell = tiling.cells[random.pick(tiling.borderCells)]!
  const [x, y] = cell.seed
  const len = Math.hypot(x, y) || 1
  const d = random.range(400, 3500)
  return [x + (x / len) * d, y + (y / len) * d]
}
