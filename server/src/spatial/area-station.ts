import { sql, type SQL } from 'drizzle-orm'

/**
 * The station responsible for a community (`c`, its township `t`): the township's, else the
 * community's own. The 网格长 picker and plan validation ask the same question this way.
 */
export const communityStationId = (community: string, township: string): SQL => sql.raw(`coalesce(${township}.station_id, ${community}.station_id)`)
