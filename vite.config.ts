import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './scripts/csp.ts';

// One Web Worker per ZooKeeper server (src/worker/nodeWorker.ts) is built as an ES module worker.
// The service worker (vite-plugin-pwa, Workbox generateSW) precaches every built asset — the page,
// the workers' script, the lessons' chunk, both languages — so after the first visit the lab opens
// with no network. It waits for the user: src/ui/pwa/ registers it from a lazy module (no inline
// script, nothing added to the first load) and offers "Update available — reload".
export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      manifest: {
        name: 'ZooKeeper Lab',
        short_name: 'ZK Lab',
        description: 'A whole Apache ZooKeeper ensemble in one page: watch leader election and ZAB, break them, rewind.',
        theme_color: '#1f2937',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // The entry chunk is about 0.9 MB; the default limit is 2 MiB.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // Any URL of the page (?lesson=…, ?protocol=paxos, ?run=…) is the one index.html.
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
