import { spawn, execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import postgres from 'postgres'

export const repoRoot = resolve(import.meta.dirname, '../..')

async function freePort() {
  return new Promise<number>((done, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => done(port))
    })
  })
}

/** Builds the web app if its build is missing or stale (same check as `pnpm start`). */
export function ensureWebBuild() {
  execFileSync('node', [join(repoRoot, 'scripts/ensure-web-build.mjs')], { cwd: repoRoot, stdio: 'inherit' })
}

export interface RunningGridwatch {
  url: string
  /** Everything the server printed, for assertions and failure messages. */
  output: () => string
  stop(): Promise<void>
}

/**
 * Starts the real server (`server/src/main.ts`) as a child process with a small demo county, on the
 * embedded database in a temporary directory, or — when DATABASE_URL is set — on a fresh PostGIS database.
 */
export async function startGridwatch(options: { demoScale?: number; env?: Record<string, string> } = {}): Promise<RunningGridwatch> {
  const port = await freePort()
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    GRIDWATCH_DEMO_SCALE: String(options.demoScale ?? 0.05),
    ...options.env,
  }
  let dataDir: string | undefined
  let database: { admin: string; name: string } | undefined
  if (process.env.DATABASE_URL) {
    const name = `gw_e2e_${randomBytes(4).toString('hex')}`
    const admin = postgres(process.env.DATABASE_URL, { onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
    database = { admin: process.env.DATABASE_URL, name }
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'gridwatch-e2e-'))
    env.GRIDWATCH_DATA_DIR = dataDir
    delete env.DATABASE_URL
  }
  const child = spawn(join(repoRoot, 'server/node_modules/.bin/tsx'), ['src/main.ts'], { cwd: join(repoRoot, 'server'), env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`GridWatch did not start within 5 minutes:\n${output}`)), 300_000)
    const check = () => {
      const m = /GridWatch is running at (http:\/\/\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        done(m[1]!.replace(/\/$/, ''))
      }
    }
    child.stdout.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`GridWatch exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    output: () => output,
    async stop() {
      child.removeAllListeners('exit')
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
      if (database) {
        const admin = postgres(database.admin, { onnotice: () => {} })
        await admin.unsafe(`drop database if exists ${database.name} with (force)`)
        await admin.end()
      }
    },
  }
}
