// One measurement of the Chorus import benchmark, alone in its process so that its peak memory (VmHWM) is
// its own. Started by run.ts as `node --import tsx --conditions=react-server scripts/bench/import-worker.ts
// <mode> <file> [conventionId]` with DATABASE_URL set; prints one line "BENCH_RESULT {json}".
//   baseline  load the same modules, make one query through the app's database client (Prisma's query
//             compiler is loaded then: ~90 MiB) and stop: the memory floor of a worker that imports;
//   copy      PostgreSQL COPY of the file's data rows (title rows skipped) into a scratch table of text columns;
//   parse     the app's streaming reader (CSV, or XLSX for a .xlsx file) and the INF-BUD-53 (AE) layout's parser
//             over the whole file (no database);
//   import    the app's import as its import process runs it (runChorusImport: read, parse, keep the
//             convention's lines, then plan against the ceilings and write, all or nothing, in one transaction).
import { createReadStream, readFileSync, statSync } from "node:fs";
import pg from "pg";
import { copyBytes } from "./copy";
import { readChorusRows } from "../../src/server/chorus/read-lines";
import { readXlsxRows } from "../../src/server/chorus/read-xlsx";
import { createLayoutParser, LAYOUT_BY_ID } from "../../src/domain/chorus/layouts";
import { INF_BUD_53_AE_HEADER } from "../chorus/generate-extract";
import { runChorusImport } from "../../src/server/chorus/import-run";
import { db } from "../../src/server/db";

const SCRATCH = "bench_copy_scratch";
const COLUMNS = INF_BUD_53_AE_HEADER.length; // the generated INF-BUD-53 extract's columns
const TITLE_AND_HEADER_LINES = 5;

/** The file's bytes after its first `skip` lines (the title rows and the header of the extract). */
async function* afterLines(path: string, skip: number): AsyncGenerator<Uint8Array> {
  let left = skip;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    let bytes = chunk;
    while (left > 0 && bytes.length > 0) {
      const lf = bytes.indexOf(0x0a);
      if (lf < 0) {
        bytes = bytes.subarray(bytes.length);
        break;
      }
      bytes = bytes.subarray(lf + 1);
      left -= 1;
    }
    if (bytes.length > 0) yield bytes;
  }
}

async function copy(path: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${SCRATCH}`);
    await client.query(`CREATE TABLE ${SCRATCH} (${Array.from({ length: COLUMNS }, (_, i) => `c${i + 1} text`).join(", ")})`);
    const started = performance.now();
    const rows = await copyBytes(client, SCRATCH, "FORMAT csv, DELIMITER ';', ENCODING 'WIN1252'", afterLines(path, TITLE_AND_HEADER_LINES));
    const ms = performance.now() - started;
    return { ms, rows };
  } finally {
    await client.end();
  }
}

async function parse(path: string) {
  const started = performance.now();
  const rows = path.endsWith(".xlsx") ? readXlsxRows(path) : readChorusRows(path, { delimiter: ";" });
  const parser = createLayoutParser(LAYOUT_BY_ID.INF_BUD_53_AE);
  let records = 0;
  let rejected = 0;
  for await (const row of rows) {
    const outcome = parser.push(row);
    if (outcome.kind === "record") records += 1;
    else if (outcome.kind === "rejected") rejected += 1;
    else if (outcome.kind === "fatal") throw new Error(outcome.rejection.reason);
  }
  parser.end();
  return { ms: performance.now() - started, rows: records, rejected };
}

/** The import as the app's import process runs it (runChorusImport, src/server/chorus/import-process.ts). */
async function importExtract(path: string, conventionId: string) {
  const user = await db().user.findUniqueOrThrow({ where: { email: "gestionnaire@dnum-mte.example.fr" } });
  const actor = { userId: user.id, organisationId: user.organisationId, role: user.role };
  const totalBytes = statSync(path).size;
  const started = performance.now();
  let read = started;
  let result: Record<string, unknown> | null = null;
  await runChorusImport({ conventionId, actor, mode: "apply", name: "bench.csv", totalBytes, expectedBytes: totalBytes }, createReadStream(path, { highWaterMark: 64 * 1024 }), (event) => {
    const e = event as Record<string, unknown>;
    if (e.type === "progress" && e.bytesRead === totalBytes) read = performance.now();
    if (e.type === "result" || e.type === "error") result = e;
  });
  const ms = performance.now() - started;
  await db().$disconnect();
  const outcome = result as Record<string, unknown> | null;
  if (!outcome || outcome.type !== "result" || outcome.applied !== true) throw new Error(`import refusé : ${JSON.stringify(outcome)?.slice(0, 2000)}`);
  const floor = await writeFloor(conventionId);
  return {
    writeFloorMs: floor.ms,
    ms,
    readMs: read - started,
    applyMs: ms - (read - started),
    rows: outcome.linesRead,
    otherConventions: outcome.otherCount,
    newEjs: outcome.newEjs,
    newMovements: outcome.newMovements,
    refused: outcome.rejectedCount,
  };
}

/**
 * What PostgreSQL alone takes to write what the import wrote: the same EJ and movement rows inserted again
 * into the real tables (their indexes, CHECK constraints and foreign keys), by INSERT … SELECT from a copy of
 * them, in a transaction that deletes them first and is rolled back. No parsing, no plan, no network: the
 * floor of any import that keeps this schema's integrity, against which the COPY into a text table compares.
 */
async function writeFloor(conventionId: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    const imported = await client.query<{ id: string }>("SELECT id FROM chorus_import WHERE convention_id = $1 ORDER BY imported_at DESC LIMIT 1", [conventionId]);
    await client.query("CREATE TEMP TABLE floor_ej ON COMMIT DROP AS SELECT * FROM engagement_juridique WHERE chorus_import_id = $1", [imported.rows[0]!.id]);
    await client.query("CREATE TEMP TABLE floor_movement ON COMMIT DROP AS SELECT m.* FROM ej_movement m JOIN floor_ej e ON e.id = m.ej_id");
    await client.query("DELETE FROM ej_movement WHERE ej_id IN (SELECT id FROM floor_ej)");
    await client.query("DELETE FROM engagement_juridique WHERE id IN (SELECT id FROM floor_ej)");
    const started = performance.now();
    const ejs = await client.query("INSERT INTO engagement_juridique SELECT * FROM floor_ej");
    const movements = await client.query("INSERT INTO ej_movement SELECT * FROM floor_movement");
    return { ms: performance.now() - started, ejs: ejs.rowCount, movements: movements.rowCount };
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

/**
 * The peak resident memory of this program: VmHWM of /proc/self/status (Linux), the high-water mark of the
 * memory it mapped since exec. Not getrusage's maxRSS: Linux carries it over fork and exec, so a worker
 * would inherit the harness's own peak (up to 751 MiB once the harness had generated a 1 000 000-line .xlsx).
 */
function peakRssMiB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: getrusage's figure, which may include the parent's.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main() {
  const [mode, path, conventionId] = process.argv.slice(2);
  let result: Record<string, unknown>;
  if (mode === "baseline") {
    await db().user.count();
    await db().$disconnect();
    result = { ms: 0 };
  }
  else if (mode === "copy" && path) result = await copy(path);
  else if (mode === "parse" && path) result = await parse(path);
  else if (mode === "import" && path && conventionId) result = await importExtract(path, conventionId);
  else throw new Error("Usage : import-worker.ts baseline | copy <fichier> | parse <fichier> | import <fichier> <conventionId>");
  console.log(`BENCH_RESULT ${JSON.stringify({ ...result, peakRssMiB: peakRssMiB() })}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
