import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the API runs separately (apps/api on :3000); in production it serves dist/
// on the same origin, so the SPA always calls relative URLs.
const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [react()],
  // The app is written against React's API and types; the browser gets Preact's compatible
  // implementation of it (~8 KB gzipped instead of react-dom's ~66 KB), which is most of the
  // first load on a phone. Every browser test runs against this build.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react\/jsx-runtime$/, replacement: "preact/jsx-runtime" },
      { find: /^react\/jsx-dev-runtime$/, replacement: "preact/jsx-dev-runtime" },
      { find: /^react$/, replacement: "preact/compat" },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget },
      "/healthz": { target: apiTarget },
      "/readyz": { target: apiTarget },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each page loads, read by `pnpm bench:web`.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys
        // and keep every chunk under the size warning.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](preact|react|react-dom|scheduler)[\\/]/ },
            { name: "zod", test: /node_modules[\\/]zod[\\/]/ },
            // Phone numbers are checked only by the lead and user forms, never on the first load.
            { name: "phone", test: /node_modules[\\/]libphonenumber-js[\\/]/ },
            // Only the pages with a chart import it (lazily): never part of the first load.
            {
              name: "charts",
              test: /node_modules[\\/](chart\.js|react-chartjs-2|@kurkle[\\/]color)[\\/]/,
            },
            { name: "vendor", test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
