import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { repoRoot } from './gridwatch-server'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * A scratch GridWatch database for command-line tests: an embedded one in a temporary directory, or,
 * when DATABASE_URL is set, a fresh database on that server. `run` calls `server/src/cli` like
 * `pnpm gridwatch` does.
 */
export async function createCliWorkspace() {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), GRIDWATCH_DEMO: '0' }
  const dir = mkdtempSync(join(tmpdir(), 'gridwatch-cli-'))
  let dropDatabase = async () => {}
  if (process.env.DATABASE_URL) {
    const name = `gw_cli_${randomBytes(4).toString('hex')}`
    const admin = postgres(process.env.DATABASE_URL, { onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    env.DATABASE_URL = url.toString()
    dropDatabase = async () => {
      const a = postgres(process.env.DATABASE_URL!, { onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`)
      await a.end()
    }
  } else {
    env.GRIDWATCH_DATA_DIR = join(dir, 'db')
    delete env.DATABASE_URL
  }
  return {
    dir,
    env,
    run(args: string[]): Promise<CliRun> {
      return new Promise((done) => {
        const child = spawn(join(repoRoot, 'server/node_modules/.bin/tsx'), ['src/cli/index.ts', ...args], { cwd: join(repoRoot, 'server'), env: { ...env, INIT_CWD: dir } })
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d) => (stdout += d))
        child.stderr.on('data', (d) => (stderr += d))
        child.on('exit', (code) => done({ code, stdout, stderr }))
      })
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true })
      await dropDatabase()
    },
  }
}
