// Bulk rows inside a Prisma interactive transaction, for the Chorus import (src/server/chorus/import.ts):
// - `copyInto` writes rows given in COPY's text format into a table. On PostgreSQL it is a real
//   COPY … FROM STDIN (pg-copy-streams) on the transaction's own connection — found by its server process
//   id among the pool's connections (src/server/db/client.ts) — so the rows are part of the transaction and
//   disappear with it. On PGlite (no pool, one connection that Prisma's adapter holds for the transaction)
//   the same rows go through INSERT … SELECT FROM unnest() in chunks (bulk-insert.ts).
// - `cursorRows` reads a query's rows a batch at a time (DECLARE … CURSOR / FETCH), in flat memory.
// Table, column and cursor names are constants of the caller, never input.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Tx } from "./audit";
import { bulkInsert, type BulkColumn } from "./bulk-insert";
import { pooledClient } from "./client";

export type CopyColumn = { name: string; type: BulkColumn<unknown>["type"] | "jsonb" | "boolean" };

/** A transaction able to take rows in bulk: its Prisma client and, on PostgreSQL, its own pg connection. */
export interface BulkTx {
  tx: Tx;
  connection: pg.PoolClient | null;
}

export async function bulkTx(tx: Tx): Promise<BulkTx> {
  const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  return { tx, connection: row ? (pooledClient(Number(row.pid)) ?? null) : null };
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

function unescapeField(field: string): string | null {
  if (field === "\\N") return null;
  if (!field.includes("\\")) return field;
  return field.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c));
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
