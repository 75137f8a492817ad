import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type DatabaseHandle } from '../client'
import { createTestDatabase } from '../testing'
import { createMinimalHierarchy } from '../testing/fixtures'

let handle: DatabaseHandle
let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>

beforeAll(async () => {
  handle = await createTestDatabase()
  ids = await createMinimalHierarchy(handle.db)
})
afterAll(() => handle.close())

/** Runs a statement in a savepoint-like transaction and reports the database's refusal, if any. */
async function refusal(statement: ReturnType<typeof sql>) {
  try {
    await handle.db.transaction(async (tx) => {
      await tx.execute(statement)
      throw new Error('__accepted__')
    })
  } catch (error) {
    const text = `${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`
    return text.includes('__accepted__') ? null : text
  }
  return null
}

const camera = (bearing: number, fov = 60, range = 80) => sql`
  insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, owner)
  values (${`C-${bearing}-${fov}-${range}`}, 'cam', ST_SetSRID(ST_MakePoint(120.2, 29.7), 4326), ${bearing}, ${fov}, ${range}, 5, 'fixed', 'public')`

describe('schema constraints', () => {
  it('stores a camera with a bearing within 0–360° and refuses one outside', async () => {
    expect(await refusal(camera(0))).toBeNull()
    expect(await refusal(camera(359.9))).toBeNull()
    expect(await refusal(camera(361))).toMatch(/cameras_bearing_range/)
    expect(await refusal(camera(-1))).toMatch(/cameras_bearing_range/)
  })

  it('refuses impossible fields of view and ranges', async () => {
    expect(await refusal(camera(90, 0))).toMatch(/cameras_fov_range/)
    expect(await refusal(camera(90, 400))).toMatch(/cameras_fov_range/)
    expect(await refusal(camera(90, 60, 800))).toMatch(/cameras_range_m_range/)
  })

  it('requires 15-digit grid codes, unique within a version', async () => {
    const grid = (code: string) => sql`
      insert into grids (version_id, code, name, community_id, geom)
      values (${ids.versionId}, ${code}, 'g', ${ids.communityId}, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(120.2, 29.7), 4326), 0.001)))`
    expect(await refusal(grid('33069900100100'))).toMatch(/grids_code_15_digits/)
    expect(await refusal(grid('33069900100100X'))).toMatch(/grids_code_15_digits/)
    expect(await refusal(grid('330699001001001'))).toMatch(/grids_version_code_unique/)
    expect(await refusal(grid('330699001001002'))).toBeNull()
  })

  it('accepts only MultiPolygons in SRID 4326 as grid geometry', async () => {
    const withGeom = (ewkt: string) => sql`
      insert into grids (version_id, code, name, community_id, geom) values (${ids.versionId}, '330699001001009', 'g', ${ids.communityId}, ST_GeomFromEWKT(${ewkt}))`
    expect(await refusal(withGeom('SRID=4326;POINT(120.2 29.7)'))).toMatch(/Geometry type \(Point\) does not match column type \(MultiPolygon\)/)
    expect(await refusal(withGeom('SRID=3857;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))'))).toMatch(/SRID \(3857\) does not match column SRID \(4326\)/)
  })

  it('refuses a grid in a community that does not exist', async () => {
    expect(await refusal(sql`
      insert into grids (version_id, code, name, community_id, geom)
      values (${ids.versionId}, '330699001001003', 'g', 999999, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(120.2, 29.7), 4326), 0.001)))`)).toMatch(/grids_community_id_admin_areas_id_fk/)
  })

  it('keeps one current responsible officer per grid', async () => {
    const [p1] = await queryRows<{ id: number }>(handle.db, sql`insert into people (name, role, badge_no, phone) values ('王警官', 'police_officer', '330001', '13800000000') returning id`)
    const [p2] = await queryRows<{ id: number }>(handle.db, sql`insert into people (name, role, badge_no, phone) values ('李警官', 'police_officer', '330002', '13800000001') returning id`)
    const duty = (person: number, until: string | null) => sql`
      insert into grid_duties (grid_id, person_id, duty, since, until) values (${ids.gridId}, ${person}, 'responsible_officer', '2024-01-01', ${until})`
    await handle.db.execute(duty(p1!.id, null))
    expect(await refusal(duty(p2!.id, null))).toMatch(/grid_duties_one_responsible_officer/)
    // A past duty (with an end date) may coexist with the current one.
    expect(await refusal(duty(p2!.id, '2024-06-30'))).toBeNull()
  })

  it('refuses a police officer without a badge number', async () => {
    expect(await refusal(sql`insert into people (name, role, phone) values ('张三', 'police_officer', '13800000002')`)).toMatch(/people_officer_has_badge/)
  })

  it('refuses an incident whose time chain runs backwards', async () => {
    const incident = (reported: string, accepted: string, onScene: string | null) => sql`
      insert into incidents (source, external_id, category_code, priority, geom, reported_at, accepted_at, on_scene_at)
      values ('110', ${`X-${reported}-${accepted}-${onScene}`}, 'theft', 3, ST_SetSRID(ST_MakePoint(120.2, 29.7), 4326), ${reported}, ${accepted}, ${onScene})`
    await handle.db.execute(sql`insert into incident_categories values ('theft', '盗窃', 'Theft', true, 3, '#b07cff') on conflict do nothing`)
    expect(await refusal(incident('2026-01-01T10:00:00Z', '2026-01-01T10:00:30Z', '2026-01-01T10:06:00Z'))).toBeNull()
    expect(await refusal(incident('2026-01-01T10:00:00Z', '2026-01-01T09:59:00Z', null))).toMatch(/incidents_time_chain_order/)
    expect(await refusal(incident('2026-01-01T10:00:00Z', '2026-01-01T10:01:00Z', '2026-01-01T10:00:30Z'))).toMatch(/incidents_time_chain_order/)
  })

  it('keeps admin codes consistent with their level', async () => {
    expect(await refusal(sql`
      insert into admin_areas (code, name, level, kind, parent_id, geom)
      values ('33069900', 'x', 'township', 'town', ${ids.countyId}, ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(120.2, 29.7), 4326), 0.001)))`)).toMatch(/admin_areas_code_by_level/)
  })

  it('has a GiST index on every geometry column', async () => {
    const missing = await queryRows<{ table: string; column: string }>(handle.db, sql`
      select c.f_table_name as table, c.f_geometry_column as column
      from geometry_columns c
      where c.f_table_schema = current_schema()
        and not exists (
          select 1 from pg_index x
          join pg_class t on t.oid = x.indrelid
          join pg_class i on i.oid = x.indexrelid
          join pg_am am on am.oid = i.relam
          join pg_attribute a on a.attrelid = t.oid and a.attnum = any(x.indkey)
          where t.relname = c.f_table_name and a.attname = c.f_geometry_column and am.amname = 'gist')`)
    expect(missing).toEqual([])
    const [count] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from geometry_columns where f_table_schema = current_schema()`)
    expect(count!.n).toBeGreaterThan(10)
  })
})
