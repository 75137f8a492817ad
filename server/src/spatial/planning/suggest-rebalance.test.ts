import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDetail, PlanSuggestion } from '../../contracts/plans'
import { createApp } from '../../app'
import { signInAs, type TestSession } from '../../auth/testing'
import type { DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { addIncident, addRoad, at, shoelaceM2, toMetres } from '../coverage/testing'

/** A rectangle in metres round the origin, as GeoJSON. */
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]],
})

describe('suggested rebalancing', () => {
  let handle: DatabaseHandle
  let planner: TestSession
  let communityId: number
  const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

  beforeAll(async () => {
    handle = await createTestDatabase()
    ;({ communityId } = await createMinimalHierarchy(handle.db, { half: 0.005 }))
    const app = createApp({ handle })
    planner = await signInAs(handle.db, app, 'planner')
    // Two streets at x = −50 and x = 50 cut each strip into three blocks of 100 × 100 m.
    await addRoad(handle.db, '西街', [-50, -150], [-50, 150])
    await addRoad(handle.db, '东街', [50, -150], [50, 150])
    // South strip: 5 thefts in its west block, 10 in the middle one, 5 in the east one; the north strip none.
    for (const [block, x, n] of [['W', -100, 5], ['M', 0, 10], ['E', 100, 5]] as const) {
      for (let i = 0; i < n; i++) await addIncident(handle.db, `${block}${i}`, x - 20 + 4 * i, -50, 10)
    }
  })
  afterAll(() => handle.close())

  it('moves the blocks that even out the workload, never the one whose loss would cut its grid in two', async () => {
    const plan = (await (await planner.request('/api/plans', json({ name: '均衡', areaId: communityId }))).json()) as PlanDetail
    const grid = (key: string, geometry: object) => ({ type: 'Feature', geometry, properties: { key, name: key, communityId } })
    const saved = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: plan.revision, grids: { type: 'FeatureCollection', features: [grid('S', rect(-150, -100, 150, 0)), grid('N', rect(-150, 0, 150, 100))] } }, 'PUT'))
    expect(saved.status).toBe(200)

    const res = await planner.request(`/api/plans/${plan.id}/suggestion`, json({}))
    expect(res.status, await res.clone().text()).toBe(200)
    const s = (await res.json()) as PlanSuggestion
    // Workloads 20 and 0: CV 1. Moving the middle block would give 10/10 but leave the south grid in two
    // pieces; instead the west and east blocks go north: 10 and 10, CV 0.
    expect(s.before.workloadCv).toBeCloseTo(1, 9)
    expect(s.moves.map((m) => [m.from, m.to, m.incidents12m])).toEqual([['S', 'N', 5], ['S', 'N', 5]])
    // Which blocks: the middle of each one's east–west extent.
    const centres = s.moves.map((m) => {
      const xs = m.geometry.coordinates[0]!.map(([lon, lat]) => toMetres(lon!, lat!)[0])
      return Math.round((Math.min(...xs) + Math.max(...xs)) / 2)
    })
    expect(centres.sort((a, b) => a - b)).toEqual([-100, 100])
    for (const m of s.moves) expect(m.areaM2).toBeCloseTo(100 * 100, -1)
    expect(s.after).toEqual({ workloadCv: 0, maxMinRatio: 1 })

    // The proposed grids: the south one is the middle block alone, in one piece; the north one took the rest.
    const byKey = new Map(s.grids.features.map((f) => [f.properties.key, f.geometry]))
    expect(byKey.get('S')!.coordinates).toHaveLength(1)
    expect(shoelaceM2(byKey.get('S')!)).toBeCloseTo(100 * 100, -1)
    expect(shoelaceM2(byKey.get('N')!)).toBeCloseTo(300 * 100 + 2 * 100 * 100, -1)
    // Nothing is saved until the planner accepts: the plan is as it was.
    const after = (await (await planner.request(`/api/plans/${plan.id}`)).json()) as PlanDetail
    expect(after.revision).toBe(plan.revision + 1)
    expect(shoelaceM2(after.features.features.find((f) => f.properties.key === 'S')!.geometry)).toBeCloseTo(300 * 100, -1)

    // A dedicated grid (a market's 专属网格) is drawn round its site: nothing moves into it.
    const features = after.features.features.map((f) => ({ ...f, properties: { ...f.properties, kind: f.properties.key === 'N' ? 'dedicated' : 'base' } }))
    expect((await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: after.revision, grids: { type: 'FeatureCollection', features } }, 'PUT'))).status).toBe(200)
    const none = (await (await planner.request(`/api/plans/${plan.id}/suggestion`, json({}))).json()) as PlanSuggestion
    expect(none.moves).toEqual([])
    expect(none.after).toEqual(none.before)
  })
})
