// Bulk rows inside a Prisma interactive transaction, for the Chorus import (src/server/chorus/import.ts):
// - `copyInto` writes rows given in COPY's text format into a table. On PostgreSQL it is a real
//   COPY … FROM STDIN (pg-copy-streams) on the transaction's own connection — found by its server process
//   id among the pool's connections (src/server/db/client.ts) — so the rows are part of the transaction and
//   disappear with it. On PGlite, COPY … FROM '/dev/blob' (PGlite's way: the rows handed over as a Blob),
//   4 MiB at a time, sent on the embedded database's single connection, which Prisma's adapter holds inside
//   the transaction: PGlite's public query methods would wait for that transaction to end, so the COPY goes
//   through the lower methods its own query path uses (_runExclusiveQuery, _handleBlob, execProtocolStream,
//   _cleanupBlob — re-check them when upgrading @electric-sql/pglite). If they are missing, or more than one
//   embedded database is open, the rows go through INSERT … SELECT FROM unnest() in chunks (bulk-insert.ts).
// - `openCopy` starts a COPY … FROM STDIN on PostgreSQL that the caller feeds while it computes the rows
//   (PostgreSQL inserts them meanwhile, on its own core); the connection is the COPY's until it ends.
// - `cursorRows` reads a query's rows a batch at a time (DECLARE … CURSOR / FETCH), in flat memory;
//   `spooledRows` reads them all at once into a file (COPY (query) TO STDOUT) and hands them back from it,
//   leaving the connection free while they are consumed (PostgreSQL only).
// Table, column and cursor names are constants of the caller, never input.
import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { Tx } from "./audit";
import { bulkInsert, type BulkColumn } from "./bulk-insert";
import { pooledClient, soleEmbeddedDatabase } from "./client";

export type CopyColumn = { name: string; type: BulkColumn<unknown>["type"] | "jsonb" | "boolean" };

/** A transaction able to take rows in bulk: its Prisma client and, on PostgreSQL, its own pg connection. */
export interface BulkTx {
  tx: Tx;
  connection: pg.PoolClient | null;
  /** The embedded database the transaction runs on, when its COPY path is usable. */
  embedded: PGlite | null;
}

export async function bulkTx(tx: Tx): Promise<BulkTx> {
  const [row] = await tx.$queryRaw<{ pid: number; version: string }[]>`SELECT pg_backend_pid() AS pid, version() AS version`;
  const connection = row ? (pooledClient(Number(row.pid)) ?? null) : null;
  const pglite = !connection && row && /emscripten|wasm/i.test(row.version) ? soleEmbeddedDatabase() : undefined;
  const usable = pglite && typeof pglite._runExclusiveQuery === "function" && typeof pglite._handleBlob === "function" && typeof pglite.execProtocolStream === "function";
  return { tx, connection, embedded: usable ? pglite : null };
}

/** A simple-query message of the PostgreSQL protocol ('Q', length, text, NUL), and Sync ('S'). */
function protocolMessage(type: "Q" | "S", text?: string): Uint8Array {
  const body = text === undefined ? Buffer.alloc(0) : Buffer.from(`${text}\0`, "utf8");
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, "ascii");
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

const BLOB_BYTES = 4 * 1024 * 1024;

/** COPY FROM '/dev/blob' on PGlite, a few MiB of whole lines at a time, on the transaction's connection. */
async function copyIntoEmbedded(pglite: PGlite, sql: string, source: AsyncIterable<string | Buffer>): Promise<number> {
  let count = 0;
  const send = async (lines: Buffer) => {
    await pglite._runExclusiveQuery(async () => {
      await pglite._handleBlob(new Blob([new Uint8Array(lines)]));
      try {
        await pglite.execProtocolStream(protocolMessage("Q", sql), { syncToFs: false });
      } finally {
        await pglite.execProtocolStream(protocolMessage("S"), { syncToFs: false });
        await pglite._cleanupBlob();
      }
    });
  };
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    pending.push(bytes);
    size += bytes.length;
    if (size < BLOB_BYTES) continue;
    const all = Buffer.concat(pending);
    const end = all.lastIndexOf(0x0a) + 1;
    if (end === 0) continue;
    const whole = all.subarray(0, end);
    count += countLines(whole);
    await send(whole);
    pending = [all.subarray(end)];
    size = pending[0]!.length;
  }
  const rest = Buffer.concat(pending);
  if (rest.length > 0) {
    const whole = rest[rest.length - 1] === 0x0a ? rest : Buffer.concat([rest, Buffer.from("\n")]);
    count += countLines(whole);
    await send(whole);
  }
  return count;
}

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n += 1;
  return n;
}

/** One value in COPY's text format: \N for null, backslash escapes for the separators. */
export function copyField(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value !== "string") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r") : value;
}

/** A row in COPY's text format, line break included. */
export function copyLine(values: readonly (string | number | bigint | boolean | null | undefined)[]): string {
  return `${values.map(copyField).join("\t")}\n`;
}

/** The characters COPY's text format writes as a backslash and a letter (COPY TO writes these six). */
const ESCAPED: Record<string, string> = { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", v: "\v" };

function unescapeField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\(.)/g, (_, c: string) => ESCAPED[c] ?? c);
}

/** Groups text chunks into lines (a chunk may end inside a line). */
async function* linesOf(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === "string" ? chunk : chunk.toString("utf8"));
    const parts = text.split("\n");
    carry = parts.pop()!;
    for (const part of parts) yield part;
  }
  if (carry !== "") yield carry;
}

const PGLITE_CHUNK = 5_000;

/** Writes the rows (COPY text lines, in the order of `columns`) into `table`; answers how many. */
export async function copyInto(bulk: BulkTx, table: string, columns: readonly CopyColumn[], source: AsyncIterable<string | Buffer>): Promise<number> {
  if (bulk.connection) {
    const sql = `COPY "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) FROM STDIN`;
    const stream = bulk.connection.query(copyFrom(sql));
    await pipeline(Readable.from(source), stream);
    return Number(stream.rowCount ?? 0);
  }
  if (bulk.embedded) {
    return copyIntoEmbedded(bulk.embedded, `COPY "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) FROM '/dev/blob'`, source);
  }
  const bulkColumns: BulkColumn<(string | null)[]>[] = columns.map((c, i) => ({ name: c.name, type: c.type as BulkColumn<unknown>["type"], value: (row) => row[i] ?? null }));
  let rows: (string | null)[][] = [];
  let count = 0;
  for await (const line of linesOf(source)) {
    if (line === "") continue;
    rows.push(line.split("\t").map(unescapeField));
    if (rows.length === PGLITE_CHUNK) {
      await bulkInsert(bulk.tx, table, bulkColumns, rows);
      count += rows.length;
      rows = [];
    }
  }
  if (rows.length > 0) await bulkInsert(bulk.tx, table, bulkColumns, rows);
  return count + rows.length;
}

/** The rows of `sql` (no parameters: values already in the temporary tables it reads), `batch` at a time. */
export async function* cursorRows<T>(bulk: BulkTx, sql: string, batch = 1_000): AsyncGenerator<T> {
  const name = `import_cursor_${randomUUID().replaceAll("-", "")}`;
  const run = async (statement: string): Promise<T[]> =>
    bulk.connection ? (await bulk.connection.query(statement)).rows : await bulk.tx.$queryRawUnsafe<T[]>(statement);
  await run(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  try {
    for (;;) {
      const rows = await run(`FETCH ${batch} FROM ${name}`);
      yield* rows;
      if (rows.length < batch) break;
    }
  } finally {
    await run(`CLOSE ${name}`).catch(() => undefined);
  }
}

/** A COPY … FROM STDIN in progress: rows (COPY text) written as they are computed, ended or abandoned. */
export interface OpenCopy {
  write(rows: string): Promise<void>;
  /** Ends the COPY (the rows are then in the table, inside the transaction); answers how many. */
  end(): Promise<number>;
  /** Abandons the COPY (CopyFail: nothing of it is written; the transaction is to be rolled back). */
  abort(): Promise<void>;
}

/**
 * Starts `COPY table FROM STDIN` on the transaction's PostgreSQL connection, or answers null (PGlite and the
 * fallback have no such stream: their caller spools the rows and copies them afterwards). Nothing else may
 * use the transaction until the COPY ends or is abandoned.
 */
export function openCopy(bulk: BulkTx, table: string, columns: readonly CopyColumn[]): OpenCopy | null {
  if (!bulk.connection) return null;
  const stream = bulk.connection.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) FROM STDIN`));
  let failed: Error | null = null;
  let ending = false;
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("finish", resolve);
    stream.on("error", (error: Error) => {
      failed ??= error;
      reject(error);
    });
    // Closed without finishing (abandoned): whoever waits for the end is told (no-op once finished).
    stream.on("close", () => reject(failed ?? new Error("COPY abandonné")));
  });
  finished.catch(() => undefined);
  return {
    async write(rows) {
      if (failed) throw failed;
      if (!stream.write(rows)) await Promise.race([once(stream, "drain"), finished]);
      if (failed) throw failed;
    },
    async end() {
      ending = true;
      stream.end();
      await finished;
      return Number(stream.rowCount ?? 0);
    },
    async abort() {
      // Failed on the server's side (which then left copy mode itself), or done: nothing to abandon.
      if (failed || stream.writableFinished || stream.destroyed) return;
      // Ending (CopyDone sent): the server completes it; the rollback that follows undoes it.
      if (ending) return void (await finished.catch(() => undefined));
      const closed = once(stream, "close").catch(() => undefined);
      stream.destroy();
      await closed;
    },
  };
}

/**
 * The rows of `sql` as text fields (null for NULL), in its order: on PostgreSQL copied at once into `file`
 * (COPY (sql) TO STDOUT), then read back from it — the connection is free while they are consumed; elsewhere
 * through `cursorRows`, each value as text.
 */
export async function* spooledRows(bulk: BulkTx, sql: string, file: string): AsyncGenerator<(string | null)[]> {
  if (!bulk.connection) {
    for await (const row of cursorRows<Record<string, unknown>>(bulk, sql)) yield Object.values(row).map((v) => (v === null || v === undefined ? null : String(v)));
    return;
  }
  await pipeline(bulk.connection.query(copyTo(`COPY (${sql}) TO STDOUT`)), createWriteStream(file));
  for await (const line of linesOf(createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 }))) {
    if (line !== "") yield line.split("\t").map(unescapeField);
  }
}
