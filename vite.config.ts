import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The client lives in client/; the server serves dist/client (index.html for every
// non-API route, /assets/* and /favicon.svg as static files).
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: "http://localhost:3000" },
      "/ws": { target: "ws://localhost:3000", ws: true },
    },
  },
});
