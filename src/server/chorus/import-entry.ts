// What makes the Chorus import's own process (ADR 0008), for the server that starts it (import-host.ts), the
// build that writes it (scripts/build-import-process.ts) and the benchmark that measures it: no dependency here.

/** Where `npm run build` writes the import process's code, relative to the project's root (the server's cwd). */
export const IMPORT_PROCESS_ENTRY_RELATIVE = ".next/suivi-fast-import/import-process.mjs";

/**
 * The import process's heap: grown by 20 % instead of V8's default factor, and a 4 MiB young generation, so
 * that V8 collects sooner. No ceiling (--max-old-space-size): an import whose live data passed it would stop.
 * Measured (ADR 0008): 171–183 MiB at 100 000 and 1 000 000 CSV lines instead of 330–380 with V8's defaults,
 * for +12 to +40 % time; on the web servers the same options cost ~40 % of their requests per second.
 */
export const IMPORT_PROCESS_NODE_FLAGS = ["--heap-growing-percent=20", "--max-semi-space-size=4"] as const;
