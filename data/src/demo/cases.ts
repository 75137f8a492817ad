import type { LngLat, LocalProjection, Xy } from '../geo'
import type { Namer } from '../reference/names'
import { incidentCategories } from '../reference/incident-categories'
import { createWeightedSampler, type Random } from '../random'
import type { BuildingPlan } from './buildings'
import type { IncidentColumns } from './incidents'
import type { PersonPlan } from './people'
import type { Tiling } from './tiling'

const DAY = 86_400_000

export type DisputeStatus = 'collected' | 'accepted' | 'dispatched' | 'handling' | 'reported_back' | 'closed' | 'evaluated' | 'cancelled'
export interface DisputePlan {
  code: string
  /** Row index of the incident it came from, if any. */
  incident: number | null
  type: 'neighbour' | 'family' | 'labour' | 'property' | 'consumer' | 'land' | 'other'
  risk: 'low' | 'medium' | 'high'
  tier: 'grid' | 'township' | 'county'
  status: DisputeStatus
  summary: string
  point: LngLat
  mediator: number | null
  openedAt: Date
  deadlineAt: Date
  closedAt: Date | null
  outcome: 'agreement' | 'judicial_confirmation' | 'failed_litigation' | null
  agreement: string | null
  judicialConfirmedOn: Date | null
  followUpOn: Date | null
  turnedCriminal: boolean
  parties: { name: string; phone: string; role: 'applicant' | 'respondent' }[]
  events: { at: Date; actor: string; action: string; from: DisputeStatus | null; to: DisputeStatus }[]
}

const lifecycle: DisputeStatus[] = ['collected', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'evaluated']
const tierDays = { grid: 7, township: 15, county: 30 } as const
const typeSummary: Record<DisputePlan['type'], string> = {
  neighbour: '邻里之间因噪音、漏水或通道占用产生矛盾',
  family: '家庭成员之间因赡养、婚姻或财产问题产生矛盾',
  labour: '务工人员与雇主因工资结算产生纠纷',
  property: '业主与物业因收费或维修问题产生纠纷',
  consumer: '消费者与商户因商品质量或退款产生纠纷',
  land: '村民之间因宅基地或承包地边界产生纠纷',
  other: '其他民间纠纷',
}

/** 矛盾纠纷 cases: most from dispute-type incidents, some from grid workers' visits; lifecycle by age. */
export function planDisputes(incidents: IncidentColumns, people: PersonPlan[], now: Date, random: Random, namer: Namer, projection: LocalProjection, tiling: Tiling): DisputePlan[] {
  const mediators = people.map((p, i) => (p.role === 'mediator' ? i : -1)).filter((i) => i >= 0)
  const out: DisputePlan[] = []
  const nowMs = now.getTime()
  const typeFor = (category: string): DisputePlan['type'] => {
    if (category === 'domestic') return 'family'
    if (category === 'consumer') return 'consumer'
    return (['neighbour', 'neighbour', 'neighbour', 'property', 'labour', 'land', 'other'] as const)[random.int(0, 6)]!
  }
  const add = (incident: number | null, category: string, openedMs: number, point: LngLat) => {
    const type = typeFor(category)
    const tierRoll = random.next()
    const tier = tierRoll < 0.78 ? 'grid' : tierRoll < 0.96 ? 'township' : 'county'
    const ageDays = (nowMs - openedMs) / DAY
    const span = tierDays[tier] * random.range(0.2, 1.3)
    let steps = ageDays > span ? lifecycle.length : Math.max(1, Math.floor((ageDays / span) * lifecycle.length))
    const cancelled = random.chance(0.02)
    if (cancelled) steps = 2
    const status = cancelled ? 'cancelled' : lifecycle[steps - 1]!
    const events: DisputePlan['events'] = []
    let at = openedMs
    for (let s = 0; s < steps; s++) {
      events.push({ at: new Date(at), actor: s === 0 ? '网格员' : '调解员', action: s === 0 ? '登记' : '状态变更', from: s === 0 ? null : lifecycle[s - 1]!, to: lifecycle[s]! })
      at = Math.min(nowMs, at + (span * DAY) / lifecycle.length)
    }
    if (cancelled) events.push({ at: new Date(at), actor: '调解员', action: '撤销', from: 'accepted', to: 'cancelled' })
    const closed = status === 'closed' || status === 'evaluated'
    const outcomeRoll = random.next()
    const outcome = closed ? (outcomeRoll < 0.85 ? 'agreement' : outcomeRoll < 0.95 ? 'judicial_confirmation' : 'failed_litigation') : null
    const closedAt = closed ? new Date(events.find((e) => e.to === 'closed')!.at) : cancelled ? new Date(at) : null
    out.push({
      code: `MD${new Date(openedMs + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '')}${String(out.length + 1).padStart(6, '0')}`,
      incident,
      type,
      risk: random.chance(0.05) ? 'high' : random.chance(0.27) ? 'medium' : 'low',
      tier,
      status,
      summary: typeSummary[type],
      point,
      mediator: mediators.length > 0 ? random.pick(mediators) : null,
      openedAt: new Date(openedMs),
      deadlineAt: new Date(openedMs + tierDays[tier] * DAY),
      closedAt,
      outcome,
      agreement: outcome && outcome !== 'failed_litigation' ? '双方自愿达成调解协议，按约履行' : null,
      judicialConfirmedOn: outcome === 'judicial_confirmation' && closedAt ? new Date(closedAt.getTime() + random.int(3, 20) * DAY) : null,
      followUpOn: status === 'evaluated' && closedAt ? new Date(closedAt.getTime() + 15 * DAY) : null,
      turnedCriminal: outcome === 'failed_litigation' && random.chance(0.02),
      parties: [
        { name: namer.person(), phone: namer.phone(), role: 'applicant' },
        { name: namer.person(), phone: namer.phone(), role: 'respondent' },
      ],
      events,
    })
  }
  for (let i = 0; i < incidents.count; i++) {
    const category = incidentCategories[incidents.category[i]!]!.code
    if ((category === 'dispute' || category === 'domestic' || category === 'consumer') && random.chance(0.08)) {
      add(i, category, incidents.reportedAt[i]! + random.range(0.5, 24) * 3_600_000, [incidents.lon[i]!, incidents.lat[i]!])
    }
  }
  // Cases found by grid workers on their rounds, with no incident behind them.
  const visits = Math.round(out.length * 0.3)
  for (let k = 0; k < visits; k++) {
    const cell = tiling.cells[random.int(0, tiling.cells.length - 1)]!
    const p: Xy = [cell.seed[0] + random.normal(0, 60), cell.seed[1] + random.normal(0, 60)]
    add(null, 'dispute', nowMs - random.range(0, 730) * DAY, projection.toLngLat(p))
  }
  return out.filter((d) => d.openedAt.getTime() <= nowMs)
}

export interface HouseholdPlan {
  building: number
  address: string
  headName: string
  members: number
  colour: 'green' | 'yellow' | 'orange' | 'red'
  reason: string | null
  reviewedOn: Date
  nextReviewOn: Date
  point: LngLat
}

const colourReason = {
  green: null,
  yellow: '邻里矛盾尚未完全化解，需定期走访',
  orange: '家庭纠纷反复发生，已纳入重点关注',
  red: '存在家庭暴力风险，需每周上门',
} as const
const reviewDays = { green: 365, yellow: 90, orange: 30, red: 14 } as const

/** 家庭评估分色 for a sample of households; each points at its building. */
export function planHouseholds(buildings: BuildingPlan[], share: number, now: Date, random: Random, namer: Namer, projection: LocalProjection): HouseholdPlan[] {
  const homes = buildings.map((b, i) => ({ b, i })).filter(({ b }) => b.households > 0)
  const total = homes.reduce((n, { b }) => n + b.households, 0)
  const pick = createWeightedSampler(homes.map(({ b }) => b.households))
  return Array.from({ length: Math.round(total * share) }, () => {
    const { b, i } = homes[pick(random)]!
    const roll = random.next()
    const colour = roll < 0.86 ? 'green' : roll < 0.95 ? 'yellow' : roll < 0.99 ? 'orange' : 'red'
    const reviewed = new Date(now.getTime() - random.int(1, 180) * DAY)
    return {
      building: i,
      address: `${random.int(1, 40)}幢${random.int(1, 6)}单元${random.int(101, 2804)}室`,
      headName: namer.person(),
      members: random.int(1, 6),
      colour,
      reason: colourReason[colour],
      reviewedOn: reviewed,
      nextReviewOn: new Date(reviewed.getTime() + reviewDays[colour] * DAY),
      point: projection.toLngLat(b.centre),
    }
  })
}

export interface PatrolPlan {
  team: { name: string; community: number; members: number }
  tracks: { startedAt: Date; endedAt: Date; line: LngLat[]; checkins: { at: Date; point: LngLat }[] }[]
}

/** 义警巡防: teams in the larger communities, an evening loop every two or three days for a month. */
export function planPatrols(tiling: Tiling, communityNames: string[], now: Date, random: Random, projection: LocalProjection): PatrolPlan[] {
  const teams = Math.max(3, Math.round(tiling.communities.length / 4))
  const ranked = tiling.communities.map((c, i) => ({ i, n: c.cells.length + (c.urban ? 3 : 0) })).sort((a, b) => b.n - a.n).slice(0, teams)
  return ranked.map(({ i }) => {
    const centre = tiling.communities[i]!.centre
    const tracks: PatrolPlan['tracks'] = []
    for (let day = 30; day > 0; day -= random.int(2, 3)) {
      const start = Math.floor((now.getTime() + 8 * 3_600_000) / DAY - day) * DAY - 8 * 3_600_000 + 19 * 3_600_000
      const radius = random.range(250, 600)
      const line: Xy[] = []
      for (let k = 0; k <= 10; k++) {
        const a = (k / 10) * 2 * Math.PI
        const r = k === 10 ? radius : radius * random.range(0.8, 1.2)
        line.push([centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)])
      }
      line[10] = line[0]!
      const minutes = random.int(60, 120)
      tracks.push({
        startedAt: new Date(start),
        endedAt: new Date(start + minutes * 60_000),
        line: line.map(projection.toLngLat),
        checkins: [2, 5, 8].map((k) => ({ at: new Date(start + (k / 10) * minutes * 60_000), point: projection.toLngLat(line[k]!) })),
      })
    }
    return { team: { name: `${communityNames[i]}义警队`, community: i, members: random.int(8, 30) }, tracks }
  })
}
