import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { LiveBus, LiveEvent } from '../live/bus'
import { validate } from './validate'

const HEARTBEAT_MS = 15_000

/**
 * Server-sent events of new and changed incidents. A client that reconnects sends Last-Event-ID (the
 * browser's EventSource does it by itself) and first receives every event it missed, then the live ones;
 * event ids only grow, so nothing arrives twice.
 */
export const liveRoutes = (bus: LiveBus) =>
  new Hono().get('/', validate('query', z.object({ since: z.coerce.number().int().min(0).optional() })), async (c) => {
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
      const send = async (events: LiveEvent[]) => {
        for (const e of events) {
          if (e.id <= lastSent) continue
          await stream.writeSSE({ id: String(e.id), event: e.topic, data: JSON.stringify(e.incident) })
          lastSent = e.id
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
            if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '' })
            continue
          }
          await send(queue.splice(0))
        }
      } finally {
        unsubscribe()
      }
    })
  })
