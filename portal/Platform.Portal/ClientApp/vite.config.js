import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Assets are built into the host's wwwroot (ignored by git) and served by ASP.NET Core: nothing loads from a CDN.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    rollupOptions: {
      // GraphiQL's React compiler output carries "use no memo" directives that bundling drops harmlessly.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
