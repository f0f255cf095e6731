// PostgreSQL COPY ... FROM STDIN (text format) for the benchmark's generator and its COPY floor: rows are
// encoded here and streamed through pg-copy-streams, so a large table never sits whole in memory.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | bigint | boolean | null | undefined | readonly string[];

/** One field in COPY's text format: \N for null, backslash escapes for the separators. */
function field(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return escape(`{${value.map((v) => `"${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`);
  return escape(value as string);
}

function escape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r") : text;
}

/** Writes the rows (values in the order of `columns`) into `table` with one COPY statement. */
export async function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number> {
  let count = 0;
  function* chunks() {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(`${row.map(field).join("\t")}\n`);
      count += 1;
      if (batch.length === 2000) {
        yield batch.join("");
        batch = [];
      }
    }
    if (batch.length > 0) yield batch.join("");
  }
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return count;
}

/** Streams raw bytes (already in the format `options` names) into `table` with one COPY statement. */
export async function copyBytes(client: pg.Client, table: string, options: string, source: AsyncIterable<Uint8Array>): Promise<number> {
  const stream = client.query(copyFrom(`COPY "${table}" FROM STDIN WITH (${options})`));
  await pipeline(Readable.from(source), stream);
  return Number(stream.rowCount ?? 0);
}
