// An imported DP implies its service fait (docs/imports-chorus.md): the part that the service fait recorded
// on its poste by the DP's date does not cover is recorded as a service fait of that date, "DP <number>".
import { describe, expect, it } from "vitest";
import { deriveConvention } from "../convention-view";
import { FAST14, plain, SATISFYING, withReleases } from "../fast14.fixture";
import type { IsoDate } from "../dates";
import { planChorusImport, type ExistingEj } from "./plan";
import type { ChorusCpLine } from "./records";

const RELEASED = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
  { rank: 1, releasedOn: "2024-03-04" },
  { rank: 2, releasedOn: "2024-05-13" },
]);
const cp = (dpNumber: string, amountCents: bigint, paidOn: IsoDate): ChorusCpLine => ({
  dpNumber,
  dpItem: null,
  ejNumber: "1300456781",
  lineNumber: 1,
  paidOn,
  amountCents,
  supplierCode: null,
  supplierName: null,
  imputation: { activite: "035200010101", centreDeCout: "SGDFNUM092" },
});

function plan(ej: ExistingEj, cpLines: ChorusCpLine[]) {
  const view = deriveConvention({ ...RELEASED, engaged: ej.movements.map((m) => ({ ejId: ej.id, year: 2024, amountCents: m.amountCents })), paid: [] }, "2024-12-16");
  return planChorusImport({
    aeLines: [],
    cpLines: cpLines.map((line, i) => ({ fileLine: i + 2, line })),
    existing: { ejs: [ej], dps: [] },
    facts: view.facts,
    credits: view.credits,
  });
}

const EJ: ExistingEj = { id: "ej-1", ejNumber: "1300456781", lineNumber: 1, orderedOn: "2024-03-15", movements: [{ movedOn: "2024-03-15", amountCents: 4_800_000n }] };

describe("an imported DP implies its service fait", () => {
  it("records the service fait a DP implies when none is recorded, and says so in the preview", () => {
    const p = plan(EJ, [cp("1000234501", 2_400_000n, "2024-04-30")]);
    expect(p.rejected).toEqual([]);
    expect(p.newServiceFaits).toEqual([{ fileLine: 2, ejKey: "1300456781/1", doneOn: "2024-04-30", reference: "DP 1000234501", amountCents: 2_400_000n }]);
    expect(p.changes.map(plain)).toEqual([
      "DP 1000234501 (EJ 1300456781 poste 1) : paiement de 24 000,00 € le 30 avril 2024.",
      "DP 1000234501 (EJ 1300456781 poste 1) : service fait de 24 000,00 € constaté le 30 avril 2024, impliqué par la DP.",
    ]);
  });

  it("adds only what the recorded service fait, dated by the DP's date, leaves uncovered", () => {
    const typed = { ...EJ, serviceFaits: [{ doneOn: "2024-04-26", reference: "SF-1", amountCents: 1_100_000n }, { doneOn: "2024-05-30", reference: "SF-2", amountCents: 3_000_000n }] };
    const p = plan(typed, [cp("1000234501", 1_600_000n, "2024-04-30"), cp("1000234502", 1_000_000n, "2024-06-10")]);
    // 16 000 € paid for 11 000 € done on 30 April: 5 000 € implied; on 10 June 41 000 € done covers the 26 000 € paid.
    expect(p.newServiceFaits.map((f) => [f.reference, f.doneOn, f.amountCents])).toEqual([["DP 1000234501", "2024-04-30", 500_000n]]);
    expect(p.newPayments).toHaveLength(2);
  });

  it("a DP covered by the service fait typed in implies nothing", () => {
    const typed = { ...EJ, serviceFaits: [{ doneOn: "2024-04-26", reference: "SF-1", amountCents: 2_400_000n }] };
    expect(plan(typed, [cp("1000234501", 2_400_000n, "2024-04-30")]).newServiceFaits).toEqual([]);
  });
});
