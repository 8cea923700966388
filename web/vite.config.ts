import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Run from web/ (npm run build -w web): output goes to web/dist, which the Fastify server serves.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
