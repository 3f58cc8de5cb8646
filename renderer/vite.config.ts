// Builds the admin UI into renderer/dist (served by the appliance at /). `npm start` runs this build
// when dist is missing or stale (scripts/start.mjs); `npx vite renderer` serves it with hot reload,
// proxying the API to an appliance on :8787.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = path.dirname(fileURLToPath(import.meta.url));
const appliance = process.env.APPLIANCE_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // No data: URIs or inline assets: everything is a file the CSP allows as 'self'.
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 900, sourcemap: false },
  server: { proxy: { '/v1': appliance, '/docs/openapi.json': appliance, '/invite': appliance } },
});
