import { defineConfig } from 'vitest/config';

/** `npm run bench` only: the Node-side measurements (scripts/*.bench-run.ts). */
export default defineConfig({
  test: {
    include: ['scripts/**/*.bench-run.ts'],
    environment: 'node',
    testTimeout: 300_000,
  },
});
