import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/csp.ts';

// One Web Worker per ZooKeeper server (src/worker/nodeWorker.ts) is built as an ES module worker.
export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
