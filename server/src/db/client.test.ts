import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseUnavailableError, openDatabase } from './client'

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'gridwatch-lock-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('the embedded database is used by one process at a time', () => {
  it('refuses a data directory another running process holds', async () => {
    const dir = tempDir()
    const other = spawn('sleep', ['30'])
    try {
      writeFileSync(join(dir, 'gridwatch.lock'), String(other.pid))
      await expect(openDatabase({ driver: 'pglite', dataDir: dir })).rejects.toThrow(DatabaseUnavailableError)
      await expect(openDatabase({ driver: 'pglite', dataDir: dir })).rejects.toThrow(`is in use by process ${other.pid}`)
    } finally {
      other.kill()
    }
  })

  it('takes over a lock left by a process that no longer runs, and releases it on close', async () => {
    const dir = tempDir()
    const gone = spawn('true')
    await new Promise((r) => gone.once('exit', r))
    writeFileSync(join(dir, 'gridwatch.lock'), String(gone.pid))
    const handle = await openDatabase({ driver: 'pglite', dataDir: dir })
    expect(existsSync(join(dir, 'gridwatch.lock'))).toBe(true)
    await handle.close()
    expect(existsSync(join(dir, 'gridwatch.lock'))).toBe(false)
  }, 60_000)
})
