// The embedded database in the Chorus import's own process: never used there — that process exists only on
// PostgreSQL (src/server/chorus/import-host.ts) — so its build (scripts/build-import-process.ts) puts this
// module in place of @electric-sql/pglite and pglite-prisma-adapter, which would otherwise load ~10 MiB of
// code into every import (measured: RSS after import("pglite-prisma-adapter")).
const ABSENT = "The embedded database is not part of the Chorus import process (it runs on PostgreSQL only).";

export class PGlite {
  constructor() {
    throw new Error(ABSENT);
  }
}

export class PrismaPGlite {
  constructor() {
    throw new Error(ABSENT);
  }
}
