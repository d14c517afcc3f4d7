// Builds the browser pages (director console, wall render node) into dist/stage-ui, served by the engine.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'stage-ui'),
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(import.meta.dirname, 'dist/stage-ui'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: {
        console: resolve(import.meta.dirname, 'stage-ui/index.html'),
        wall: resolve(import.meta.dirname, 'stage-ui/wall/index.html'),
      },
    },
  },
});
