// Next.js configuration (plain JavaScript, typed by JSDoc). Static files live in public/ and are served at the
// root (public/favicon.ico is /favicon.ico).

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WASM and data files from its own package directory: keep it out of the bundle.
  // pdfkit reads its font metrics from its own package directory at run time: keep it out of the bundle too.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pdfkit"],
  // forbidden() / unauthorized() answer real 403 / 401 statuses.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
