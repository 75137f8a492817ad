import type { Namer } from '../reference/names'
import type { Random } from '../random'
import type { Tiling } from './tiling'

export type PersonRole = 'police_officer' | 'auxiliary_officer' | 'grid_worker' | 'volunteer_police' | 'police_assistant' | 'mediator'
export type GridDuty = 'responsible_officer' | 'assistant' | 'grid_worker'
export interface PersonPlan {
  name: string
  role: PersonRole
  badgeNo: string | null
  phone: string
  station: number | null
  organisation: string | null
}
export interface GridDutyPlan {
  cell: number
  person: number
  duty: GridDuty
  since: Date
}
export interface ShiftPlan {
  person: number
  community: number
  startsAt: Date
  endsAt: Date
}

const DAY = 86_400_000
/** Local time in the demo county is UTC+8 (no daylight saving). */
const LOCAL_OFFSET = 8 * 3_600_000

/**
 * Officers, auxiliaries, grid workers and mediators with their grid duties (one 网格长 and one 网格助理
 * per grid, several 网格员), and a duty roster for the four weeks around `now`.
 */
export function planPeople(tiling: Tiling, townshipNames: string[], now: Date, random: Random, namer: Namer) {
  const people: PersonPlan[] = []
  const duties: GridDutyPlan[] = []
  const shifts: ShiftPlan[] = []
  let badge = 330_001
  const officer = (station: number, organisation: string | null = null) =>
    people.push({ name: namer.person(), role: 'police_officer', badgeNo: String(badge++), phone: namer.phone(), station, organisation }) - 1
  const since = () => new Date(now.getTime() - random.int(30, 1500) * DAY)

  const dutyDesk = tiling.stations.map((_, s) => [officer(s, '值班室'), officer(s, '值班室'), officer(s, '值班室'), officer(s, '值班室')])
  tiling.stations.forEach((_, s) => {
    officer(s, '所领导')
    for (let k = 0; k < 3; k++) officer(s, random.pick(['刑侦中队', '治安中队', '巡逻中队']))
  })

  const communityOfficer = new Int32Array(tiling.communities.length)
  tiling.townships.forEach((township, ti) => {
    const station = township.station
    const members = tiling.communities.map((c, i) => (c.township === ti ? i : -1)).filter((i) => i >= 0)
    // 一村一警 where possible: urban communities get their own officer, villages share one in twos or threes.
    let current = -1
    let load = 0
    for (const ci of members) {
      const c = tiling.communities[ci]!
      if (c.urban || current < 0 || load >= random.int(2, 3)) {
        current = officer(station, '社区警务队')
        load = 0
      }
      communityOfficer[ci] = current
      load++
    }
    for (let k = 0; k < 3; k++) {
      const org = k === 0 ? `${townshipNames[ti]}人民调解委员会` : k === 1 ? `${townshipNames[ti]}老娘舅调解工作室` : `${namer.place('律师事务所')}`
      people.push({ name: namer.person(), role: 'mediator', badgeNo: null, phone: namer.phone(), station, organisation: org })
    }
  })

  tiling.communities.forEach((c, ci) => {
    const station = tiling.townships[c.township]!.station
    let assistant = -1
    c.cells.forEach((cell, k) => {
      duties.push({ cell, person: communityOfficer[ci]!, duty: 'responsible_officer', since: since() })
      if (k % 2 === 0) assistant = people.push({ name: namer.person(), role: 'auxiliary_officer', badgeNo: null, phone: namer.phone(), station, organisation: null }) - 1
      duties.push({ cell, person: assistant, duty: 'assistant', since: since() })
      const workers = random.int(1, 3)
      for (let w = 0; w < workers; w++) {
        const p = people.push({ name: namer.person(), role: 'grid_worker', badgeNo: null, phone: namer.phone(), station: null, organisation: null }) - 1
        duties.push({ cell, person: p, duty: 'grid_worker', since: since() })
      }
    })
    // Roster: the community officer by day (08–20 local), the station's duty desk by night.
    const today = Math.floor((now.getTime() + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET
    for (let d = -14; d < 14; d++) {
      const dayStart = today + d * DAY + 8 * 3_600_000
      shifts.push({ person: communityOfficer[ci]!, community: ci, startsAt: new Date(dayStart), endsAt: new Date(dayStart + 12 * 3_600_000) })
      const desk = dutyDesk[station]!
      shifts.push({ person: desk[(d + 28) % desk.length]!, community: ci, startsAt: new Date(dayStart + 12 * 3_600_000), endsAt: new Date(dayStart + DAY) })
    }
  })
  // Mediation beyond the townships' committees: a lawyer stationed at each police station (驻所律师), a
  // volunteer team per township, and the county center's own mediators (no station: every station may
  // hand them a case escalated to the county).
  const mediator = (station: number | null, organisation: string) =>
    people.push({ name: namer.person(), role: 'mediator', badgeNo: null, phone: namer.phone(), station, organisation })
  tiling.stations.forEach((_, s) => mediator(s, `驻所律师·${namer.place('律师事务所')}`))
  tiling.townships.forEach((township, ti) => mediator(township.station, `${townshipNames[ti]}平安志愿者调解队`))
  for (let k = 0; k < 2; k++) mediator(null, '县矛盾纠纷调处化解中心')
  return { people, duties, shifts }
}
