// `npm run build`, after `next build`: the Chorus import's own process (src/server/chorus/import-process.ts,
// ADR 0008) as one ESM file, .next/suivi-fast-import/import-process.mjs, that the built server starts for each
// import on PostgreSQL. Its code and the app's modules it needs are bundled; packages stay in node_modules
// (resolved upwards from the file, hence a file inside the project). The react-server condition resolves the
// app's modules as Next resolves them on the server ("server-only" is then empty); node runs the file with the
// same condition for the packages.
import { pathToFileURL } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { IMPORT_PROCESS_ENTRY_RELATIVE } from "../src/server/chorus/import-entry";

/** How the import process is built; the benchmark builds its import worker the same way (scripts/bench/run.ts). */
export function importProcessBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    conditions: ["react-server"],
    target: "node20",
    outfile,
    // That process runs on PostgreSQL only: the embedded database's packages are left out.
    alias: { "@electric-sql/pglite": "./scripts/import-process-without-pglite.ts", "pglite-prisma-adapter": "./scripts/import-process-without-pglite.ts" },
    logLevel: "warning",
  };
}

export async function buildImportProcess(outfile: string = IMPORT_PROCESS_ENTRY_RELATIVE): Promise<string> {
  await build(importProcessBuildOptions("src/server/chorus/import-process.ts", outfile));
  return outfile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildImportProcess();
  console.log(`Processus d'import Chorus construit : ${IMPORT_PROCESS_ENTRY_RELATIVE}`);
}
