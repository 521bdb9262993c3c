import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import type { Rollup } from 'vite';

/**
 * Rollup's notes about third-party code (e.g. zod's `@__PURE__` comments it cannot place) are not ours to
 * fix and buried real warnings under pages of text; warnings about our own files still print.
 */
function onwarn(warning: Rollup.RollupLog, warn: Rollup.LoggingFunction): void {
  const where = warning.id ?? warning.loc?.file ?? '';
  if (where.includes('/node_modules/')) return;
  warn(warning);
}

// One config for the app (vite) and the tests (vitest).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // First visit after `npm start`: the dependency scan starts at index.html and does not follow
  // `new Worker(new URL(...))`, so the worker's dependencies (yaml, zod, mathjs) were found only when the
  // page asked for them: a second optimisation pass and a full reload (~9 s to the first frame on a clean
  // clone). Scanning the worker too pre-bundles everything at server start; warm-up transforms both
  // entries before the browser asks.
  optimizeDeps: { entries: ['index.html', 'src/worker/engine.worker.ts'] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    warmup: { clientFiles: ['./src/main.tsx', './src/worker/engine.worker.ts'] },
  },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000, rollupOptions: { onwarn } },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/setup/build-cli.ts'],
  },
});
