import { sql } from 'drizzle-orm'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../app'
import { signInAs } from '../../auth/testing'
import type { MapGridProperties } from '../../contracts/map'
import { queryRows, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createTwoGrids } from '../../db/testing/two-grids'

let handle: DatabaseHandle
let fx: Awaited<ReturnType<typeof createTwoGrids>>
beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoGrids(handle.db)
})
afterAll(() => handle.close())

describe('map layers', () => {
  it('gives each grid in force its community and township, by id and by name, with its outline and holes', async () => {
    const app = createApp({ handle })
    const viewer = await signInAs(handle.db, app, 'viewer')
    const res = await viewer.request('/api/map/grids')
    expect(res.status).toBe(200)
    const grids = (await res.json()) as FeatureCollection<MultiPolygon, MapGridProperties>
    const [township] = await queryRows<{ id: number }>(handle.db, sql`select parent_id as id from admin_areas where id = ${fx.communityId}`)
    expect(grids.features.map((f) => f.properties)).toEqual([
      expect.objectContaining({ id: fx.gridA, code: '330699001001001', community: '330699001001', communityId: fx.communityId, township: '330699001', townshipId: township!.id }),
      expect.objectContaining({ id: fx.gridB, code: '330699001001002', communityId: fx.communityId, townshipId: township!.id }),
    ])
    // Grid A has a hole; it comes through.
    expect(grids.features[0]!.geometry.coordinates[0]).toHaveLength(2)
  })
})
