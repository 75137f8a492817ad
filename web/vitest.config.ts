import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

/** Unit tests of the web app's pure modules (live store, incident columns, scales, timers, geometry). */
export default defineProject({
  resolve: {
    // As in vite.config.ts: the browser code takes only the reference tables of @gridwatch/data.
    alias: [{ find: /^@gridwatch\/data$/, replacement: fileURLToPath(new URL('../data/src/reference/incident-categories.ts', import.meta.url)) }],
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
