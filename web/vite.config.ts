// Vite build of the web app: Preact, sources in web/src, output in web/dist (shipped in the npm package, so
// `mianba serve` needs no build step). KaTeX fonts are bundled as files; nothing is loaded from another origin.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
  },
  server: { port: 5173, strictPort: false, proxy: { '/api': 'http://127.0.0.1:8848', '/v1': 'http://127.0.0.1:8848' } },
});
