import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'appliance',
          include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'main/**/*.test.ts', 'renderer/src/**/*.test.ts'],
          // The packaging tests build bundles and need root: `npm run test:packaging` (vitest.packaging.config.ts).
          exclude: ['test/ui/**', 'test/packaging/**', '**/node_modules/**'],
        },
      },
      {
        // The admin UI in real Chromium against a real appliance process. The global setup builds
        // the server and the UI once (when stale), and only when a UI test is about to run.
        extends: true,
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.ts'],
          globalSetup: ['test/ui/globalSetup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
