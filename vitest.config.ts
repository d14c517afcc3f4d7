// Test runner config: unit tests sit beside their code, cross-module tests live in test/.
// Two groups, one after the other: everything that runs in Node (two files at a time: two cores on CI), then the
// headless-Chromium files one at a time, since two software-rendered browsers on two cores starve each other's
// frames (a wall page loading a scene took 2–3× as long beside the console suite).
import { configDefaults, defineConfig } from 'vitest/config';

const BROWSER = ['test/browser/**/*.test.ts', 'test/**/*.browser.test.ts', 'stage-ui/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/support/buildUi.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['assets/build/**/*.test.ts', 'bench/**/*.test.ts', 'camera-bridge/**/*.test.ts', 'engine/**/*.test.ts', 'stage-ui/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BROWSER],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
