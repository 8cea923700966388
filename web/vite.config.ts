import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vendor chunks for what the first screen loads: they change only when dependencies do, so phones keep them cached
// across releases, and they download in parallel. `$initial` keeps each group to modules the first screen imports;
// what only lazy pages use (antd Table, DatePicker…) stays with those pages. Module ids use `/` on every platform.
const nodeModules = (packages: string) => new RegExp(`/node_modules/(${packages})/`);
const initial = ['$initial' as const];

// Run from web/ (npm run build -w web): output goes to web/dist, which the Fastify server serves.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: nodeModules('react|react-dom|scheduler|react-router'), tags: initial, priority: 4 },
            { name: 'antd-icons', test: nodeModules('@ant-design/icons(-svg)?'), tags: initial, priority: 3 },
            // The rest: antd's building blocks (@rc-component, cssinjs), TanStack Query, dayjs, openapi-fetch. Before
            // antd, which would otherwise take them along as its dependencies.
            { name: 'vendor', test: nodeModules('(?!antd/).+?'), tags: initial, priority: 2 },
            { name: 'antd', test: nodeModules('antd'), tags: initial, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
