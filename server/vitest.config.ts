import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/db/testing/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Each file gets its own database (PGlite instance or cloned PostGIS database); two workers fit 2 cores.
    maxWorkers: 2,
    sequence: { groupOrder: 1 },
  },
})
