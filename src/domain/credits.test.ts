import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ConventionFacts } from "./convention-state";
import { deriveConvention, originalTerms, releasesOf } from "./convention-view";
import {
  checkAvenant,
  complementaryTranches,
  checkEjMovement,
  checkEngagement,
  checkOperationDate,
  checkPayment,
  checkReduction,
  creditShortfall,
  creditSummary,
  type AvenantCheckInput,
  type EjAmount,
  type MoneyFacts,
} from "./credits";
import { addDays } from "./dates";
import { FAST14, PILOTE, plain, SATISFYING, withReleases } from "./fast14.fixture";
import { messageOf, type Failure } from "./failures";
import { formatEuros } from "./money";
import { avenantChangesSchema, termsInForce, tranchesOf, type AvenantChanges, type AvenantRecord, type CreditType } from "./terms";
import { trancheAmounts } from "./tranches";
import { checkRelease, trancheViews, type TrancheRelease } from "./tranches";

const original = originalTerms(FAST14);
const T1 = withReleases(FAST14, [{ rank: 1, releasedOn: "2024-03-04" }]);
const BOTH = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
  { rank: 1, releasedOn: "2024-03-04" },
  { rank: 2, releasedOn: "2024-05-13" },
]);
const money = (record: typeof FAST14, engaged: EjAmount[] = [], paid: EjAmount[] = []): MoneyFacts => ({
  terms: original,
  releases: releasesOf(record),
  engaged,
  paid,
});
const ej = (ejId: string, amountCents: bigint, year = 2024): EjAmount => ({ ejId, year, amountCents });
/** The French words of a refusal, from the catalogue. */
const message = (check: { ok: true } | Failure) => plain("code" in check ? messageOf(check) : "");

describe("creditSummary (FAST 14)", () => {
  it("counts allocated, made available, engaged, paid and left, per year and in total", () => {
    const summary = deriveConvention({ ...T1, engaged: [ej("ej1", 4_000_000n)], paid: [ej("ej1", 1_000_000n)] }, "2024-04-01").credits;
    const expected = {
      year: 2024,
      ae: { allocated: 12_100_000n, madeAvailable: 6_050_000n, toMakeAvailable: 6_050_000n, engaged: 4_000_000n, leftToEngage: 2_050_000n },
      cp: { allocated: 12_100_000n, madeAvailable: 6_050_000n, toMakeAvailable: 6_050_000n, paid: 1_000_000n, leftToPay: 5_050_000n },
    };
    expect(summary.years).toEqual([expected]);
    expect(summary.total).toEqual({ ae: expected.ae, cp: expected.cp });
    expect(summary.ejs).toEqual([{ ejId: "ej1", engaged: 4_000_000n, paid: 1_000_000n, leftToPay: 3_000_000n }]);
  });

  it("adds signed movements and reversals exactly", () => {
    const summary = creditSummary(money(BOTH, [ej("a", 5_000_000n), ej("a", -1_234_567n), ej("b", 1n)], [ej("a", 300n), ej("a", -300n), ej("a", 99n)]));
    expect(summary.ejs).toEqual([
      { ejId: "a", engaged: 3_765_433n, paid: 99n, leftToPay: 3_765_334n },
      { ejId: "b", engaged: 1n, paid: 0n, leftToPay: 1n },
    ]);
    expect(summary.total.ae.leftToEngage).toBe(12_100_000n - 3_765_434n);
  });
});

describe("checkEngagement", () => {
  it("accepts up to the AE made available", () => {
    expect(checkEngagement(creditSummary(money(T1)), { year: 2024, amountCents: 6_050_000n })).toEqual({ ok: true });
  });

  it("refuses beyond the AE made available, naming what is left and what DINUM may still release", () => {
    const check = checkEngagement(creditSummary(money(T1, [ej("a", 1_000_000n)])), { year: 2024, amountCents: 6_000_000n });
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ code: "AE_NOT_AVAILABLE" });
    expect(message(check)).toBe(
      "Engagement refusé : il dépasse les AE mises à disposition pour 2024. Reste à engager : 50 500,00 € (demandé : 60 000,00 €, manque : 9 500,00 €). 60 500,00 € d'AE 2024 restent à débloquer par la DINUM.",
    );
  });

  it("refuses beyond the allocation: only an avenant can help", () => {
    const check = checkEngagement(creditSummary(money(BOTH, [ej("a", 12_000_000n)])), { year: 2024, amountCents: 200_000n });
    expect(check).toMatchObject({ ok: false, code: "AE_ALLOCATION_EXCEEDED" });
    expect(message(check)).toContain("Reste à engager sur la dotation : 1 000,00 €");
    expect(checkEngagement(creditSummary(money(BOTH)), { year: 2025, amountCents: 1n })).toMatchObject({ ok: false, code: "AE_ALLOCATION_EXCEEDED" });
  });

  it("refuses nil and negative amounts", () => {
    expect(checkEngagement(creditSummary(money(BOTH)), { year: 2024, amountCents: 0n })).toMatchObject({ ok: false, code: "AMOUNT_INVALID" });
    expect(checkEngagement(creditSummary(money(BOTH)), { year: 2024, amountCents: -1n })).toMatchObject({ ok: false, code: "AMOUNT_INVALID" });
  });
});

describe("checkReduction and checkEjMovement", () => {
  const summary = creditSummary(money(BOTH, [ej("a", 5_000_000n)], [ej("a", 1_200_000n)]));

  it("lets an EJ go down to what was paid on it, not below", () => {
    expect(checkReduction(summary, { ejId: "a", amountCents: 3_800_000n })).toEqual({ ok: true });
    const check = checkReduction(summary, { ejId: "a", amountCents: 3_800_001n });
    expect(check).toMatchObject({ ok: false, code: "EJ_BELOW_PAID" });
    expect(message(check)).toBe(
      "Réduction refusée : l'EJ descendrait à 11 999,99 €, sous les 12 000,00 € déjà payés dessus. Réduction maximale : 38 000,00 €.",
    );
    expect(checkReduction(summary, { ejId: "a", amountCents: 6_000_000n })).toMatchObject({ ok: false, code: "EJ_BELOW_ZERO" });
  });

  it("treats a positive movement as an engagement, a negative one as a reduction", () => {
    expect(checkEjMovement(summary, { ejId: "a", year: 2024, amountCents: 7_100_000n })).toEqual({ ok: true });
    expect(checkEjMovement(summary, { ejId: "a", year: 2024, amountCents: 7_100_001n })).toMatchObject({ ok: false, code: "AE_ALLOCATION_EXCEEDED" });
    expect(checkEjMovement(summary, { ejId: "a", year: 2024, amountCents: -4_000_000n })).toMatchObject({ ok: false, code: "EJ_BELOW_PAID" });
    expect(checkEjMovement(summary, { ejId: "a", year: 2024, amountCents: 0n })).toMatchObject({ ok: false, code: "AMOUNT_INVALID" });
  });
});

describe("checkPayment", () => {
  it("refuses to pay more on an EJ than it engaged, naming what is left on it", () => {
    const summary = creditSummary(money(BOTH, [ej("a", 1_000_000n)], [ej("a", 400_000n)]));
    expect(checkPayment(summary, { ejId: "a", year: 2024, amountCents: 600_000n })).toEqual({ ok: true });
    const check = checkPayment(summary, { ejId: "a", year: 2024, amountCents: 600_001n });
    expect(check).toMatchObject({ ok: false, code: "EJ_AE_EXCEEDED" });
    expect(message(check)).toContain("Reste à payer sur cet EJ : 6 000,00 €");
  });

  it("refuses to pay more than the CP made available", () => {
    const summary = creditSummary(money(T1, [ej("a", 6_050_000n), ej("b", 6_000_000n, 2024)], [ej("a", 6_000_000n)]));
    const check = checkPayment(summary, { ejId: "b", year: 2024, amountCents: 100_000n });
    expect(check).toMatchObject({ ok: false, code: "CP_NOT_AVAILABLE" });
    expect(message(check)).toBe(
      "Paiement refusé : il dépasse les CP mis à disposition pour 2024. Reste à payer : 500,00 € (demandé : 1 000,00 €, manque : 500,00 €). 60 500,00 € de CP 2024 restent à débloquer par la DINUM.",
    );
  });

  it("lets a reversal cancel what was paid on the EJ, no more", () => {
    const summary = creditSummary(money(BOTH, [ej("a", 1_000_000n)], [ej("a", 400_000n)]));
    expect(checkPayment(summary, { ejId: "a", year: 2024, amountCents: -400_000n })).toEqual({ ok: true });
    expect(checkPayment(summary, { ejId: "a", year: 2024, amountCents: -400_001n })).toMatchObject({ ok: false, code: "REVERSAL_EXCEEDS_PAID" });
  });
});

describe("creditShortfall", () => {
  it("says what is missing and whether a release or an avenant can cover it", () => {
    const summary = creditSummary(money(T1, [ej("a", 6_000_000n)]));
    expect(creditShortfall(summary, "AE", 2024, 50_000n)).toMatchObject({ missingCents: 0n, message: "" });
    const short = creditShortfall(summary, "AE", 2024, 7_000_000n);
    expect(short).toMatchObject({ missingCents: 6_950_000n, coverableByReleaseCents: 6_050_000n, needsAvenantCents: 900_000n });
    expect(plain(short.message)).toBe(
      "Il manque 69 500,00 € : Reste à engager (AE 2024) : 500,00 €, besoin : 70 000,00 €. 60 500,00 € peuvent venir du déblocage des tranches restantes. 9 000,00 € exigent un avenant augmentant la dotation ; à défaut, le délégataire suspend l'exécution de la délégation.",
    );
  });
});

describe("checkOperationDate", () => {
  const facts: ConventionFacts = { signedOn: "2024-02-29", endsOn: "2024-12-31", terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null };
  it("accepts expenditure dated within the convention's life only", () => {
    expect(checkOperationDate(facts, "2024-02-29", "engagement")).toEqual({ ok: true });
    expect(checkOperationDate(facts, "2024-12-31", "paiement")).toEqual({ ok: true });
    expect(message(checkOperationDate(facts, "2024-02-28", "engagement"))).toBe(
      "Un engagement ne peut pas être daté du 28 février 2024, avant la signature de la convention (29 février 2024).",
    );
    expect(message(checkOperationDate(facts, "2025-01-02", "paiement"))).toBe(
      "Un paiement ne peut pas être daté du 2 janvier 2025, après la fin de la convention (31 décembre 2024).",
    );
    expect(checkOperationDate({ ...facts, terminationNotices: ["2024-06-10"] }, "2024-09-10", "paiement")).toMatchObject({ ok: false, code: "OUTSIDE_CONVENTION_LIFE", params: { state: "RESILIEE" } });
    expect(checkOperationDate({ ...facts, suspensions: [{ startsOn: "2024-06-01", liftedOn: null }] }, "2024-06-02", "engagement")).toMatchObject({ ok: false });
  });
});

describe("checkAvenant", () => {
  const facts = { signedOn: "2024-02-29", terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null };
  const candidate = (changes: unknown, signedOn = "2024-10-01", number = 1): AvenantRecord => ({ number, signedOn, changes: avenantChangesSchema.parse(changes) });
  const input = (c: AvenantRecord, over: Partial<AvenantCheckInput> = {}): AvenantCheckInput => ({
    original,
    avenants: [],
    candidate: c,
    facts,
    money: { releases: releasesOf(BOTH), engaged: [ej("a", 10_000_000n)], paid: [ej("a", 9_000_000n)] },
    ...over,
  });

  it("refuses a raise when every tranche of the year is released (the increase could never be made available)", () => {
    const check = checkAvenant(input(candidate({ credits: [{ year: 2024, aeCents: "15000000", cpCents: "15000000" }] })), "2024-10-02");
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.refusals.map((r) => r.code)).toEqual(["TRANCHE_NEEDED", "TRANCHE_NEEDED"]);
    expect(message(check)).toBe("AE 2024 : toutes les tranches sont débloquées ; les 29 000,00 € de plus demandent une tranche supplémentaire.");
  });

  it("accepts that raise with the complementary tranche, worth the increase, due at signature", () => {
    const raise = { year: 2024, aeCents: 15_000_000n, cpCents: 15_000_000n };
    const tranches = complementaryTranches(original, releasesOf(BOTH), [raise]);
    // 60 500 € released twice against 150 000 €: 40,33 % each (rounded down), the rest for tranche 3.
    expect(tranches).toEqual(
      (["AE", "CP"] as const).map((creditType) => ({
        year: 2024,
        creditType,
        shares: [
          { rank: 1, shareBasisPoints: 4033, trigger: "SIGNATURE" },
          { rank: 2, shareBasisPoints: 4033, trigger: "MID_TERM_REVIEW" },
          { rank: 3, shareBasisPoints: 1934, trigger: "SIGNATURE" },
        ],
      })),
    );
    const changes = { credits: [{ year: 2024, aeCents: "15000000", cpCents: "15000000" }], tranches: tranches.map((t) => ({ ...t, shares: t.shares.map((x) => ({ ...x })) })) };
    const check = checkAvenant(input(candidate(changes)), "2024-10-02");
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.terms.credits).toEqual([{ year: 2024, aeCents: 15_000_000n, cpCents: 15_000_000n }]);
    const amounts = trancheAmounts(check.terms, releasesOf(BOTH));
    expect(tranchesOf(check.terms, 2024, "AE").map((t) => amounts.get(t))).toEqual([6_050_000n, 6_050_000n, 2_900_000n]);
    // Nothing to add when a tranche is still to release, or when the allocation does not rise.
    expect(complementaryTranches(original, releasesOf(BOTH).filter((r) => r.rank === 1), [raise])).toEqual([]);
    expect(complementaryTranches(original, releasesOf(BOTH), [{ year: 2024, aeCents: 12_100_000n }])).toEqual([]);
  });

  it("refuses to lower a year's allocation below what is engaged, paid or made available, saying so", () => {
    const check = checkAvenant(input(candidate({ credits: [{ year: 2024, aeCents: "9999999", cpCents: "8000000" }] })), "2024-10-02");
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.refusals.map((r) => r.code)).toEqual(["ALLOCATION_BELOW_ENGAGED", "ALLOCATION_BELOW_RELEASED", "ALLOCATION_BELOW_PAID", "ALLOCATION_BELOW_RELEASED"]);
    expect(message(check)).toBe("AE 2024 : la nouvelle dotation (99 999,99 €) est inférieure aux AE déjà engagées (100 000,00 €).");
  });

  it("refuses tranche shares that do not make 100 % and a new year without tranches", () => {
    const broken: AvenantChanges = {
      tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" }, { rank: 2, shareBasisPoints: 4000, trigger: "MID_TERM_REVIEW" }] }],
    };
    const check = checkAvenant(input({ number: 1, signedOn: "2024-10-01", changes: broken }), "2024-10-02");
    expect(check).toMatchObject({ ok: false, code: "TRANCHE_SHARES_NOT_FULL" });
    expect(message(check)).toBe("Tranches AE 2024 : les parts totalisent 90 % au lieu de 100 %.");
    const newYear = checkAvenant(input(candidate({ endsOn: "2025-12-31", credits: [{ year: 2025, aeCents: "100", cpCents: "100" }] })), "2024-10-02");
    expect(newYear).toMatchObject({ ok: false, code: "CREDITS_WITHOUT_TRANCHES" });
  });

  it("refuses to remove a released tranche", () => {
    const single = candidate({ tranches: [{ year: 2024, creditType: "AE", shares: [{ rank: 1, shareBasisPoints: 10000, trigger: "SIGNATURE" }] }] });
    const check = checkAvenant(input(single), "2024-10-02");
    expect(check).toMatchObject({ ok: false, code: "RELEASED_TRANCHE_REMOVED" });
  });

  it("refuses an avenant signed outside the convention's life, in the future, or under a number taken", () => {
    const changes = { endsOn: "2025-06-30" };
    expect(checkAvenant(input(candidate(changes, "2024-02-28")), "2024-10-02")).toMatchObject({ ok: false, code: "AVENANT_BEFORE_CONVENTION" });
    expect(checkAvenant(input(candidate(changes, "2025-01-05")), "2025-02-01")).toMatchObject({ ok: false, code: "AVENANT_AFTER_CONVENTION" });
    expect(checkAvenant(input(candidate(changes, "2024-10-03")), "2024-10-02")).toMatchObject({ ok: false, code: "AVENANT_SIGNED_IN_FUTURE" });
    expect(
      checkAvenant(input(candidate(changes, "2024-09-10"), { facts: { ...facts, terminationNotices: ["2024-06-10"] } }), "2024-10-02"),
    ).toMatchObject({ ok: false, code: "AVENANT_AFTER_CONVENTION" });
    expect(checkAvenant(input(candidate(changes), { avenants: [candidate({ endsOn: "2025-03-31" }, "2024-09-01")] }), "2024-10-02")).toMatchObject({
      ok: false,
      code: "AVENANT_NUMBER_TAKEN",
    });
    expect(checkAvenant(input(candidate({ endsOn: "2024-09-30" })), "2024-10-02")).toMatchObject({ ok: false, code: "AVENANT_END_BEFORE_SIGNATURE" });
    // Signed during a suspension: the adjustment of the allocation is precisely the way out of it.
    expect(checkAvenant(input(candidate(changes), { facts: { ...facts, suspensions: [{ startsOn: "2024-09-01", liftedOn: null }] } }), "2024-10-02").ok).toBe(true);
  });
});

// ───────────────────────────── Properties ─────────────────────────────

const situationInForce = { state: "EN_VIGUEUR" as const, signedOn: "2024-02-29", endedOn: null, suspension: null };
const creditTypes = fc.constantFrom<CreditType>("AE", "CP");

describe("ceilings, whatever happens", () => {
  it("never makes available more than the allocation in force, whatever the sequence of releases and avenants", () => {
    const split = fc
      .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 3 })
      .map((weights) => {
        const total = weights.reduce((a, b) => a + b, 0);
        const shares = weights.map((w) => Math.floor((w * 10_000) / total));
        shares[shares.length - 1] = 10_000 - shares.slice(0, -1).reduce((a, b) => a + b, 0);
        return shares;
      })
      .filter((shares) => shares.every((s) => s > 0));
    const action = fc.oneof(
      fc.record({ kind: fc.constant("release" as const), creditType: creditTypes, rank: fc.integer({ min: 1, max: 3 }) }),
      fc.record({
        kind: fc.constant("avenant" as const),
        aeCents: fc.option(fc.bigInt({ min: 0n, max: 30_000_000n }), { nil: undefined }),
        cpCents: fc.option(fc.bigInt({ min: 0n, max: 30_000_000n }), { nil: undefined }),
        shares: fc.option(fc.record({ creditType: creditTypes, split }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 25 }), (actions) => {
        const avenants: AvenantRecord[] = [];
        const releases: TrancheRelease[] = [];
        actions.forEach((a, i) => {
          const today = addDays("2024-05-01", i);
          if (a.kind === "release") {
            const terms = termsInForce(original, avenants, today);
            const views = trancheViews({ terms, situation: situationInForce, review: SATISFYING, releases }, today);
            const check = checkRelease(views.find((v) => v.creditType === a.creditType && v.rank === a.rank));
            if (check.ok) releases.push({ year: 2024, creditType: a.creditType, rank: a.rank, amountCents: check.amountCents, releasedOn: today, releasedByName: PILOTE });
          } else {
            const changes: AvenantChanges = {};
            if (a.aeCents !== undefined || a.cpCents !== undefined) {
              changes.credits = [{ year: 2024, ...(a.aeCents !== undefined ? { aeCents: a.aeCents } : {}), ...(a.cpCents !== undefined ? { cpCents: a.cpCents } : {}) }];
            }
            if (a.shares) {
              const trigger = (rank: number) => (rank === 1 ? ("SIGNATURE" as const) : ("MID_TERM_REVIEW" as const));
              changes.tranches = [{ year: 2024, creditType: a.shares.creditType, shares: a.shares.split.map((bp, k) => ({ rank: k + 1, shareBasisPoints: bp, trigger: trigger(k + 1) })) }];
            }
            if (!changes.credits && !changes.tranches) return;
            const candidate = { number: avenants.length + 1, signedOn: today, changes };
            const check = checkAvenant({ original, avenants, candidate, facts: { signedOn: "2024-02-29", terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null }, money: { releases, engaged: [], paid: [] } }, today);
            if (check.ok) avenants.push(candidate);
            else expect(messageOf(check).length).toBeGreaterThan(0);
          }
          const summary = creditSummary({ terms: termsInForce(original, avenants, today), releases, engaged: [], paid: [] });
          for (const y of summary.years) {
            expect(y.ae.madeAvailable).toBeLessThanOrEqual(y.ae.allocated);
            expect(y.cp.madeAvailable).toBeLessThanOrEqual(y.cp.allocated);
          }
        });
      }),
    );
  });

  it("always refuses, with a reason, an avenant lowering the allocation below what is engaged or paid", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 12_100_000n }),
        fc.bigInt({ min: 0n, max: 12_100_000n }),
        fc.bigInt({ min: 0n, max: 12_100_000n }),
        creditTypes,
        (used, below, releasedShare, type) => {
          const newAmount = below % used; // strictly below what is used
          const releases: TrancheRelease[] = [
            { year: 2024, creditType: type, rank: 1, amountCents: releasedShare < used ? used : releasedShare, releasedOn: "2024-03-04", releasedByName: PILOTE },
          ];
          const changes: AvenantChanges = { credits: [{ year: 2024, ...(type === "AE" ? { aeCents: newAmount } : { cpCents: newAmount }) }] };
          const check = checkAvenant(
            {
              original,
              avenants: [],
              candidate: { number: 1, signedOn: "2024-10-01", changes },
              facts: { signedOn: "2024-02-29", terminationNoticeMonths: 3, terminationNotices: [], suspensions: [], closedOn: null },
              money: { releases, engaged: type === "AE" ? [ej("a", used)] : [ej("a", used)], paid: type === "CP" ? [ej("a", used)] : [] },
            },
            "2024-10-02",
          );
          expect(check.ok).toBe(false);
          if (check.ok) return;
          const code = type === "AE" ? "ALLOCATION_BELOW_ENGAGED" : "ALLOCATION_BELOW_PAID";
          const refusal = check.refusals.find((r) => r.code === code);
          expect(refusal).toMatchObject({ code, params: { year: 2024, newCents: newAmount } });
          expect(messageOf(refusal!)).toContain(formatEuros(used));
        },
      ),
    );
  });

  const ejIds = fc.constantFrom("ej1", "ej2", "ej3");
  const releaseFlags = fc.record({ ae1: fc.boolean(), ae2: fc.boolean(), cp1: fc.boolean(), cp2: fc.boolean() });
  const releasesFrom = (flags: { ae1: boolean; ae2: boolean; cp1: boolean; cp2: boolean }): TrancheRelease[] =>
    (
      [
        ["AE", 1, flags.ae1],
        ["AE", 2, flags.ae2],
        ["CP", 1, flags.cp1],
        ["CP", 2, flags.cp2],
      ] as const
    )
      .filter(([, , on]) => on)
      .map(([creditType, rank]) => ({ year: 2024, creditType, rank, amountCents: 6_050_000n, releasedOn: "2024-05-13", releasedByName: PILOTE }));
  const amount = fc.bigInt({ min: -8_000_000n, max: 8_000_000n });

  it("never engages more than made available when every movement goes through checkEjMovement", () => {
    fc.assert(
      fc.property(releaseFlags, fc.array(fc.record({ ejId: ejIds, amountCents: amount }), { maxLength: 40 }), (flags, movements) => {
        const releases = releasesFrom(flags);
        const engaged: EjAmount[] = [];
        for (const m of movements) {
          const summary = creditSummary({ terms: original, releases, engaged, paid: [] });
          if (checkEjMovement(summary, { ...m, year: 2024 }).ok) engaged.push({ ...m, year: 2024 });
          const after = creditSummary({ terms: original, releases, engaged, paid: [] });
          const ae = after.years[0]?.ae;
          expect(ae && ae.engaged <= ae.madeAvailable && ae.madeAvailable <= ae.allocated).toBe(true);
          for (const e of after.ejs) expect(e.engaged).toBeGreaterThanOrEqual(0n);
        }
      }),
    );
  });

  it("never pays more than the CP made available nor more on an EJ than its AE", () => {
    const op = fc.record({ kind: fc.constantFrom("movement" as const, "payment" as const), ejId: ejIds, amountCents: amount });
    fc.assert(
      fc.property(releaseFlags, fc.array(op, { maxLength: 50 }), (flags, ops) => {
        const releases = releasesFrom(flags);
        const engaged: EjAmount[] = [];
        const paid: EjAmount[] = [];
        for (const o of ops) {
          const summary = creditSummary({ terms: original, releases, engaged, paid });
          const line = { ejId: o.ejId, year: 2024, amountCents: o.amountCents };
          if (o.kind === "movement" && checkEjMovement(summary, line).ok) engaged.push(line);
          if (o.kind === "payment" && checkPayment(summary, line).ok) paid.push(line);
          const after = creditSummary({ terms: original, releases, engaged, paid });
          const cp = after.years[0]?.cp;
          expect(cp && cp.paid <= cp.madeAvailable).toBe(true);
          for (const e of after.ejs) {
            expect(e.paid).toBeGreaterThanOrEqual(0n);
            expect(e.paid).toBeLessThanOrEqual(e.engaged);
          }
        }
      }),
    );
  });
});
