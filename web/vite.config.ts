import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  publicDir: here('./public'),
  plugins: [react()],
  resolve: {
    alias: {
      '@web': here('.'),
      // Only `import type` may point here; nothing from the server is bundled.
      '@server': here('../server'),
    },
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // The CSP allows fonts only from 'self', so no asset may be inlined as a data: URL.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
