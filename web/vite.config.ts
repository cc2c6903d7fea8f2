import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname, '..');

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    alias: { '@lotse/common': path.resolve(root, 'common/src/index.ts') },
  },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    // One bundle with React, Mantine and all seven catalogues (about 215 kB gzipped) is fine for an intranet app.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
