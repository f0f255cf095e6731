// The streamed import (src/server/chorus/import.ts) plans one EJ poste at a time with the year's ceilings
// deferred, then checks the ceilings over the whole file in date order (YearCeilings). This checks that it
// decides as the whole-file plan does: the same lines accepted, the same refused with the same codes, the
// same totals — on random files of new postes, increases and reductions of recorded ones, and payments,
// against FAST 14's 2024 credits (121 000 € made available).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deriveConvention } from "../convention-view";
import { FAST14, SATISFYING, withReleases } from "../fast14.fixture";
import type { IsoDate } from "../dates";
import { planChorusImport, YearCeilings, type ExistingEj, type PlanInput, type YearEvent } from "./plan";
import { ejLineKey, type ChorusAeLine, type ChorusCpLine, type LineRejection } from "./records";

const RELEASED = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
  { rank: 1, releasedOn: "2024-03-04" },
  { rank: 2, releasedOn: "2024-05-13" },
]);
const IMPUTATION = { activite: "035200010101", centreDeCout: "SGDFNUM092" };
const day = (n: number): IsoDate => new Date(Date.UTC(2024, 3, 1) + n * 86_400_000).toISOString().slice(0, 10);

const ae = (ej: number, amountCents: bigint, on: IsoDate): ChorusAeLine => ({
  ejNumber: String(1_300_000_000 + ej),
  lineNumber: 1,
  createdOn: on,
  modifiedOn: on,
  amountCents,
  supplierCode: "1000872104",
  supplierName: "FOURNISSEUR (DEMO)",
  supplierSiret: null,
  imputation: IMPUTATION,
});
const cp = (dp: number, ej: number, amountCents: bigint, on: IsoDate): ChorusCpLine => ({
  dpNumber: String(1_000_000_000 + dp),
  dpItem: null,
  ejNumber: String(1_300_000_000 + ej),
  lineNumber: 1,
  paidOn: on,
  amountCents,
  supplierCode: null,
  supplierName: null,
  imputation: IMPUTATION,
});

const euros = (n: number) => BigInt(n) * 100_00n;
const file = fc.record({
  recorded: fc.array(fc.record({ ej: fc.integer({ min: 0, max: 5 }), amount: fc.integer({ min: 1, max: 30 }), on: fc.integer({ min: 0, max: 60 }) }), { maxLength: 3 }),
  ae: fc.array(fc.record({ ej: fc.integer({ min: 0, max: 9 }), amount: fc.integer({ min: -20, max: 40 }), on: fc.integer({ min: 0, max: 200 }) }), { maxLength: 12 }),
  cp: fc.array(fc.record({ dp: fc.integer({ min: 0, max: 6 }), ej: fc.integer({ min: 0, max: 9 }), amount: fc.integer({ min: 1, max: 30 }), on: fc.integer({ min: 0, max: 220 }) }), { maxLength: 8 }),
});

type Sample = typeof file extends fc.Arbitrary<infer T> ? T : never;

function inputs(sample: Sample): PlanInput {
  const recorded = new Map<number, ExistingEj>();
  for (const r of sample.recorded) {
    if (recorded.has(r.ej)) continue;
    recorded.set(r.ej, { id: `ej-${r.ej}`, ejNumber: String(1_300_000_000 + r.ej), lineNumber: 1, orderedOn: day(r.on), movements: [{ movedOn: day(r.on), amountCents: euros(r.amount) }] });
  }
  const ejs = [...recorded.values()];
  const view = deriveConvention({ ...RELEASED, engaged: ejs.map((e) => ({ ejId: e.id, year: 2024, amountCents: e.movements[0]!.amountCents })), paid: [] }, "2024-12-16");
  const aeLines = sample.ae.map((l, i) => ({ fileLine: i + 2, line: ae(l.ej, euros(l.amount), day(l.on)) }));
  const cpLines = sample.cp.map((l, i) => ({ fileLine: aeLines.length + i + 2, line: cp(l.dp * 10 + l.ej, l.ej, euros(l.amount), day(l.on)) }));
  return { aeLines, cpLines, existing: { ejs, dps: [] }, facts: view.facts, credits: view.credits, exercice: null };
}

/** As import.ts does: one poste at a time, the year's ceilings deferred, then checked in date order. */
function perPoste(input: PlanInput) {
  const keys = new Set([...input.aeLines.map((l) => ejLineKey(l.line.ejNumber, l.line.lineNumber)), ...input.cpLines.map((l) => ejLineKey(l.line.ejNumber!, l.line.lineNumber!))]);
  const rejected: LineRejection[] = [];
  const events: YearEvent[] = [];
  let applied = 0;
  let aeCents = 0n;
  let cpCents = 0n;
  for (const key of [...keys].sort()) {
    const recorded = input.existing.ejs.filter((e) => ejLineKey(e.ejNumber, e.lineNumber) === key);
    const engaged = recorded[0]?.movements.reduce((a, m) => a + m.amountCents, 0n) ?? 0n;
    const plan = planChorusImport({
      ...input,
      aeLines: input.aeLines.filter((l) => ejLineKey(l.line.ejNumber, l.line.lineNumber) === key),
      cpLines: input.cpLines.filter((l) => ejLineKey(l.line.ejNumber!, l.line.lineNumber!) === key),
      existing: { ejs: recorded, dps: [] },
      credits: { ...input.credits, ejs: recorded.map((e) => ({ ejId: e.id, engaged, paid: 0n, leftToPay: engaged })) },
      deferYearChecks: true,
      lazyChanges: true,
    });
    rejected.push(...plan.rejected);
    events.push(...plan.yearEvents);
    applied += plan.applied;
    aeCents += plan.totals.aeCents;
    cpCents += plan.totals.cpCents;
  }
  const ceilings = new YearCeilings(input.credits);
  events.sort((a, b) => a.credit.localeCompare(b.credit) || a.on.localeCompare(b.on) || a.fileLine - b.fileLine);
  for (const event of events) {
    const refusal = ceilings.check(event);
    if (refusal) rejected.push(refusal);
  }
  return { rejected: rejected.sort((a, b) => a.lineNumber - b.lineNumber), applied, aeCents, cpCents };
}

const codes = (rejected: readonly LineRejection[]) => rejected.map((r) => `${r.lineNumber} ${r.code}`);

describe("the streamed import's plan, one poste at a time", () => {
  it("accepts and refuses as the whole-file plan when the file is accepted, and refuses a file the whole-file plan refuses", () => {
    fc.assert(
      fc.property(file, (sample) => {
        const input = inputs(sample);
        const whole = planChorusImport(input);
        const streamed = perPoste(input);
        // All or nothing: the import is refused by both or by neither.
        expect(streamed.rejected.length === 0).toBe(whole.rejected.length === 0);
        if (whole.rejected.length === 0) {
          expect({ applied: streamed.applied, ae: streamed.aeCents, cp: streamed.cpCents }).toEqual({ applied: whole.applied, ae: whole.totals.aeCents, cp: whole.totals.cpCents });
        } else {
          // The first refused line is the same, with the same code (later ones may follow from it differently).
          expect(codes(streamed.rejected)[0]).toBe(codes(whole.rejected)[0]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses, in date order across postes, the engagement that passes the year's AE made available", () => {
    const input = inputs({ recorded: [], ae: [{ ej: 1, amount: 1000, on: 50 }, { ej: 2, amount: 300, on: 10 }], cp: [] });
    expect(codes(perPoste(input).rejected)).toEqual(codes(planChorusImport(input).rejected));
    expect(codes(perPoste(input).rejected)).toEqual(["2 AE_ALLOCATION_EXCEEDED"]);
  });
});
