import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { creditSummary } from "./credits";
import { checkReportAcceptance, finalReportFigures, formatMonth, type ReportEj } from "./final-report";

const terms = { credits: [{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }] };
const releases = [
  { year: 2024, creditType: "AE" as const, amountCents: 12_100_000n },
  { year: 2024, creditType: "CP" as const, amountCents: 12_100_000n },
];

const ejs: ReportEj[] = [
  {
    id: "a",
    label: "EJ 1300245761 (1)",
    supplierName: "Coopérative",
    movements: [
      { on: "2024-03-18", amountCents: 9_600_000n },
      { on: "2024-09-02", amountCents: -600_000n },
    ],
    payments: [
      { on: "2024-06-27", amountCents: 3_200_000n },
      { on: "2024-10-24", amountCents: 4_000_000n },
    ],
  },
  { id: "b", label: "EJ 1300245762 (1)", supplierName: "Studio", movements: [{ on: "2024-06-03", amountCents: 1_000_000n }], payments: [{ on: "2024-06-30", amountCents: 1_000_000n }] },
];

describe("finalReportFigures", () => {
  const summary = creditSummary({ terms, releases, engaged: [{ ejId: "a", year: 2024, amountCents: 9_000_000n }, { ejId: "b", year: 2024, amountCents: 1_000_000n }], paid: [{ ejId: "a", year: 2024, amountCents: 7_200_000n }, { ejId: "b", year: 2024, amountCents: 1_000_000n }] });
  const figures = finalReportFigures(ejs, summary);

  it("sums each EJ and the whole, exactly", () => {
    expect(figures.byEj.map((e) => [e.id, e.engagedCents, e.paidCents, e.leftToPayCents])).toEqual([
      ["a", 9_000_000n, 7_200_000n, 1_800_000n],
      ["b", 1_000_000n, 1_000_000n, 0n],
    ]);
    expect(figures.total).toEqual({ engagedCents: 10_000_000n, paidCents: 8_200_000n });
  });

  it("spreads AE and CP by month with running totals", () => {
    expect(figures.byMonth.map((m) => [m.month, m.aeEngagedCents, m.cpPaidCents, m.cumulativeAeCents, m.cumulativeCpCents])).toEqual([
      ["2024-03", 9_600_000n, 0n, 9_600_000n, 0n],
      ["2024-06", 1_000_000n, 4_200_000n, 10_600_000n, 4_200_000n],
      ["2024-09", -600_000n, 0n, 10_000_000n, 4_200_000n],
      ["2024-10", 0n, 4_000_000n, 10_000_000n, 8_200_000n],
    ]);
  });

  it("states the credits left unconsumed", () => {
    expect(figures.unconsumed).toEqual([
      { year: 2024, allocatedCpCents: 12_100_000n, madeAvailableCpCents: 12_100_000n, paidCents: 8_200_000n, unconsumedOfAllocationCents: 3_900_000n, unconsumedOfMadeAvailableCents: 3_900_000n },
    ]);
    // The AE too: what was engaged against the allocation and what was made available.
    expect(figures.unconsumedAe).toEqual([
      { year: 2024, allocatedAeCents: 12_100_000n, madeAvailableAeCents: 12_100_000n, engagedCents: figures.total.engagedCents, unconsumedOfAllocationCents: 12_100_000n - figures.total.engagedCents, unconsumedOfMadeAvailableCents: 12_100_000n - figures.total.engagedCents },
    ]);
    expect(formatMonth("2024-06")).toBe("juin 2024");
  });

  it("the months add up to the EJs, whatever the lines (property)", () => {
    const line = fc.record({ on: fc.date({ min: new Date("2024-01-01"), max: new Date("2024-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), amountCents: fc.bigInt({ min: -1_000_000n, max: 10_000_000n }) });
    fc.assert(
      fc.property(fc.array(fc.record({ movements: fc.array(line, { maxLength: 5 }), payments: fc.array(line, { maxLength: 5 }) }), { maxLength: 6 }), (raw) => {
        const list = raw.map((r, i) => ({ id: String(i), label: String(i), supplierName: "x", ...r }));
        const f = finalReportFigures(list, summary);
        const last = f.byMonth.at(-1);
        expect(last?.cumulativeAeCents ?? 0n).toBe(f.total.engagedCents);
        expect(last?.cumulativeCpCents ?? 0n).toBe(f.total.paidCents);
      }),
    );
  });
});

describe("checkReportSubmission", () => {
  it("opens 60 days before the end, stays open after it, closes once accepted", async () => {
    const { checkReportSubmission } = await import("./final-report");
    const base = { state: "EN_VIGUEUR" as const, endsOn: "2024-12-31", accepted: false };
    expect(checkReportSubmission(base, "2024-10-31")).toEqual({ ok: false, code: "REPORT_NOT_YET_DUE", params: { opensOn: "2024-11-01" } });
    expect(checkReportSubmission(base, "2024-11-01")).toEqual({ ok: true });
    expect(checkReportSubmission({ ...base, state: "EXPIREE" }, "2026-11-28")).toEqual({ ok: true });
    expect(checkReportSubmission({ ...base, state: "RESILIEE" }, "2024-05-01")).toEqual({ ok: true });
    expect(checkReportSubmission({ ...base, state: "BROUILLON" }, "2024-05-01")).toMatchObject({ ok: false, code: "REPORT_NOT_EXPECTED_UNSIGNED" });
    expect(checkReportSubmission({ ...base, state: "EXPIREE", accepted: true }, "2026-11-28")).toMatchObject({ ok: false, code: "REPORT_ALREADY_ACCEPTED" });
  });
});

describe("checkReportAcceptance", () => {
  const latestFirst = [
    { id: "second", accepted: false },
    { id: "first", accepted: false },
  ];

  it("accepts the latest report submitted, only", () => {
    expect(checkReportAcceptance(latestFirst, "second")).toEqual({ ok: true });
    expect(checkReportAcceptance(latestFirst, "first")).toEqual({ ok: false, code: "REPORT_NOT_LATEST" });
    expect(checkReportAcceptance(latestFirst, "elsewhere")).toEqual({ ok: false, code: "REPORT_NOT_IN_CONVENTION" });
    expect(checkReportAcceptance([], "elsewhere")).toEqual({ ok: false, code: "REPORT_NOT_IN_CONVENTION" });
  });

  it("accepts once: the convention is then closed", () => {
    const accepted = [{ id: "second", accepted: true }, latestFirst[1]!];
    expect(checkReportAcceptance(accepted, "second")).toEqual({ ok: false, code: "REPORT_ALREADY_ACCEPTED", params: { when: "acceptance" } });
    expect(checkReportAcceptance(accepted, "first")).toMatchObject({ ok: false, code: "REPORT_ALREADY_ACCEPTED" });
  });
});
