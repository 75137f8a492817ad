import { sql, type SQL } from 'drizzle-orm'
import { Hono } from 'hono'
import { currentVersionId, gridScope, personScope } from '../auth/scope'
import { communityStationId } from '../spatial/area-station'
import { peopleQuery, type DirectoryPerson } from '../contracts/people'
import { queryRows, type Database } from '../db/client'
import { requires, type AuthEnv } from '../auth'
import { validate } from './validate'

/**
 * The directory of active people (民警, 辅警, 网格员, 调解员 …) for pickers: a plan's 网格长, a case's
 * mediator. Names, badges, stations and current grid duties; never phones.
 */
export const peopleRoutes = (db: Database) =>
  new Hono<AuthEnv>().get('/', requires('people:read'), validate('query', peopleQuery), async (c) => {
    const q = c.req.valid('query')
    const where: SQL[] = [sql`p.active`, personScope(c.var.principal.scope)]
    if (q.role) where.push(sql`p.role = ${q.role}::person_role`)
    if (q.station) where.push(sql`p.station_id = ${q.station}`)
    // The station answering for the area's grids (a township's, else the community's own), as validation asks.
    if (q.area) where.push(sql`p.station_id = (select case when a.level = 'community' then ${communityStationId('a', 't')} else a.station_id end
      from admin_areas a left join admin_areas t on t.id = a.parent_id where a.id = ${q.area})`)
    if (q.q) {
      const pattern = `%${q.q.replace(/[\\%_]/g, '\\$&')}%`
      where.push(sql`(p.name ilike ${pattern} or p.badge_no ilike ${pattern})`)
    }
    const rows = await queryRows<DirectoryPerson>(db, sql`
      select p.id, p.name, p.role, p.badge_no as "badgeNo", p.organisation,
             case when s.id is null then null else json_build_object('id', s.id, 'name', s.name) end as station,
             coalesce((select json_agg(json_build_object('gridId', g.id, 'gridCode', g.code, 'gridName', g.name, 'duty', d.duty) order by g.code)
                       from grid_duties d join grids g on g.id = d.grid_id
                       where d.person_id = p.id and d.until is null and g.version_id = ${currentVersionId}
                         and ${gridScope(c.var.principal.scope, 'g')}), '[]'::json) as duties
      from people p left join stations s on s.id = p.station_id
      where ${sql.join(where, sql` and `)}
      order by s.name nulls last, p.role, p.name, p.id
      limit ${q.limit}`)
    return c.json(rows)
  })
