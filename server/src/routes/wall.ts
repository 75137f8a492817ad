import { Hono } from 'hono'
import { z } from 'zod'
import { localDay } from '../contracts'
import type { Database } from '../db/client'
import { requires, type AuthEnv } from '../auth'
import { localDayOf } from '../spatial/county-time'
import { wallKpis } from '../spatial/wall-kpis'
import { validate } from './validate'

/** The command-center wall's aggregates (the map layers and the live feed have their own routes). */
export const wallRoutes = (db: Database) =>
  new Hono<AuthEnv>()
    /** The KPI strip for one county day (default: today), inside the caller's scope. */
    .get('/kpis', requires('stats:read'), validate('query', z.object({ day: localDay.optional() })), async (c) =>
      c.json(await wallKpis(db, c.var.principal.scope, c.req.valid('query').day ?? localDayOf(new Date()))),
    )
