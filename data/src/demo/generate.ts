import { childCode, gridCode, readingOrder } from '../codes'
import { createLocalProjection, polygonCentroid, type LngLat, type Xy } from '../geo'
import { createRandom } from '../random'
import { createNamer } from '../reference/names'
import { planBuildings, type BuildingUse } from './buildings'
import { planCameras, type CameraPlan } from './cameras'
import { planDisputes, planHouseholds, planPatrols, type DisputePlan, type HouseholdPlan, type PatrolPlan } from './cases'
import type { DemoConfig } from './config'
import { planIncidents, type IncidentColumns } from './incidents'
import { planPeople, type GridDutyPlan, type PersonPlan, type ShiftPlan } from './people'
import { planLattices, planRoads, planWater, type RoadClass } from './roads'
import { planKeySites, planPosts, type KeySiteKind, type PostKind } from './sites'
import { planTiling } from './tiling'

/** The whole demo county in WGS84 [lng, lat]; indexes refer to positions in the sibling arrays. */
export interface DemoCounty {
  config: DemoConfig
  county: { code: string; name: string }
  stations: { code: string; name: string; dutyPhone: string; address: string; location: LngLat; townships: number[] }[]
  townships: { code: string; name: string; kind: 'street' | 'town' | 'township'; station: number }[]
  communities: { code: string; name: string; kind: 'community' | 'village'; township: number; centre: LngLat }[]
  grids: { code: string; name: string; kind: 'base' | 'dedicated'; community: number; ring: LngLat[] }[]
  roads: { name: string | null; class: RoadClass; line: LngLat[] }[]
  water: { name: string; kind: 'river' | 'lake' | 'reservoir'; line?: LngLat[]; widthM?: number; ring?: LngLat[] }[]
  buildings: { ring: LngLat[]; use: BuildingUse; floors: number; households: number; population: number }[]
  keySites: { name: string; kind: KeySiteKind; point: LngLat; footprint: LngLat[] | null }[]
  posts: { code: string; name: string; kind: PostKind; station: number; community: number; address: string; staff: number; point: LngLat }[]
  cameras: (Omit<CameraPlan, 'point' | 'place'> & { code: string; name: string; point: LngLat; station: number; installedOn: Date })[]
  people: PersonPlan[]
  gridDuties: (Omit<GridDutyPlan, 'cell'> & { grid: number })[]
  dutyShifts: ShiftPlan[]
  incidents: IncidentColumns
  disputes: DisputePlan[]
  households: HouseholdPlan[]
  patrols: PatrolPlan[]
}

const DAY = 86_400_000

export function generateDemoCounty(config: DemoConfig, onStep: (step: string) => void = () => {}): DemoCounty {
  const random = createRandom(config.seed)
  const namer = createNamer(random.fork('names'))
  const projection = createLocalProjection(config.origin)
  const ll = (p: Xy) => projection.toLngLat(p)
  const llRing = (ring: Xy[]) => ring.map(ll)

  onStep('boundaries')
  const tiling = planTiling(config, random.fork('tiling'))
  const { cells } = tiling

  // Codes in reading order (north→south, west→east) at every level.
  const townshipOrder = readingOrder(tiling.townships.map((t, i) => (t.kind === 'street' ? [t.seat[0], t.seat[1] + 1e7 - i] : t.seat)))
  const townshipRank = new Int32Array(tiling.townships.length)
  townshipOrder.forEach((t, rank) => (townshipRank[t] = rank))
  const streetNames = ['城东街道', '城西街道', '城南街道', '城北街道', '城中街道', '江滨街道']
  const townshipNames = tiling.townships.map((t, i) =>
    t.kind === 'street' ? (streetNames[i] ?? namer.place('街道')) : namer.place(t.kind === 'town' ? '镇' : '乡'),
  )
  const townships = tiling.townships.map((t, i) => ({
    code: childCode(config.countyCode, townshipRank[i]! + 1),
    name: townshipNames[i]!,
    kind: t.kind,
    station: t.station,
  }))
  const communityNames = tiling.communities.map((c) => namer.place(c.urban ? '社区' : '村'))
  const communityCodes: string[] = new Array(tiling.communities.length)
  tiling.townships.forEach((_, ti) => {
    const members = tiling.communities.map((c, i) => (c.township === ti ? i : -1)).filter((i) => i >= 0)
    readingOrder(members.map((i) => tiling.communities[i]!.centre)).forEach((k, rank) => {
      communityCodes[members[k]!] = childCode(townships[ti]!.code, rank + 1)
    })
  })
  const communities = tiling.communities.map((c, i) => ({
    code: communityCodes[i]!,
    name: communityNames[i]!,
    kind: (c.urban ? 'community' : 'village') as 'community' | 'village',
    township: c.township,
    centre: ll(c.centre),
  }))

  onStep('roads and water')
  const lattices = planLattices(tiling, random.fork('lattices'))
  const centreStems = tiling.centres.map((_, ci) => {
    if (ci === 0) return '县'
    const t = tiling.townships.findIndex((tp) => tp.centre === tiling.centres[ci])
    return (townshipNames[t] ?? '').replace(/[镇乡]$/, '')
  })
  const sites = planKeySites(tiling, lattices, random.fork('sites'), namer, centreStems)
  const roads = planRoads(tiling, lattices, random.fork('roads'), namer)
  const water = planWater(tiling, random.fork('water'), namer)
  onStep('buildings')
  const buildings = planBuildings(tiling, lattices, water, config.sizes.buildingFill, random.fork('buildings'))

  // Grids: one per cell; a cell holding a school, market or hospital in town may be a 专属网格.
  const dedicated = new Map<number, string>()
  for (const s of sites) {
    const cell = tiling.cellAt(s.point)
    if ((s.kind === 'school' || s.kind === 'market' || s.kind === 'hospital') && cells[cell]!.urban && !dedicated.has(cell) && random.chance(0.5)) dedicated.set(cell, s.name)
  }
  const gridOfCell = new Int32Array(cells.length)
  const grids: DemoCounty['grids'] = []
  tiling.communities.forEach((c, ci) => {
    readingOrder(c.cells.map((cell) => polygonCentroid(cells[cell]!.ring))).forEach((k, rank) => {
      const cell = c.cells[k]!
      gridOfCell[cell] = grids.length
      const site = dedicated.get(cell)
      grids.push({
        code: gridCode(communityCodes[ci]!, rank + 1),
        name: site ? `${site}专属网格` : `${communityNames[ci]}第${rank + 1}网格`,
        kind: site ? 'dedicated' : 'base',
        community: ci,
        ring: llRing(cells[cell]!.ring),
      })
    })
  })

  const stations = tiling.stations.map((s, si) => {
    const main = s.townships[0]!
    const seat = tiling.townships[main]!.seat
    const name = tiling.townships[main]!.kind === 'street' ? `${townshipNames[main]!.replace('街道', '')}派出所` : `${townshipNames[main]!.replace(/[镇乡]$/, '')}派出所`
    return {
      code: `${config.countyCode}${String(si + 1).padStart(2, '0')}`,
      name,
      dutyPhone: `0575-8${String(random.int(0, 999_999)).padStart(6, '0')}`,
      address: `${townshipNames[main]}${namer.place('路')}${random.int(1, 300)}号`,
      location: ll([seat[0] - 120, seat[1] + 80]),
      townships: s.townships,
    }
  })
  const communityAt = (p: Xy) => tiling.communityOfCell[tiling.cellAt(p)]!
  const stationAt = (p: Xy) => tiling.townships[tiling.communities[communityAt(p)]!.township]!.station

  onStep('posts and cameras')
  const posts = planPosts(tiling, lattices, config.sizes.posts, random.fork('posts'), communityNames).map((p, i) => ({
    code: `JWS${config.countyCode}${String(i + 1).padStart(3, '0')}`,
    name: p.name,
    kind: p.kind,
    station: stationAt(p.point),
    community: communityAt(p.point),
    address: `${communityNames[communityAt(p.point)]}${random.int(1, 200)}号`,
    staff: p.staff,
    point: ll(p.point),
  }))
  const placeName = { crossing: '路口', road: '道路', village: '村口', estate: '小区', site: '重点部位' } as const
  const cameras = planCameras(tiling, lattices, roads, buildings, sites, config.sizes.cameras, random.fork('cameras')).map((c, i) => {
    const { place, point, ...rest } = c
    return {
      ...rest,
      code: `${config.countyCode}${String(i + 1).padStart(6, '0')}`,
      name: `${communityNames[communityAt(point)]}${placeName[place]}${i + 1}`,
      point: ll(point),
      station: stationAt(point),
      installedOn: new Date(config.now.getTime() - random.int(30, 3000) * DAY),
    }
  })

  onStep('people')
  const staff = planPeople(tiling, townshipNames, config.now, random.fork('people'), namer)
  onStep('incidents')
  const incidents = planIncidents(
    { tiling, projection, buildings, roads, sites, communityNames, countyCode: config.countyCode, perYear: config.sizes.incidentsPerYear, now: config.now },
    random.fork('incidents'),
  )
  onStep('disputes and households')
  const disputes = planDisputes(incidents, staff.people, config.now, random.fork('disputes'), namer, projection, tiling)
  const households = planHouseholds(buildings, config.sizes.assessedHouseholdShare, config.now, random.fork('households'), namer, projection)
  const patrols = planPatrols(tiling, communityNames, config.now, random.fork('patrols'), projection)

  return {
    config,
    county: { code: config.countyCode, name: config.countyName },
    stations,
    townships,
    communities,
    grids,
    roads: roads.map((r) => ({ ...r, line: r.line.map(ll) })),
    water: water.map((w) => ({ name: w.name, kind: w.kind, ...(w.line ? { line: w.line.map(ll), widthM: w.widthM! } : {}), ...(w.ring ? { ring: llRing(w.ring) } : {}) })),
    buildings: buildings.map((b) => ({ ring: llRing(b.ring), use: b.use, floors: b.floors, households: b.households, population: b.population })),
    keySites: sites.map((s) => ({ name: s.name, kind: s.kind, point: ll(s.point), footprint: s.footprint ? llRing(s.footprint) : null })),
    posts,
    cameras,
    people: staff.people,
    gridDuties: staff.duties.map(({ cell, ...d }) => ({ ...d, grid: gridOfCell[cell]! })),
    dutyShifts: staff.shifts,
    incidents,
    disputes,
    households,
    patrols,
  }
}
