// A committee's FAST commitments: the form's bound is the domain's (MAX_DAYS_PER_WEEK_TENTHS, read by
// daysPerWeekField), and it is the database's CHECK too, so the database is never the first to say no: every
// value the domain accepts is stored, and the domain refuses whatever the database would.
import { describe, expect, it, vi } from "vitest";
import { actionHarness } from "../../../tests/support/action-harness";
import { MAX_DAYS_PER_WEEK_TENTHS } from "@/domain/committees";
import { daysPerWeekField } from "@/domain/steering-fields";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const h = actionHarness({ writes: [] });

describe("days per week of a FAST commitment", () => {
  it("are bounded alike by the domain and by the database's CHECK", async () => {
    const rows = await h.prisma.$queryRaw<{ def: string }[]>`
      SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
      WHERE t.relname = 'investment_committee' AND pg_get_constraintdef(c.oid) LIKE '%days_per_week_tenths%'`;
    // PostgreSQL writes BETWEEN back as ">= low AND <= high".
    const def = rows.map((r) => r.def).join(" ");
    const lows = [...def.matchAll(/days_per_week_tenths >= (\d+)/g)].map((m) => Number(m[1]));
    const highs = [...def.matchAll(/days_per_week_tenths <= (\d+)/g)].map((m) => Number(m[1]));
    expect(lows).toEqual([0, 0]);
    expect(highs).toEqual([MAX_DAYS_PER_WEEK_TENTHS, MAX_DAYS_PER_WEEK_TENTHS]);
    const field = daysPerWeekField("Jours de développement");
    expect(field.parse("7")).toBe(MAX_DAYS_PER_WEEK_TENTHS);
    expect(field.safeParse("7,1").success).toBe(false);
    expect(field.safeParse("8").success).toBe(false);
  });
});
