import { defineConfig } from 'vitest/config';

/** `npm run soak` only: the long randomized fault soak (scripts/soak.soak-run.ts). */
export default defineConfig({
  test: {
    include: ['scripts/**/*.soak-run.ts'],
    environment: 'node',
    testTimeout: 24 * 3600_000,
  },
});
