// Builds the Prisma client on the chosen database: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite in a local data directory. Everything above this file sees one PrismaClient.
// No 'server-only' here: scripts (seed, migrations) and tests use it too.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function databaseTarget(env: { DATABASE_URL?: string; PGLITE_DATA_DIR: string }): DatabaseTarget {
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.PGLITE_DATA_DIR };
}

export type Db = PrismaClient;

export interface OpenDatabase {
  prisma: PrismaClient;
  /** The embedded engine, when there is one (migrations run on it directly: one process, one handle). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): OpenDatabase {
  if (target.kind === "postgres") {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) });
    return { prisma, close: () => prisma.$disconnect() };
  }
  mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir);
  return openPglite(pglite);
}

export function openPglite(pglite: PGlite): OpenDatabase {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    pglite,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
