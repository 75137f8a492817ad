import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from './gridwatch-server'
import { createScratchDatabase, environmentFor } from './scratch-database'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** A scratch database for command-line tests; `run` calls `server/src/cli` like `pnpm gridwatch` does. */
export async function createCliWorkspace() {
  const scratch = await createScratchDatabase('cli')
  const env = environmentFor(scratch, { GRIDWATCH_DEMO: '0', INIT_CWD: scratch.dir })
  return {
    dir: scratch.dir,
    /** The environment the commands run with (to start a server on the same database). */
    env,
    run(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<CliRun> {
      return new Promise((done) => {
        const child = spawn(join(repoRoot, 'server/node_modules/.bin/tsx'), ['src/cli/index.ts', ...args], { cwd: join(repoRoot, 'server'), env: { ...env, ...options.env } })
        child.stdin.end(options.stdin ?? '')
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d) => (stdout += d))
        child.stderr.on('data', (d) => (stderr += d))
        child.on('exit', (code) => done({ code, stdout, stderr }))
      })
    },
    dispose: () => scratch.dispose(),
  }
}
