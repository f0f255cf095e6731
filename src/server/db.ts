import "server-only";
import { env } from "./env";
import { databaseTarget, openDatabase, type OpenDatabase } from "./db/client";

// One client per process, kept on globalThis so that hot reloads in development do not open a new
// database each time (PGlite allows one handle per data directory).
const holder = globalThis as unknown as { __suiviFastDb?: OpenDatabase };

export function db() {
  holder.__suiviFastDb ??= openDatabase(databaseTarget(env()));
  return holder.__suiviFastDb.prisma;
}
