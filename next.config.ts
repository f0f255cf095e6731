import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory: keep it out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2"],
  // forbidden() / unauthorized() answer real 403 / 401 statuses.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
