import { defineConfig } from 'vitest/config'

/** `pnpm test` runs every package's suite. DATABASE_URL set → the same DB tests run on PostGIS. */
export default defineConfig({
  test: {
    projects: ['data', 'server', 'web', 'tests'],
  },
})
