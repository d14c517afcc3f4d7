// Test runner config: unit tests sit beside their code, cross-module tests live in test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['assets/build/**/*.test.ts', 'bench/**/*.test.ts', 'camera-bridge/**/*.test.ts', 'engine/**/*.test.ts', 'stage-ui/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/buildUi.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: keep socket-heavy files from starving each other.
    maxWorkers: 2,
  },
});
