import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  server: {
    // `pnpm dev` in web/ talks to a running GridWatch server.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  build: {
    chunkSizeWarningLimit: 3000,
    sourcemap: false,
  },
})
