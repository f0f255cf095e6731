import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { conventionStanding, type ConventionRecord } from "./convention-view";
import { addDays, addMonths, compareDates, type IsoDate } from "./dates";
import { fastObligations } from "./fast-template";
import { FAST14 } from "./fast14.fixture";
import { deriveObligation, fastFundingInForce, obligationTermsOf } from "./obligation-terms";
import { conventionCalendar } from "./calendar";
import { avenantChangesToJson, type AvenantChanges } from "./terms";

// FAST 14: signed 2024-02-29, ending 2024-12-31, 121 000 € of AE and CP in 2024, three months' notice.
const REGISTER = fastObligations({ startupName: "France Chaleur Urbaine", coFinancingCents: 12_100_000n });
const STORED = { COMPTE_RENDU_TERME: "2024-12-31", COFINANCEMENT: "2024-08-29", HABILITATIONS_CHORUS: "2024-02-29" } as Record<string, IsoDate>;

function register(record: ConventionRecord & { fastFundingCents: bigint }, today: IsoDate, declared: Record<string, "RESPECTEE" | "EN_COURS"> = {}) {
  const terms = obligationTermsOf(conventionStanding(record, today), record);
  return new Map(
    REGISTER.map((o) => [o.code, deriveObligation({ code: o.code, title: o.title, description: o.description, dueOn: STORED[o.code] ?? null, declared: declared[o.code] ?? null }, terms, today)]),
  );
}

const fast14 = { ...FAST14, fastFundingCents: 12_100_000n };
const avenant = (number: number, signedOn: IsoDate, changes: AvenantChanges) => ({ number, signedOn, changes: avenantChangesToJson(changes) });

describe("obligations follow the terms in force", () => {
  it("as signed: the report is due at the term, the co-financing six months after signature", () => {
    const r = register(fast14, "2024-06-01");
    expect(r.get("COMPTE_RENDU_TERME")!.dueOn).toBe("2024-12-31");
    expect(r.get("COFINANCEMENT")).toMatchObject({ dueOn: "2024-08-29", title: "Engager une enveloppe de cofinancement de 121 000 €" });
    expect(r.get("HABILITATIONS_CHORUS")!.dueOn).toBe("2024-02-29");
    expect(r.get("MANIFESTE")!.dueOn).toBeNull();
  });

  it("an avenant's new term moves the report; its amount moves the co-financing envelope", () => {
    const record = { ...fast14, avenants: [avenant(1, "2024-10-01", { endsOn: "2025-06-30", credits: [{ year: 2024, aeCents: 13_100_000n }] })] };
    expect(register(record, "2024-09-30").get("COMPTE_RENDU_TERME")!.dueOn).toBe("2024-12-31");
    const r = register(record, "2024-10-01");
    expect(r.get("COMPTE_RENDU_TERME")!.dueOn).toBe("2025-06-30");
    expect(r.get("COFINANCEMENT")!.title).toBe("Engager une enveloppe de cofinancement de 131 000 €");
    expect(r.get("COFINANCEMENT")!.description).toContain("à hauteur de 131 000 €");
    // Not late on 2025-01-02 any more: due on 2025-06-30.
    expect(register(record, "2025-01-02").get("COMPTE_RENDU_TERME")!.status).toBe("A_FAIRE");
  });

  it("a termination notice ends it earlier: the report is due when the termination takes effect", () => {
    const record = { ...fast14, terminations: [{ noticeOn: "2024-06-10" }] };
    expect(register(record, "2024-06-10").get("COMPTE_RENDU_TERME")!.dueOn).toBe("2024-09-10");
    // A withdrawn notice no longer moves it.
    expect(register({ ...fast14, terminations: [{ noticeOn: "2024-06-10", withdrawnOn: "2024-07-01" }] }, "2024-07-01").get("COMPTE_RENDU_TERME")!.dueOn).toBe("2024-12-31");
  });

  it("the accepted final report fulfils the report obligation: not late", () => {
    expect(register(fast14, "2025-01-15").get("COMPTE_RENDU_TERME")!.status).toBe("EN_RETARD");
    const closed = register({ ...fast14, closedOn: "2025-01-10" }, "2025-01-15").get("COMPTE_RENDU_TERME")!;
    expect(closed).toMatchObject({ status: "RESPECTEE", reason: "Compte rendu final accepté par la DINUM le 10 janvier 2025." });
  });

  it("the calendar carries the same dates", () => {
    const record = { ...fast14, avenants: [avenant(1, "2024-10-01", { endsOn: "2025-06-30" })] };
    const standing = conventionStanding(record, "2024-11-01");
    const r = register(record, "2024-11-01");
    const entries = conventionCalendar({
      conventionId: "c",
      label: "FAST 14",
      midTermReviewDueOn: standing.dates.midTermReviewDueOn,
      committeesDueOn: standing.dates.committeesDueOn,
      endsOn: standing.terms.endsOn,
      terminationEffectiveOn: standing.dates.terminationEffectiveOn,
      timeline: [],
      obligations: REGISTER.map((o) => ({ code: o.code, title: o.title, owedBy: o.owedBy, dueOn: r.get(o.code)!.dueOn, statusLabel: "À faire" })),
    });
    expect(entries.find((e) => e.uid === "c-obligation-COMPTE_RENDU_TERME@suivi-fast")!.date).toBe("2025-06-30");
    expect(entries.find((e) => e.category === "FIN")!.date).toBe("2025-06-30");
  });
});

describe("property: obligations' due dates always equal the terms in force", () => {
  type Step = { kind: "avenant"; day: number; endMonths: number | null; aeCents: bigint | null } | { kind: "notice"; day: number } | { kind: "withdraw"; day: number };
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constant("avenant" as const),
      day: fc.integer({ min: 0, max: 300 }),
      endMonths: fc.option(fc.integer({ min: 1, max: 18 }), { nil: null }),
      aeCents: fc.option(fc.bigInt({ min: 12_100_000n, max: 30_000_000n }), { nil: null }),
    }),
    fc.record({ kind: fc.constant("notice" as const), day: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ kind: fc.constant("withdraw" as const), day: fc.integer({ min: 0, max: 60 }) }),
  );

  it("over random avenant and notice sequences", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 8 }), fc.integer({ min: 0, max: 500 }), (steps, todayOffset) => {
        const avenants: { number: number; signedOn: IsoDate; changes: ReturnType<typeof avenantChangesToJson> }[] = [];
        const terminations: { noticeOn: IsoDate; withdrawnOn?: IsoDate | null }[] = [];
        steps.forEach((s, i) => {
          const on = addDays("2024-02-29", s.day);
          if (s.kind === "avenant" && (s.endMonths !== null || s.aeCents !== null)) {
            avenants.push(
              avenant(i + 1, on, {
                ...(s.endMonths !== null ? { endsOn: addMonths("2024-02-29", s.endMonths) } : {}),
                ...(s.aeCents !== null ? { credits: [{ year: 2024, aeCents: s.aeCents }] } : {}),
              }),
            );
          }
          if (s.kind === "notice") terminations.push({ noticeOn: on });
          if (s.kind === "withdraw" && terminations.length > 0) {
            const last = terminations.at(-1)!;
            terminations[terminations.length - 1] = { ...last, withdrawnOn: addDays(last.noticeOn, s.day) };
          }
        });
        const today = addDays("2024-02-29", todayOffset);
        const record = { ...fast14, avenants, terminations };
        const r = register(record, today);

        // The oracle, computed apart: the last avenant signed by today that sets an end (by date, then number);
        // the earliest effective date of the notices given and not withdrawn by today.
        const setting = avenants
          .filter((a) => compareDates(a.signedOn, today) <= 0 && a.changes.endsOn)
          .sort((a, b) => compareDates(a.signedOn, b.signedOn) || a.number - b.number)
          .at(-1);
        const endsOn = setting?.changes.endsOn ?? "2024-12-31";
        const effective = terminations
          .filter((t) => compareDates(t.noticeOn, today) <= 0 && !(t.withdrawnOn && compareDates(t.withdrawnOn, today) <= 0))
          .map((t) => addMonths(t.noticeOn, 3))
          .sort(compareDates)[0];
        const expectedEnd = effective && compareDates(effective, endsOn) <= 0 ? effective : endsOn;
        expect(r.get("COMPTE_RENDU_TERME")!.dueOn).toBe(expectedEnd);
        expect(r.get("COFINANCEMENT")!.dueOn).toBe("2024-08-29");
        expect(r.get("HABILITATIONS_CHORUS")!.dueOn).toBe("2024-02-29");
        // The envelope states the AE in force.
        const lastAe = avenants
          .filter((a) => compareDates(a.signedOn, today) <= 0 && a.changes.credits)
          .sort((a, b) => compareDates(a.signedOn, b.signedOn) || a.number - b.number)
          .at(-1);
        const ae = lastAe ? BigInt(lastAe.changes.credits![0]!.aeCents!) : 12_100_000n;
        expect(fastFundingInForce(12_100_000n, { credits: FAST14.credits.map((c) => ({ ...c })) }, { credits: [{ year: 2024, aeCents: ae, cpCents: 0n }] })).toBe(ae);
        expect(r.get("COFINANCEMENT")!.title).toBe(`Engager une enveloppe de cofinancement de ${fastObligations({ startupName: "", coFinancingCents: ae }).find((o) => o.code === "COFINANCEMENT")!.title.split(" de ").at(-1)}`);
        // Late exactly when its due date passed, unless the report was accepted.
        expect(r.get("COMPTE_RENDU_TERME")!.status).toBe(compareDates(expectedEnd, today) < 0 ? "EN_RETARD" : "A_FAIRE");
      }),
      { numRuns: 300 },
    );
  });
});
