import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'

/**
 * Where a test or benchmark process keeps its own GridWatch database: when DATABASE_URL is set, a new
 * database on that server (`databaseUrl`); otherwise an embedded one in a new temporary directory
 * (`dataDir`). `env` is the environment a GridWatch process needs to use it. `dispose` removes it.
 */
export async function createScratchDatabase(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `gridwatch-${prefix}-`))
  const env: Record<string, string> = {}
  let databaseUrl: string | undefined
  let dropDatabase = async () => {}
  if (process.env.DATABASE_URL) {
    const name = `gw_${prefix}_${randomBytes(4).toString('hex')}`
    const admin = postgres(process.env.DATABASE_URL, { onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(process.env.DATABASE_URL)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    env.DATABASE_URL = databaseUrl
    dropDatabase = async () => {
      const a = postgres(process.env.DATABASE_URL!, { onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`)
      await a.end()
    }
  } else {
    env.GRIDWATCH_DATA_DIR = join(dir, 'db')
  }
  return {
    /** A scratch folder for files the test writes. */
    dir,
    databaseUrl,
    dataDir: databaseUrl ? undefined : join(dir, 'db'),
    env,
    async dispose() {
      rmSync(dir, { recursive: true, force: true })
      await dropDatabase()
    },
  }
}

/** The parent environment without DATABASE_URL, plus the scratch database's settings. */
export function environmentFor(scratch: { env: Record<string, string> }, extra: Record<string, string> = {}) {
  const env = { ...(process.env as Record<string, string>) }
  delete env.DATABASE_URL
  return { ...env, ...scratch.env, ...extra }
}
