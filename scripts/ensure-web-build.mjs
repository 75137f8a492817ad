// Builds the web app when its output is missing or older than its sources, so `pnpm start`
// is fast on every start after the first.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const output = join(root, 'web/dist/index.html')
const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'pnpm-lock.yaml']

const newest = (path) => {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0
const changed = Math.max(...sources.map((s) => newest(join(root, s))))
if (built > changed) {
  console.log('[gridwatch] Web app is up to date.')
} else {
  console.log('[gridwatch] Building the web app…')
  execFileSync('pnpm', ['--filter', '@gridwatch/web', 'build'], { cwd: root, stdio: 'inherit' })
}
