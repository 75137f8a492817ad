import { defineProject } from 'vitest/config'

export default defineProject({
  test: { name: 'data', include: ['src/**/*.test.ts'], testTimeout: 60_000, sequence: { groupOrder: 0 } },
})
