import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { createScratchDatabase, environmentFor } from './scratch-database'

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
  const scratch = await createScratchDatabase('e2e')
  const env = environmentFor(scratch, { PORT: String(port), HOST: '127.0.0.1', GRIDWATCH_DEMO_SCALE: String(options.demoScale ?? 0.05), ...options.env })
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
      await scratch.dispose()
    },
  }
}
