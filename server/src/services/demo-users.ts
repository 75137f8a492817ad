import { sql } from 'drizzle-orm'
import type { Role } from '../contracts/auth'
import { queryRows, type Database } from '../db/client'
import { createUser } from '../auth/users'

/** Demo mode only (README "Demo users"): one password for every demo account, shown on the sign-in page. */
export const DEMO_PASSWORD = 'gridwatch-demo'

export interface DemoAccount {
  username: string
  role: Role
  password: string
  displayName: string
}

/**
 * The demo accounts, one per role, scoped to real parts of the demo county: the first two stations
 * (by code), a 网格长 of the first and a grid worker with duties there. Created once; existing accounts
 * (perhaps with changed passwords) are left alone.
 */
export async function ensureDemoUsers(db: Database): Promise<DemoAccount[]> {
  const stations = await queryRows<{ id: number; name: string }>(db, sql`select id, name from stations order by code limit 2`)
  if (stations.length < 2) return []
  const [a, b] = stations as [{ id: number; name: string }, { id: number; name: string }]
  const dutyHolder = (duty: string, stationId: number) =>
    queryRows<{ id: number; name: string }>(db, sql`
      select p.id, p.name from grid_duties d join people p on p.id = d.person_id
      join grids g on g.id = d.grid_id join admin_areas c on c.id = g.community_id
      where d.duty = ${duty}::grid_duty_role and d.until is null and c.station_id = ${stationId}
      order by g.code limit 1`)
  const [officer] = await dutyHolder('responsible_officer', a.id)
  const [worker] = await dutyHolder('grid_worker', a.id)
  const accounts: (DemoAccount & { stationId: number | null; personId: number | null })[] = [
    { username: 'admin', role: 'admin', displayName: '系统管理员', stationId: null, personId: null },
    { username: 'commander', role: 'commander', displayName: '指挥中心值班长', stationId: null, personId: null },
    { username: 'chief', role: 'station_chief', displayName: `${a.name}所长`, stationId: a.id, personId: null },
    { username: 'officer', role: 'officer', displayName: officer ? `${officer.name}（社区民警）` : `${a.name}民警`, stationId: a.id, personId: officer?.id ?? null },
    { username: 'officer2', role: 'officer', displayName: `${b.name}民警`, stationId: b.id, personId: null },
    ...(worker ? [{ username: 'gridworker', role: 'grid_worker' as const, displayName: `${worker.name}（网格员）`, stationId: null, personId: worker.id }] : []),
    { username: 'planner', role: 'planner', displayName: '网格规划员', stationId: null, personId: null },
    { username: 'viewer', role: 'viewer', displayName: '只读观察员', stationId: null, personId: null },
  ].map((acc) => ({ ...acc, role: acc.role as Role, password: DEMO_PASSWORD }))
  const existing = new Set((await queryRows<{ username: string }>(db, sql`select lower(username) as username from users`)).map((r) => r.username))
  for (const acc of accounts) {
    if (!existing.has(acc.username)) await createUser(db, { username: acc.username, displayName: acc.displayName, password: acc.password, role: acc.role, stationId: acc.stationId, personId: acc.personId })
  }
  return accounts.map(({ username, role, password, displayName }) => ({ username, role, password, displayName }))
}

export const userCount = async (db: Database) => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from users`))[0]!.n
