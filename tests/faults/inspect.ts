// Opens a PGlite data directory (as the app would after a crash: PostgreSQL's own recovery runs) and
// prints, as JSON, the row count of every table and the audit trail's disagreements with the record.
//   npx tsx tests/faults/inspect.ts <data dir>
import { PGlite } from "@electric-sql/pglite";
import { auditProblems, tableCounts, type Query } from "./consistency";

const dir = process.argv[2];
if (!dir) throw new Error("usage: tsx tests/faults/inspect.ts <data dir>");
const db = new PGlite(dir);
const query: Query = async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows;
const result = { counts: await tableCounts(query), problems: await auditProblems(query) };
await db.close();
console.log(JSON.stringify(result));
