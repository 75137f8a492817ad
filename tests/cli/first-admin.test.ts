import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCliWorkspace } from '../helpers/cli'
import { repoRoot } from '../helpers/gridwatch-server'

/** A production install: no demo county, no default account; the first admin comes from the command line. */
describe('creating the first admin from the command line', () => {
  let ws: Awaited<ReturnType<typeof createCliWorkspace>>
  beforeAll(async () => {
    ws = await createCliWorkspace()
  })
  afterAll(() => ws?.dispose())

  it('refuses a short password and a station role without a station, creating nobody', async () => {
    const short = await ws.run(['user', 'add', 'chen.admin', '--role', 'admin'], { env: { GRIDWATCH_PASSWORD: 'short' } })
    expect(short.code).toBe(1)
    expect(short.stderr).toContain('password: at least 10 characters')
    const noStation = await ws.run(['user', 'add', 'wang.li', '--role', 'officer'], { env: { GRIDWATCH_PASSWORD: 'a long enough password' } })
    expect(noStation.code).toBe(1)
    expect(noStation.stderr).toContain('a officer needs a station')
    expect((await ws.run(['user', 'list'])).stdout.trim()).toBe('')
  })

  it('creates the admin with a password read from stdin, who can then sign in to the real server', async () => {
    const added = await ws.run(['user', 'add', 'chen.admin', '--role', 'admin', '--name', '陈管理员'], { stdin: 'first admin passphrase\n' })
    expect(added.stderr).not.toMatch(/Error/)
    expect(added.code).toBe(0)
    expect(added.stdout).toContain('Created chen.admin (admin).')
    expect((await ws.run(['user', 'list'])).stdout).toMatch(/chen\.admin\s+admin\s+active\s+陈管理员/)

    const server = spawn(join(repoRoot, 'server/node_modules/.bin/tsx'), ['src/main.ts'], { cwd: join(repoRoot, 'server'), env: { ...ws.env, PORT: '0', GRIDWATCH_WEB_DIST: ws.dir } })
    let output = ''
    server.stdout.on('data', (d) => (output += d))
    server.stderr.on('data', (d) => (output += d))
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 120_000)
        server.stdout.on('data', () => {
          const m = /running at (http:\S+)/.exec(output)
          if (m) done((clearTimeout(timer), m[1]!))
        })
      })
      expect(output).not.toContain('No users yet')
      const login = (password: string) => fetch(`${url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chen.admin', password }) })
      expect((await login('gridwatch-demo')).status).toBe(401)
      const ok = await login('first admin passphrase')
      expect(ok.status).toBe(200)
      const cookie = ok.headers.get('set-cookie')!.split(';')[0]!
      const users = (await (await fetch(`${url}api/users`, { headers: { cookie } })).json()) as { username: string; role: string }[]
      expect(users).toEqual([expect.objectContaining({ username: 'chen.admin', role: 'admin' })])
    } finally {
      server.kill('SIGTERM')
      await new Promise((r) => server.once('exit', r))
    }
  }, 180_000)
})
