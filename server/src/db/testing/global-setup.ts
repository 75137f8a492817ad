import type { TestProject } from 'vitest/node'
import { prepareTestDatabases } from './test-database'

/** Once per test run: a migrated PGlite snapshot, or a migrated PostGIS template database. */
export default async function setup(project: TestProject) {
  const prepared = await prepareTestDatabases(process.env.DATABASE_URL)
  project.provide('testDatabase', prepared.target)
  return prepared.teardown
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: import('./test-database').PreparedTarget
  }
}
