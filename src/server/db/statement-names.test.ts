// Which queries run as prepared statements (statement-names.ts): a primary-key read once seen often enough,
// never a list, never past the bound — and, on PostgreSQL, Prisma's findUnique still writes the SQL the rule
// recognises, so the convention's facts are read through a prepared statement.
import { describe, expect, it } from "vitest";
import { actionHarness, SEEDED } from "../../../tests/support/action-harness";
import { loadConventionWithDetails } from "../repositories/convention-facts";
import { statementNames } from "./statement-names";

const h = actionHarness({ writes: [] });
const fast14 = h.seeded(SEEDED.FAST14);

const byKey = (table: string) => `SELECT "t0"."id" FROM "public"."${table}" AS "t0" WHERE ("t0"."id" = $1 AND 1=1) LIMIT $2`;

describe("statement names", () => {
  it("names a primary-key read from its third execution on, the same name every time and in every process", () => {
    const name = statementNames({ threshold: 3, max: 10 });
    const sql = byKey("convention");
    expect([name({ sql }), name({ sql })]).toEqual(["", ""]);
    const named = name({ sql });
    expect(named).toMatch(/^suivi_[0-9a-f]{32}$/);
    expect(name({ sql })).toBe(named);
    const other = statementNames({ threshold: 1, max: 10 });
    expect(other({ sql })).toBe(named);
    expect(other({ sql: byKey("avenant") })).not.toBe(named);
  });

  it("leaves lists, raw SQL and one-off statements unnamed", () => {
    const name = statementNames({ threshold: 1, max: 10 });
    for (const sql of [
      `SELECT "t0"."id" FROM "public"."obligation" AS "t0" WHERE "t0"."convention_id" IN ($1) ORDER BY "t0"."position" ASC`,
      `SELECT "t0"."id" FROM "public"."convention" AS "t0" WHERE ("t0"."reference" = $1 AND 1=1) LIMIT $2`,
      "SELECT u.id FROM app_user u WHERE u.id = $1::uuid",
      `DECLARE import_cursor_0a1b NO SCROLL CURSOR FOR SELECT 1`,
    ])
      expect(name({ sql })).toBe("");
  });

  it("names at most `max` texts", () => {
    const name = statementNames({ threshold: 1, max: 2 });
    expect(name({ sql: byKey("a") })).not.toBe("");
    expect(name({ sql: byKey("b") })).not.toBe("");
    expect(name({ sql: byKey("c") })).toBe("");
    expect(name({ sql: byKey("a") })).not.toBe("");
  });
});

describe.skipIf(!process.env.DATABASE_URL)("prepared statements on PostgreSQL", () => {
  it("read a convention's facts through a prepared statement once the read is repeated", async () => {
    // One transaction: one connection, whose prepared statements pg_prepared_statements lists.
    const prepared = await h.prisma.$transaction(async (tx) => {
      const before = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_prepared_statements WHERE name LIKE 'suivi_%'`;
      const reads = [];
      for (let i = 0; i < 4; i++) reads.push(await loadConventionWithDetails(fast14.id, tx));
      const after = await tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'suivi_%'`;
      return { before: Number(before[0]!.n), after, reads };
    });
    const facts = prepared.after.filter((p) => p.statement.includes(`"public"."convention" AS "t0"`));
    expect(facts.length).toBeGreaterThan(0);
    expect(prepared.after.length).toBeGreaterThan(prepared.before);
    // The prepared read (the fourth) answers what the unnamed one (the first) did.
    const [unnamed, , , named] = prepared.reads;
    expect(named).toEqual(unnamed);
    expect(named!.facts.reference).toBe(SEEDED.FAST14);
  });
});
