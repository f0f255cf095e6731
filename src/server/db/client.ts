// Builds the Prisma client on the chosen database: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite in a local data directory. Everything above this file sees one PrismaClient.
// No 'server-only' here: scripts (seed, migrations) and tests use it too.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client";
import { statementNames } from "./statement-names";

export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

export function databaseTarget(env: { DATABASE_URL?: string; PGLITE_DATA_DIR: string }): DatabaseTarget {
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.PGLITE_DATA_DIR };
}

export type Db = PrismaClient;

export interface OpenDatabase {
  prisma: PrismaClient;
  /** The embedded engine, when there is one (migrations run on it directly: one process, one handle). */
  pglite?: PGlite;
  /** The connection string, when the database is PostgreSQL (a Chorus import runs in its own process on it). */
  postgresUrl?: string;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): OpenDatabase {
  if (target.kind === "postgres") {
    // The pool is ours so that a transaction's own connection can be found (src/server/db/copy.ts: COPY).
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    pool.on("connect", (client) => pooledClients.add(client));
    pool.on("remove", (client) => pooledClients.delete(client));
    // Reads of one record by its key run as prepared statements (statement-names.ts: why, and the bounds).
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: statementNames() }) });
    return { prisma, postgresUrl: target.url, close: () => prisma.$disconnect() };
  }
  mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir);
  return openPglite(pglite);
}

/** The open connections of the PostgreSQL pools, each known by its server process id. */
const pooledClients = new Set<pg.PoolClient>();

/** The pool's connection served by that server process (`SELECT pg_backend_pid()`), if it is one of ours. */
export function pooledClient(processId: number): pg.PoolClient | undefined {
  for (const client of pooledClients) if ((client as unknown as { processID: number | null }).processID === processId) return client;
  return undefined;
}

/** The embedded databases open in this process (src/server/db/copy.ts copies into the only one). */
const openEmbedded = new Set<PGlite>();

/** The embedded database of this process when exactly one is open, else undefined. */
export function soleEmbeddedDatabase(): PGlite | undefined {
  return openEmbedded.size === 1 ? [...openEmbedded][0] : undefined;
}

export function openPglite(pglite: PGlite): OpenDatabase {
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  openEmbedded.add(pglite);
  return {
    prisma,
    pglite,
    close: async () => {
      openEmbedded.delete(pglite);
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
