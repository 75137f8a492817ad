import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../client'

/**
 * Two stations side by side, each with one community and one grid, for scoping tests:
 *   station A: grid 330699001001001, 120.18–120.20 × 29.69–29.71
 *   station B: grid 330699002001001, 120.20–120.22 × 29.69–29.71
 * Grid A has a 网格长 (officerA) and a grid worker (workerA); grid B a 网格长 (officerB).
 * Households: grid A 4 green, 2 yellow, 1 red, 3 orange; grid B 2 green. One dispute with two parties in
 * each grid. Cameras: 3 registered by A, 2 by B.
 */
export async function createTwoStations(db: Database) {
  const box = (w: number, e: number) => `SRID=4326;MULTIPOLYGON(((${w} 29.69,${e} 29.69,${e} 29.71,${w} 29.71,${w} 29.69)))`
  const whole = box(120.18, 120.22)
  await db.execute(sql`insert into incident_categories values ('theft', '盗窃', 'Theft', true, 3, '#b07cff'), ('dispute', '纠纷', 'Dispute', true, 3, '#f6c343') on conflict do nothing`)
  const [county] = await queryRows<{ id: number }>(db, sql`
    insert into admin_areas (code, name, level, kind, geom) values ('330699', '测试县', 'county', 'county', ST_GeomFromEWKT(${whole})) returning id`)
  const [version] = await queryRows<{ id: number }>(db, sql`
    insert into boundary_versions (name, status, author, effective_from) values ('v1', 'published', 'test', '2020-01-01T00:00:00Z') returning id`)

  async function station(code: string, name: string, township: string, w: number, e: number) {
    const area = box(w, e)
    const [s] = await queryRows<{ id: number }>(db, sql`
      insert into stations (code, name, duty_phone, address, location, jurisdiction)
      values (${code}, ${name}, '0575-80000000', ${name}, ST_GeomFromEWKT(${`SRID=4326;POINT(${(w + e) / 2} 29.7)`}), ST_GeomFromEWKT(${area})) returning id`)
    const [t] = await queryRows<{ id: number }>(db, sql`
      insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
      values (${township}, ${township}, 'township', 'town', ${county!.id}, ${s!.id}, ST_GeomFromEWKT(${area})) returning id`)
    const [c] = await queryRows<{ id: number }>(db, sql`
      insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
      values (${`${township}001`}, ${`${township}001`}, 'community', 'village', ${t!.id}, ${s!.id}, ST_GeomFromEWKT(${area})) returning id`)
    const [g] = await queryRows<{ id: number }>(db, sql`
      insert into grids (version_id, code, name, community_id, geom)
      values (${version!.id}, ${`${township}001001`}, ${`${name}网格`}, ${c!.id}, ST_GeomFromEWKT(${area})) returning id`)
    const [officer] = await queryRows<{ id: number }>(db, sql`
      insert into people (name, role, badge_no, phone, station_id) values (${`${name}网格长`}, 'police_officer', ${`B${code}`}, '13800000001', ${s!.id}) returning id`)
    await db.execute(sql`insert into grid_duties (grid_id, person_id, duty, since) values (${g!.id}, ${officer!.id}, 'responsible_officer', '2020-01-01')`)
    return { stationId: s!.id, gridId: g!.id, gridCode: `${township}001001`, officerId: officer!.id, west: w }
  }
  const a = await station('SA', '甲派出所', '330699001', 120.18, 120.2)
  const b = await station('SB', '乙派出所', '330699002', 120.2, 120.22)
  const [worker] = await queryRows<{ id: number }>(db, sql`
    insert into people (name, role, phone, station_id) values ('网格员甲', 'grid_worker', '13800000002', ${a.stationId}) returning id`)
  await db.execute(sql`insert into grid_duties (grid_id, person_id, duty, since) values (${a.gridId}, ${worker!.id}, 'grid_worker', '2020-01-01')`)

  const households = async (west: number, colours: string[]) => {
    const ids: number[] = []
    for (const [i, colour] of colours.entries()) {
      const [h] = await queryRows<{ id: number }>(db, sql`
        insert into households (address, head_name, members, colour, reason, reviewed_on, next_review_on, geom)
        values (${`测试村${i + 1}号`}, ${`户主${i + 1}`}, 3, ${colour}::risk_colour, ${colour === 'red' ? '家暴警情两次' : null}, '2026-01-01', '2026-07-01',
                ST_SetSRID(ST_MakePoint(${west + 0.002 + i * 0.001}, 29.7), 4326)) returning id`)
      ids.push(h!.id)
    }
    return ids
  }
  const householdsA = await households(a.west, ['green', 'green', 'green', 'green', 'yellow', 'yellow', 'red', 'orange', 'orange', 'orange'])
  const householdsB = await households(b.west, ['green', 'green'])

  const dispute = async (code: string, s: { gridId: number; west: number }) => {
    const [d] = await queryRows<{ id: number }>(db, sql`
      insert into disputes (code, type, risk, tier, status, summary, geom, grid_id, version_id, opened_at)
      values (${code}, 'neighbour', 'medium', 'grid', 'handling', '邻里漏水纠纷', ST_SetSRID(ST_MakePoint(${s.west + 0.005}, 29.7), 4326), ${s.gridId}, ${version!.id}, '2026-03-01T08:00:00Z') returning id`)
    await db.execute(sql`insert into dispute_parties (dispute_id, name, phone, role) values (${d!.id}, '张三', '13900000001', 'applicant'), (${d!.id}, '李四', '13900000002', 'respondent')`)
    await db.execute(sql`insert into dispute_events (dispute_id, at, actor, action, from_status, to_status) values (${d!.id}, '2026-03-01T08:00:00Z', '网格员甲', 'collect', null, 'collected')`)
    return d!.id
  }
  const disputeA = await dispute('MD-A-1', a)
  const disputeB = await dispute('MD-B-1', b)

  const camera = (code: string, west: number, stationId: number, i: number) => db.execute(sql`
    insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, owner, station_id)
    values (${code}, ${code}, ST_SetSRID(ST_MakePoint(${west + 0.003 + i * 0.002}, 29.701), 4326), 90, 60, 80, 6, 'fixed', 'public', ${stationId})`)
  for (const i of [0, 1, 2]) await camera(`CA${i}`, a.west, a.stationId, i)
  for (const i of [0, 1]) await camera(`CB${i}`, b.west, b.stationId, i)

  return { a, b, workerA: worker!.id, householdsA, householdsB, disputeA, disputeB, versionId: version!.id }
}
