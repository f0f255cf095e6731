// Server-side prepared statements for the reads of one record by its primary key (PostgreSQL only).
//
// Prisma's pg adapter sends every query unnamed: PostgreSQL parses and plans it at each execution. A
// convention's pages read its facts with one findUnique joining a dozen relations (some 10 kB of SQL): on the
// benchmark's database planning is most of that read — 2.5 ms unnamed, 0.8 ms named (docs/adr/0009).
// Named, a statement is parsed once per connection and, after five executions, PostgreSQL keeps a generic
// plan when it costs no more than the custom ones.
//
// Only findUnique's SQL is named: its outer filter is the primary key, so the generic plan is the custom one
// (one row, its relations by their indexes). Lists are not: a generic plan for `= ANY($1)` assumes a short
// list and slowed the portfolio's read of a thousand conventions (measured: 7.3 → 11.9 ms). A text is named
// once it has been seen `threshold` times in this process (pgjdbc's prepareThreshold does the same), and at
// most `max` texts are, which bounds what each connection keeps on the server. Should Prisma write its SQL
// differently, nothing is named and every query runs as before (statement-names.test.ts would say so).
import { createHash } from "node:crypto";

/** How Prisma's query compiler ends a findUnique: the primary key, then LIMIT (checked by the test). */
const FIND_UNIQUE = /WHERE \("t0"\."id" = \$\d+ AND 1=1\) LIMIT \$\d+$/;

export interface StatementNaming {
  /** How many times a text is seen before it is named. */
  threshold: number;
  /** At most this many distinct texts are named. */
  max: number;
}

/** The adapter's statementNameGenerator: a name for a primary-key read seen often enough, else "" (unnamed). */
export function statementNames({ threshold, max }: StatementNaming = { threshold: 3, max: 200 }): (query: { sql: string }) => string {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  return ({ sql }) => {
    const name = names.get(sql);
    if (name !== undefined) return name;
    if (names.size >= max || !FIND_UNIQUE.test(sql)) return "";
    const count = (seen.get(sql) ?? 0) + 1;
    if (count < threshold) {
      seen.set(sql, count);
      return "";
    }
    seen.delete(sql);
    const named = `suivi_${createHash("sha256").update(sql).digest("hex").slice(0, 32)}`;
    names.set(sql, named);
    return named;
  };
}
