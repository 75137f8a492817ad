import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // The browser needs only the reference tables of @gridwatch/data (categories, response targets);
      // the rest of that package (generator, file importers) is Node code.
      { find: /^@gridwatch\/data$/, replacement: fileURLToPath(new URL('../data/src/reference/incident-categories.ts', import.meta.url)) },
    ],
  },
  server: {
    // `pnpm dev` in web/ talks to a running GridWatch server.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
})
