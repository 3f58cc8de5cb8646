import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'main/**/*.test.ts'],
    // The packaging tests build bundles and need root: `npm run test:packaging` (vitest.packaging.config.ts).
    exclude: [...configDefaults.exclude, 'test/packaging/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
