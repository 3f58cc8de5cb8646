// The packaging tests (test/packaging/): they build the Linux bundle, its .deb and .rpm, and the
// desktop app's unpacked layout, then run the bundle offline. Slower and root-only (unshare), so
// they run apart from `npm test`: `npm run test:packaging`, which .ci/run calls.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/packaging/**/*.test.ts'],
    pool: 'forks',
    // One file at a time: each builds large artefacts and the machine has two cores.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
