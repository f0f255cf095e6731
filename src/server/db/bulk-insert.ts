// Inserting tens of thousands of rows in one transaction (a Chorus extract): one INSERT … SELECT FROM
// unnest() per chunk, one array parameter per column. Written by hand because Prisma's createMany builds
// every row through its query compiler: 150 000 rows of a 100 000-line extract took 42 s and 2.3 GiB
// (npm run bench), where this takes a few seconds in flat memory. Table and column names are constants of
// the caller, never input; values always travel as parameters.
import type { Tx } from "./audit";

/** A column: its SQL name, its PostgreSQL type (for the array cast) and how to read it from a row. */
export interface BulkColumn<Row> {
  name: string;
  type: "uuid" | "text" | "integer" | "bigint" | "date" | "record_source" | "ej_movement_kind";
  value: (row: Row) => string | number | bigint | null;
}

const CHUNK_ROWS = 5_000;

export async function bulkInsert<Row>(tx: Tx, table: string, columns: readonly BulkColumn<Row>[], rows: readonly Row[]): Promise<void> {
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    // bigint travels as text (exact); the cast makes it bigint again in the database.
    const params = columns.map((c) => chunk.map((row) => {
      const v = c.value(row);
      return typeof v === "bigint" ? v.toString() : v;
    }));
    await tx.$executeRawUnsafe(sql, ...params);
  }
}
