import { serve } from '@hono/node-server'
import { createApp, createUser, type DatabaseHandle } from '@gridwatch/server/bench'
import { percentile } from './setup'

/**
 * One incident at a time over real HTTP on loopback: p50/p99 of POST /api/incidents (validate, insert,
 * assign in the same statement, read back the record) against GET /api/incidents/:id, the same stack
 * doing one indexed lookup.
 */
export async function benchSingle(handle: DatabaseHandle, requests: number) {
  const app = createApp({ handle, basemap: {} as never })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  // Signed in like an integration client: the session cookie, and the CSRF token on writes.
  await createUser(handle.db, { username: 'bench-110', displayName: '110 接警平台', password: 'bench password, long enough', role: 'commander', stationId: null, personId: null })
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-110', password: 'bench password, long enough' }) })
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }
  const body = (i: number) =>
    JSON.stringify({ source: '110', externalId: `SINGLE-${i}`, category: 'theft', lon: 120.24 + ((i % 50) - 25) * 0.002, lat: 29.7 + ((i % 37) - 18) * 0.002, reportedAt: new Date().toISOString() })
  const time = async (run: () => Promise<Response>) => {
    const t0 = performance.now()
    const res = await run()
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return performance.now() - t0
  }
  const post = (i: number) => time(() => fetch(`${base}/api/incidents`, { method: 'POST', headers, body: body(i) }))
  const get = (id: number) => time(() => fetch(`${base}/api/incidents/${id}`, { headers: { cookie } }))
  const first = (await (await fetch(`${base}/api/incidents`, { method: 'POST', headers, body: body(-1) })).json()) as { id: number }
  for (let i = 0; i < 50; i++) await post(1_000_000 + i), await get(first.id)
  const posts: number[] = []
  const gets: number[] = []
  for (let i = 0; i < requests; i++) {
    posts.push(await post(i))
    gets.push(await get(first.id))
  }
  server.close()
  posts.sort((a, b) => a - b)
  gets.sort((a, b) => a - b)
  return { requests, post: { p50: percentile(posts, 50), p99: percentile(posts, 99) }, lookup: { p50: percentile(gets, 50), p99: percentile(gets, 99) } }
}
