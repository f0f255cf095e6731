// The import plan on FAST 14 (T1 and T2 released: 121 000 € of AE and CP in 2024): an extract is a snapshot of
// each EJ poste and each DP; the plan compares it with the record, line for line, never twice.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deriveConvention } from "../convention-view";
import { FAST14, plain, SATISFYING, withReleases } from "../fast14.fixture";
import type { IsoDate } from "../dates";
import { planChorusImport, type ExistingDp, type ExistingEj, type ImportPlan } from "./plan";
import type { ChorusAeLine, ChorusCpLine } from "./records";

const RELEASED = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
  { rank: 1, releasedOn: "2024-03-04" },
  { rank: 2, releasedOn: "2024-05-13" },
]);
const IMPUTATION = { activite: "035200010101", centreDeCout: "SGDFNUM092" };

const ae = (ejNumber: string, lineNumber: number, amountCents: bigint, createdOn: IsoDate | null = "2024-03-15", modifiedOn: IsoDate | null = createdOn): ChorusAeLine => ({
  ejNumber,
  lineNumber,
  createdOn,
  modifiedOn,
  amountCents,
  supplierCode: "1000872104",
  supplierName: "NUMERIQUE & PRODUIT ASSOCIES (DEMO)",
  supplierSiret: null,
  imputation: IMPUTATION,
});
const cp = (dpNumber: string, ejNumber: string | null, amountCents: bigint, paidOn: IsoDate | null = "2024-06-28", dpItem: number | null = null): ChorusCpLine => ({
  dpNumber,
  dpItem,
  ejNumber,
  lineNumber: ejNumber === null ? null : 1,
  paidOn,
  amountCents,
  supplierCode: null,
  supplierName: null,
  imputation: IMPUTATION,
});

type Existing = { ejs: ExistingEj[]; dps: ExistingDp[] };
const NONE: Existing = { ejs: [], dps: [] };
const recordedEj = (ejNumber: string, lineNumber: number, ...movements: [IsoDate, bigint][]): ExistingEj => ({
  id: `${ejNumber}-${lineNumber}`,
  ejNumber,
  lineNumber,
  orderedOn: movements[0]![0],
  movements: movements.map(([movedOn, amountCents]) => ({ movedOn, amountCents })),
});
const recordedDp = (dpNumber: string, ej: ExistingEj, amountCents: bigint, paidOn: IsoDate = "2024-04-30"): ExistingDp => ({ id: `dp-${dpNumber}`, dpNumber, ejId: ej.id, paidOn, amountCents, reversed: false });

function plan(aeLines: ChorusAeLine[], cpLines: ChorusCpLine[] = [], existing: Existing = NONE, today: IsoDate = "2024-12-16", exercice: number | null = null): ImportPlan {
  const view = deriveConvention(
    {
      ...RELEASED,
      engaged: existing.ejs.flatMap((e) => e.movements.map((m) => ({ ejId: e.id, year: 2024, amountCents: m.amountCents }))),
      paid: existing.dps.map((d) => ({ ejId: d.ejId, year: 2024, amountCents: d.amountCents })),
    },
    today,
  );
  return planChorusImport({
    aeLines: aeLines.map((line, i) => ({ fileLine: i + 2, line })),
    cpLines: cpLines.map((line, i) => ({ fileLine: aeLines.length + i + 2, line })),
    existing,
    facts: view.facts,
    credits: view.credits,
    exercice,
  });
}
const reasons = (p: ImportPlan) => p.rejected.map((r) => plain(r.reason));

describe("EJ postes: the file's total against the record", () => {
  it("engages a new poste for the total of its lines (an AIFE file splits a poste), and notes identical lines and postes at zero", () => {
    const p = plan([ae("1300456781", 1, 4_800_000n), ae("1300456781", 1, 625_000n, "2024-03-15", "2024-06-03"), ae("1300456781", 1, 625_000n, "2024-03-15", "2024-06-03"), ae("1300488800", 1, 0n)]);
    expect(p.rejected).toEqual([]);
    expect(p.newEjs).toMatchObject([{ ejKey: "1300456781/1", orderedOn: "2024-03-15" }]);
    expect(p.newMovements).toEqual([{ fileLine: 2, ejKey: "1300456781/1", kind: "INITIAL", movedOn: "2024-03-15", amountCents: 5_425_000n }]);
    expect(p.notes.map((n) => plain(n.reason))).toEqual(["Ligne 4 : identique à la ligne 3, comptée une seule fois.", "Ligne 5 : EJ 1300488800 poste 1 à 0,00 € : rien à engager."]);
    expect(p.changes.map(plain)).toEqual(["EJ 1300456781 poste 1 : nouvel engagement de 54 250,00 € le 15 mars 2024."]);
  });

  it("knows a poste whose total is recorded, and books the difference of one that moved, dated at its last change", () => {
    const existing = { ejs: [recordedEj("1300456781", 1, ["2024-03-15", 4_800_000n], ["2024-06-03", 625_000n]), recordedEj("1300456781", 2, ["2024-03-15", 1_248_762n])], dps: [] };
    const p = plan([ae("1300456781", 1, 5_425_000n, "2024-03-15", "2024-06-03"), ae("1300456781", 2, 1_011_212n, "2024-03-15", "2024-10-10")], [], existing);
    expect(p.known).toBe(1);
    expect(p.newMovements).toEqual([{ fileLine: 3, ejKey: "1300456781/2", kind: "REDUCTION", movedOn: "2024-10-10", amountCents: -237_550n }]);
    expect(p.changes.map(plain)).toEqual(["EJ 1300456781 poste 2 : 12 487,62 € → 10 112,12 €, réduction de 2 375,50 € le 10 octobre 2024."]);
  });

  it("compares a restitution of one exercice with the poste's movements of that year only", () => {
    // A poste engaged in 2024 and reduced in 2025: the 2024 restitution states its 2024 AE.
    const existing = { ejs: [recordedEj("1300456781", 1, ["2024-03-15", 4_800_000n], ["2024-06-03", 625_000n], ["2025-01-10", -100_000n])], dps: [] };
    const line = ae("1300456781", 1, 5_425_000n, "2024-03-15", "2024-06-03");
    expect(plan([line], [], existing, "2024-12-16", 2024)).toMatchObject({ known: 1, newMovements: [] });
    // Read as the poste's whole amount, the same line would restore the 2025 reduction.
    expect(plan([line], [], existing, "2024-12-16", null).newMovements).toEqual([expect.objectContaining({ kind: "AUGMENTATION", amountCents: 100_000n })]);
  });

  it("applies a poste's negative lines alone as reductions of its known amount, once", () => {
    const ej = recordedEj("1300462210", 1, ["2024-05-16", 3_600_000n]);
    const first = plan([ae("1300462210", 1, -123_450n, "2024-05-16", "2024-12-02")], [], { ejs: [ej], dps: [] });
    expect(first.newMovements).toEqual([{ fileLine: 2, ejKey: "1300462210/1", kind: "REDUCTION", movedOn: "2024-12-02", amountCents: -123_450n }]);
    const after = { ejs: [recordedEj("1300462210", 1, ["2024-05-16", 3_600_000n], ["2024-12-02", -123_450n])], dps: [] };
    const again = plan([ae("1300462210", 1, -123_450n, "2024-05-16", "2024-12-02")], [], after);
    expect(again.newMovements).toEqual([]);
    expect(again.known).toBe(1);
  });

  it("refuses what would break a ceiling, fall outside the convention's life or reduce an unknown poste, naming what is left", () => {
    const p = plan([ae("1300999001", 1, 12_200_000n, "2024-05-02"), ae("1300999002", 1, 1_000n, "2025-01-15"), ae("1300999003", 1, -1_000n, "2024-05-02")]);
    expect(p.newMovements).toEqual([]);
    expect(reasons(p)).toEqual([
      expect.stringMatching(/^Ligne 2 : Engagement refusé : il dépasserait la dotation AE 2024 \(121 000,00 €\)\. Reste à engager sur la dotation : 121 000,00 €/),
      expect.stringMatching(/^Ligne 3 : .*après la fin de la convention/),
      "Ligne 4 : réduction de 10,00 € de l'EJ 1300999003 poste 1, qui n'est pas engagé dans cette convention (importez d'abord l'extrait où il est créé).",
    ]);
  });

  it("checks the ceiling against the lines accepted before, in date order", () => {
    const p = plan([ae("1300000002", 1, 6_000_000n, "2024-09-01"), ae("1300000001", 1, 6_000_000n, "2024-03-15"), ae("1300000003", 1, 200_000n, "2024-10-01")]);
    expect(p.newEjs.map((e) => e.ejKey)).toEqual(["1300000001/1", "1300000002/1"]);
    expect(reasons(p)).toEqual([expect.stringMatching(/^Ligne 4 : Engagement refusé .*Reste à engager sur la dotation : 1 000,00 € \(demandé : 2 000,00 €/)]);
  });
});

describe("payment requests: a DP is known by its number, its items add up", () => {
  const ej = recordedEj("1300456781", 1, ["2024-03-15", 5_425_000n]);
  const paid = recordedDp("1000234501", ej, 2_400_000n);

  it("pays a new DP for the sum of its items, knows a recorded one whatever its padding, nets ±0,01 pairs", () => {
    const p = plan(
      [],
      [cp("1000279945", "1300456781", 700_000n, "2024-12-12", 2), cp("1000279945", "1300456781", 500_000n, "2024-12-12", 3), cp("1000234501", "1300456781", 2_400_000n, "2024-04-30"), cp("100290001", "1300456781", 1n, null, 1), cp("100290001", "1300456781", -1n, null, 2)],
      { ejs: [ej], dps: [paid] },
    );
    expect(p.rejected).toEqual([]);
    expect(p.newPayments).toEqual([{ fileLine: 2, ejKey: "1300456781/1", dpNumber: "1000279945", paidOn: "2024-12-12", amountCents: 1_200_000n, reversesDpNumber: null }]);
    expect(p.known).toBe(3);
    expect(p.notes.map((n) => plain(n.reason))).toEqual(["Ligne 5 : DP 100290001 : ses postes s'annulent (0,00 €), rien à enregistrer."]);
  });

  it("refuses a DP whose amount changed, one on an unknown EJ, one without EJ, one before its EJ, an item read twice", () => {
    const p = plan(
      [],
      [
        cp("1000234501", "1300456781", 2_500_000n, "2024-04-30"),
        cp("1000300001", "1300999999", 100n),
        cp("1000300002", null, 2_796n),
        cp("1000300003", "1300456781", 100n, "2024-03-01"),
        cp("1000300004", "1300456781", 100n, "2024-06-01", 1),
        cp("1000300004", "1300456781", 200n, "2024-06-01", 1),
      ],
      { ejs: [ej], dps: [paid] },
    );
    expect(p.newPayments).toEqual([]);
    expect(reasons(p)).toEqual([
      expect.stringMatching(/^Ligne 2 : DP 1000234501 : 25 000,00 € dans l'extrait, 24 000,00 € enregistrés\./),
      "Ligne 3 : DP 1000300001 sur l'EJ 1300999999 poste 1, qui n'est pas engagé dans cette convention (ni enregistré, ni dans cet extrait).",
      expect.stringMatching(/^Ligne 4 : DP 1000300002 de 27,96 € sans engagement juridique/),
      "Ligne 5 : DP 1000300003 datée du 1er mars 2024, avant l'EJ 1300456781 poste 1 (engagé le 15 mars 2024).",
      "Ligne 7 : DP 1000300004 poste 1 déjà lu ligne 6 avec un autre montant.",
    ]);
  });

  it("pays on an EJ engaged by the same file, and cancels a payment with a negative DP of its amount", () => {
    const p = plan([ae("1300471502", 1, 1_750_000n, "2024-09-09")], [cp("1000281210", "1300471502", 937_500n, "2024-12-13")]);
    expect(p.newPayments).toHaveLength(1);
    const cancel = plan([], [cp("1000299999", "1300456781", -2_400_000n, "2024-07-01")], { ejs: [ej], dps: [paid] });
    expect(cancel.newPayments).toEqual([{ fileLine: 2, ejKey: "1300456781/1", dpNumber: "ANNUL-1000299999", paidOn: "2024-07-01", amountCents: -2_400_000n, reversesDpNumber: "1000234501" }]);
  });

  it("refuses a payment beyond the EJ's amount", () => {
    const p = plan([], [cp("1000300005", "1300456781", 5_425_001n, "2024-06-01")], { ejs: [ej], dps: [] });
    expect(reasons(p)).toEqual([expect.stringMatching(/^Ligne 2 : /)]);
  });
});

describe("a snapshot imported is known the next time", () => {
  it("holds for any set of postes and DPs within the ceilings (property)", () => {
    const poste = fc.record({ ej: fc.integer({ min: 0, max: 30 }), line: fc.integer({ min: 1, max: 3 }), parts: fc.array(fc.bigInt({ min: 1n, max: 100_000n }), { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.uniqueArray(poste, { selector: (p) => `${p.ej}/${p.line}`, maxLength: 12 }), (postes) => {
        const lines = postes.flatMap((p) => p.parts.map((amount, i) => ae(String(1_300_000_000 + p.ej), p.line, amount, "2024-03-15", i === 0 ? "2024-03-15" : "2024-06-03")));
        const dps = postes.map((p, i) => cp(String(1_000_000_000 + i), String(1_300_000_000 + p.ej), p.parts[0]!, "2024-07-01")).map((d, i) => ({ ...d, lineNumber: postes[i]!.line }));
        const first = plan(lines, dps);
        expect(first.rejected).toEqual([]);
        // The record after applying it.
        const ejs = first.newEjs.map((e): ExistingEj => ({
          id: e.ejKey,
          ejNumber: e.ejKey.split("/")[0]!,
          lineNumber: Number(e.ejKey.split("/")[1]),
          orderedOn: e.orderedOn,
          movements: first.newMovements.filter((m) => m.ejKey === e.ejKey).map((m) => ({ movedOn: m.movedOn, amountCents: m.amountCents })),
        }));
        const paidDps = first.newPayments.map((p): ExistingDp => ({ id: p.dpNumber, dpNumber: p.dpNumber, ejId: p.ejKey, paidOn: p.paidOn, amountCents: p.amountCents, reversed: false }));
        const second = plan(lines, dps, { ejs, dps: paidDps });
        expect(second.newEjs).toEqual([]);
        expect(second.newMovements).toEqual([]);
        expect(second.newPayments).toEqual([]);
        expect(second.rejected).toEqual([]);
        expect(second.known + second.notes.length).toBe(lines.length + dps.length);
      }),
    );
  });
});
