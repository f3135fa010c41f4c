import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The window bundle: relative asset URLs so the same build loads from the Electron app protocol,
// from file:// and from the dashboard's loopback server.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    // One stylesheet and no inline scripts, so the strict CSP holds without 'unsafe-inline'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
