import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { createApp } from './app'
import { bootDatabase } from './db/boot'
import { DatabaseUnavailableError } from './db/client'
import { readEnv } from './env'
import { createOutboxWorker } from './exchange/outbox-worker'
import { createLiveBus } from './live/bus'
import { createBasemapTiles } from './services/basemap-tiles'
import { ensureReferenceData } from './services/reference-data'
import { seedDemoCounty } from './services/seed-demo'
import { DEMO_PASSWORD, ensureDemoUsers, userCount, type DemoAccount } from './services/demo-users'
import { pruneSessions } from './auth'

const log = (line: string) => console.log(`[gridwatch] ${line}`)

async function main() {
  const env = readEnv()
  const handle = await bootDatabase(env, log)
  await ensureReferenceData(handle.db)
  let demoAccounts: DemoAccount[] | null = null
  if (env.demo.enabled) {
    const result = await seedDemoCounty(handle.db, { seed: env.demo.seed, scale: env.demo.scale, log, progress: true })
    log(result.seeded ? 'Demo county seeded.' : `Demo county not seeded: ${result.reason}.`)
    demoAccounts = await ensureDemoUsers(handle.db)
    if (demoAccounts.length > 0) log(`Demo mode: sign in as ${demoAccounts.map((a) => a.username).join(', ')} (password ${DEMO_PASSWORD}).`)
    if (!['127.0.0.1', 'localhost', '::1'].includes(env.host)) log(`WARNING: demo accounts with a published password are reachable on ${env.host}. Use GRIDWATCH_DEMO=0 for anything but a trial.`)
  } else {
    log('GRIDWATCH_DEMO=0: starting without the demo county.')
  }
  if ((await userCount(handle.db)) === 0) log('No users yet: create the first admin with `pnpm gridwatch user add <username> --role admin`.')
  await pruneSessions(handle.db)
  const basemap = createBasemapTiles(handle.db)
  await basemap.warm()

  const live = createLiveBus(handle)
  const app = createApp({
    handle,
    basemap,
    nearestToleranceM: env.nearestToleranceM,
    disputeDeadlineDays: env.disputeDeadlineDays,
    live,
    requestLog: true,
    auth: { sessionHours: env.sessionHours, trustProxy: env.trustProxy, secureCookie: env.secureCookie, demoAccounts: demoAccounts && demoAccounts.length > 0 ? demoAccounts : null },
  })
  if (existsSync(join(env.webDist, 'index.html'))) {
    const root = relative(process.cwd(), env.webDist) || '.'
    const indexHtml = await readFile(join(env.webDist, 'index.html'), 'utf8')
    app.use('/*', serveStatic({ root }))
    // Client-side routes (/wall, /planner …) all load the single-page app.
    app.get('*', (c) => c.html(indexHtml))
  } else {
    log(`No web build at ${env.webDist}: serving the API only (run \`pnpm build\`).`)
  }

  // 警网互融: forwarded matters leave through the outbox, retried until the partner has them.
  const outbox = createOutboxWorker(handle)
  await outbox.start()

  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    const host = env.host === '0.0.0.0' ? 'localhost' : env.host
    log(`GridWatch is running at http://${host}:${info.port}/`)
  })
  // Longer than clients' and proxies' idle timeouts: a kept-alive connection is then never closed by us
  // just as a client sends on it (a reset request, seen by browsers and test clients on a busy machine).
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = 65_000
    server.headersTimeout = 66_000
  }
  const shutdown = async () => {
    server.close()
    await outbox.stop()
    await live.close()
    await handle.close().catch(() => {})
    process.exit(0)
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  if (error instanceof DatabaseUnavailableError || (error instanceof Error && error.message.startsWith('Invalid environment variable'))) {
    console.error(`[gridwatch] ${error.message}`)
  } else {
    console.error('[gridwatch] Failed to start:', error)
  }
  process.exit(1)
})
