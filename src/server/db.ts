import "server-only";
import { env } from "./env";
import { databaseTarget, openDatabase, type OpenDatabase } from "./db/client";

// One client per process, kept on globalThis so that hot reloads in development do not open a new
// database each time (PGlite allows one handle per data directory).
const holder = globalThis as unknown as { __suiviFastDb?: OpenDatabase };

function open(): OpenDatabase {
  holder.__suiviFastDb ??= openDatabase(databaseTarget(env()));
  return holder.__suiviFastDb;
}

export function db() {
  return open().prisma;
}

/** The connection string of the app's database when it is PostgreSQL; undefined on the embedded database. */
export function postgresUrl(): string | undefined {
  return open().postgresUrl;
}

/**
 * Runs independent reads together on the pool, but one after the other on a transaction's client: a
 * transaction is one connection, and pg warns about (and from version 9 refuses) a query sent while the
 * connection is still busy with another.
 */
export async function readAll<const T extends readonly (() => Promise<unknown>)[]>(client: unknown, reads: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (client === db()) return (await Promise.all(reads.map((read) => read()))) as never;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as never;
}
