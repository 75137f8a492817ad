import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts', 'cli/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // One browser and one server at a time: the machine has two cores.
    fileParallelism: false,
    sequence: { groupOrder: 2 },
  },
})
