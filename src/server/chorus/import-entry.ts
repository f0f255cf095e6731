// What makes the Chorus import's own process (ADR 0008), for the server that starts it (import-host.ts), the
// build that writes it (scripts/build-import-process.ts) and the benchmark that measures it: no dependency here.

/** Where `npm run build` writes the import process's code, relative to the project's root (the server's cwd). */
export const IMPORT_PROCESS_ENTRY_RELATIVE = ".next/suivi-fast-import/import-process.mjs";

/**
 * The import process's heap: grown by 20 % instead of V8's default factor, and a 2 MiB young generation, so
 * that V8 collects sooner. No ceiling (--max-old-space-size): an import whose live data passed it would stop.
 * Measured on 100 000-line extracts (ADR 0008), peak RSS over 5 to 9 runs each: CSV 166–173 MiB and .xlsx
 * 172–184 MiB, against 170–200 and 180–203 with a 4 MiB young generation (the .xlsx then 35 % faster, the CSV
 * 8 %) and 330–390 with V8's defaults. On the web servers such options cost ~40 % of their requests per
 * second: they are this process's alone.
 *
 * Without allocation-site pretenuring: with so small a young generation, the objects of the poste being
 * planned are still alive at most scavenges (one every ~1.3 ms), so V8 judged their allocation sites
 * long-lived and allocated them straight in the old generation — garbage there needs full collections, and
 * every old object that points at a young one is one more root for each scavenge. Measured on 100 000 lines
 * (alternated runs, ADR 0008): objects promoted 695 → 285 MB, scavenging 1.34 → 0.77 s, full collections
 * 76 → 38; the plan 3.9 s → 2.9 s, the CSV import 6.1–6.2 s → 5.1–5.2 s, the .xlsx 9.0–9.2 s → 6.5–6.6 s,
 * peaks unchanged (161–168 MiB CSV, 164–180 MiB .xlsx).
 */
export const IMPORT_PROCESS_NODE_FLAGS = ["--heap-growing-percent=20", "--max-semi-space-size=2", "--no-allocation-site-pretenuring"] as const;

/** The environment variable that gives the import process its request (JSON, import-run.ts's schema). */
export const IMPORT_REQUEST_VARIABLE = "SUIVI_FAST_IMPORT_REQUEST";
