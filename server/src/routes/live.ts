import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { getCookie } from 'hono/cookie'
import { findSession, requires, SESSION_COOKIE, type AuthEnv, type Scope } from '../auth'
import { can } from '../contracts/auth'
import type { LiveBus, LiveEvent } from '../live/bus'
import { validate } from './validate'

const HEARTBEAT_MS = 15_000

/**
 * Server-sent events of new and changed incidents. A client that reconnects sends Last-Event-ID (the
 * browser's EventSource does it by itself) and first receives every event it missed, then the live ones;
 * event ids only grow, so nothing arrives twice.
 */
export const liveRoutes = (db: Database, bus: LiveBus) =>
  new Hono<AuthEnv>().get('/', requires('incidents:read'), validate('query', z.object({ since: z.coerce.number().int().min(0).optional() })), async (c) => {
    const seesCameras = can(c.var.principal.user.role, 'cameras:read')
    let visible = await scopeFilter(db, c.var.principal.scope, seesCameras)
    const token = getCookie(c, SESSION_COOKIE) ?? ''
    const { role, station, personId } = c.var.principal.user
    // Alive, and with the same role and scope as when the stream opened.
    const sessionAlive = async () => {
      const now = (await findSession(db, token))?.user
      return !!now && now.role === role && now.station?.id === station?.id && now.personId === personId
    }
    const header = c.req.header('last-event-id')
    const resumeFrom = header && /^\d{1,15}$/.test(header) ? Number(header) : c.req.valid('query').since
    return streamSSE(c, async (stream) => {
      let lastSent = resumeFrom ?? (await bus.current())
      const queue: LiveEvent[] = []
      let wakeUp: (() => void) | undefined
      // Subscribe before replaying, so nothing falls between the replay and the live feed.
      const unsubscribe = await bus.subscribe((events) => {
        queue.push(...events)
        wakeUp?.()
      })
      stream.onAbort(() => {
        unsubscribe()
        wakeUp?.()
      })
      // The session is re-checked every heartbeat period whatever the traffic: a revoked, expired or
      // re-scoped user's stream ends (the browser then reconnects, or meets the sign-in page).
      let checkedAt = Date.now()
      const stillAllowed = async () => {
        if (Date.now() - checkedAt < HEARTBEAT_MS) return true
        checkedAt = Date.now()
        if (!(await sessionAlive())) return false
        // A grid worker's duties may have changed since the stream opened.
        visible = await scopeFilter(db, c.var.principal.scope, seesCameras)
        return true
      }
      const send = async (events: LiveEvent[]) => {
        // A grid worker's grids are ids, and a new boundary version changes them: read them again before
        // each batch, so re-assigned incidents (and the version event after them) are not filtered out.
        if (c.var.principal.scope.kind === 'grids' && events.length > 0) visible = await scopeFilter(db, c.var.principal.scope, seesCameras)
        for (const e of events) {
          if (e.id <= lastSent) continue
          lastSent = e.id
          if (!visible(e)) continue
          await stream.writeSSE({ id: String(e.id), event: e.topic, data: JSON.stringify(payloadOf(e)) })
        }
      }
      try {
        if (resumeFrom !== undefined) await send(await bus.replay(resumeFrom))
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ lastEventId: lastSent }) })
        while (!stream.aborted) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wakeUp = resolve
              setTimeout(resolve, HEARTBEAT_MS)
            })
            wakeUp = undefined
            if (!(await stillAllowed())) break
            if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '' })
            continue
          }
          if (!(await stillAllowed())) break
          await send(queue.splice(0))
        }
      } finally {
        unsubscribe()
      }
    })
  })

const payloadOf = (e: LiveEvent) => (e.topic === 'camera.status' ? e.camera : e.topic === 'grids.published' ? e.version : e.incident)

/**
 * Which events this connection may see. A new boundary version concerns everyone. The bus reads each event once for every browser; the scope's
 * station or grids (read in SQL when the stream opens) decide per connection. Camera status goes only
 * to roles with `cameras:read`, for the cameras of their scope.
 */
async function scopeFilter(db: Database, scope: Scope, seesCameras: boolean): Promise<(e: LiveEvent) => boolean> {
  const scoped = await scopedFilter(db, scope, seesCameras)
  return (e) => e.topic === 'grids.published' || scoped(e)
}

async function scopedFilter(db: Database, scope: Scope, seesCameras: boolean): Promise<(e: Exclude<LiveEvent, { topic: 'grids.published' }>) => boolean> {
  const camera = (e: LiveEvent) => e.topic === 'camera.status'
  if (scope.kind === 'county') return (e) => !camera(e) || seesCameras
  if (scope.kind === 'station') return (e) => (e.topic === 'camera.status' ? seesCameras && e.camera.stationId === scope.stationId : e.incident.stationId === scope.stationId)
  const rows = await queryRows<{ gridId: number }>(db, sql`select grid_id as "gridId" from grid_duties where person_id = ${scope.personId} and until is null`)
  const grids = new Set(rows.map((r) => r.gridId))
  return (e) => {
    const grid = e.topic === 'camera.status' ? (seesCameras ? e.camera.gridId : null) : (e.incident.grid?.id ?? null)
    return grid !== null && grids.has(grid)
  }
}
