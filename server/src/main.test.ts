import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const serverDir = resolve(import.meta.dirname, '..')

/** Runs the real entry point with an environment and collects what it prints until it exits or serves. */
function start(env: Record<string, string | undefined>, until: RegExp | 'exit' = 'exit') {
  return new Promise<{ code: number | null; output: string; stop: () => void }>((done) => {
    const child = spawn(join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: serverDir,
      env: { ...process.env, DATABASE_URL: undefined, PORT: '0', ...env } as NodeJS.ProcessEnv,
    })
    let output = ''
    const onData = (d: Buffer) => {
      output += d
      if (until !== 'exit' && until.test(output)) done({ code: null, output, stop: () => child.kill('SIGTERM') })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => done({ code, output, stop: () => {} }))
  })
}

describe('starting GridWatch', () => {
  it('stops with one clear line when a setting is invalid', async () => {
    const { code, output } = await start({ PORT: 'eighty' })
    expect(code).toBe(1)
    expect(output.trim().split('\n')).toEqual(['[gridwatch] Invalid environment variable PORT: Invalid input: expected number, received NaN'])
  })

  it('stops with one clear line when the database server cannot be reached', async () => {
    const { code, output } = await start({ DATABASE_URL: 'postgres://gridwatch:secret@127.0.0.1:1/gridwatch' })
    expect(code).toBe(1)
    const lines = output.trim().split('\n').filter((l) => !l.startsWith('[gridwatch] Database:'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^\[gridwatch\] Cannot connect to PostgreSQL at postgres:\/\/gridwatch:\*\*\*@127\.0\.0\.1:1\/gridwatch: /)
    expect(output).not.toContain('secret')
  })

  it('starts on an empty embedded database with GRIDWATCH_DEMO=0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gridwatch-empty-'))
    try {
      const run = await start({ GRIDWATCH_DATA_DIR: dataDir, GRIDWATCH_DEMO: '0', GRIDWATCH_WEB_DIST: dataDir }, /running at (http:\S+)/)
      const url = /running at (http:\S+)/.exec(run.output)![1]!
      const health = (await (await fetch(`${url}api/health`)).json()) as { database: { driver: string; postgis: string } }
      const counts = await fetch(`${url}api/health/counts`)
      // No default account outside demo mode: the demo password opens nothing.
      const demoLogin = await fetch(`${url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'gridwatch-demo' }) })
      run.stop()
      expect(run.output).toContain('GRIDWATCH_DEMO=0: starting without the demo county.')
      expect(run.output).toContain('No users yet: create the first admin with `pnpm gridwatch user add <username> --role admin`.')
      expect(health.database.driver).toBe('pglite')
      expect(health.database.postgis).toMatch(/^3\./)
      expect(counts.status).toBe(401)
      expect(demoLogin.status).toBe(401)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})
