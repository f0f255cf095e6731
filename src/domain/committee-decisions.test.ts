import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkConditionsMet, checkDecision, committeeConstraints, COMMITTEE_DECISIONS, type CommitteeDecision, type CommitteeDecisionRecord } from "./committee-decisions";
import { deriveConvention, type ConventionRecord } from "./convention-view";
import { addDays, compareDates, formatDate } from "./dates";
import { FAST14, PILOTE, plain, SATISFYING, withReleases } from "./fast14.fixture";
import type { MidTermReview, TrancheView } from "./tranches";

const committee = (heldOn: string, decisionKind: CommitteeDecision | null, extra: Partial<CommitteeDecisionRecord> = {}): CommitteeDecisionRecord => ({
  heldOn,
  decisionKind,
  conditions: null,
  conditionsDueOn: null,
  conditionsMetOn: null,
  ...extra,
});

const t2 = (record: ConventionRecord, today: string): TrancheView => deriveConvention(record, today).tranches.find((t) => t.creditType === "AE" && t.rank === 2)!;
const t1 = (record: ConventionRecord, today: string): TrancheView => deriveConvention(record, today).tranches.find((t) => t.creditType === "AE" && t.rank === 1)!;
const text = (t: TrancheView) => ({ status: t.status, reason: plain(t.reason), nextStep: plain(t.nextStep), blocker: t.blocker && plain(t.blocker) });

describe("committee decisions stand against a release", () => {
  const reviewed = { ...FAST14, reviews: [SATISFYING] };

  it("an arrêt blocks T2 even when the review is late, citing the committee", () => {
    const record = { ...FAST14, committees: [committee("2024-09-12", "ARRET")] };
    expect(text(t2(record, "2024-09-13"))).toEqual({
      status: "BLOQUEE",
      reason: "Le comité du 12 septembre 2024 a décidé l'arrêt.",
      nextStep:
        "La DINUM tire les conséquences de l'arrêt : résiliation de la convention ou avenant. Seul un comité ultérieur décidant la poursuite, avec un bilan de mi-parcours satisfaisant, permettrait de débloquer 60 500,00 €.",
      blocker: "le comité du 12 septembre 2024 a décidé l'arrêt",
    });
    // The decision did not exist the day before.
    expect(t2(record, "2024-09-11").status).toBe("EN_RETARD");
    // It blocks a tranche due at signature too.
    expect(t1(record, "2024-09-13").status).toBe("BLOQUEE");
  });

  it("an arrêt after the satisfactory review blocks even once a later committee decided to continue: a new review is expected", () => {
    const record = { ...reviewed, committees: [committee("2024-06-20", "ARRET"), committee("2024-09-12", "POURSUITE")] };
    expect(text(t2(record, "2024-09-13"))).toMatchObject({
      status: "BLOQUEE",
      reason: "Le comité du 20 juin 2024 a décidé l'arrêt après le bilan de mi-parcours du 25 avril 2024 ; le comité du 12 septembre 2024 a décidé la poursuite depuis.",
    });
    // A new satisfactory review after the arrêt: releasable.
    const again: MidTermReview = { ...SATISFYING, reviewedOn: "2024-09-12", committeeHeldOn: "2024-09-12" };
    const after = t2({ ...record, reviews: [SATISFYING, again] }, "2024-09-13");
    expect(after.status).toBe("DEBLOQUABLE");
    expect(plain(after.reason)).toContain("Bilan de mi-parcours du 12 septembre 2024, tenu au comité du 12 septembre 2024");
    // T1, due at signature, only reads the latest decision: the poursuite.
    expect(t1(record, "2024-09-13").status).toBe("DEBLOQUABLE");
  });

  it("an arrêt before the review stands until a later committee decides otherwise", () => {
    const record = { ...reviewed, committees: [committee("2024-03-14", "ARRET")] };
    expect(t2(record, "2024-05-01").status).toBe("BLOQUEE");
    expect(t2({ ...record, committees: [...record.committees, committee("2024-04-10", "PIVOT")] }, "2024-05-01").status).toBe("DEBLOQUABLE");
  });

  it("conditions not met by their date block; met, or not yet due, they do not", () => {
    const conditional = committee("2024-03-14", "POURSUITE_SOUS_CONDITIONS", { conditions: "Recruter un développeur", conditionsDueOn: "2024-05-31" });
    const record = { ...reviewed, committees: [conditional] };
    const before = t2(record, "2024-05-31");
    expect(before.status).toBe("DEBLOQUABLE");
    expect(plain(before.reason)).toContain("Conditions posées par le comité du 14 mars 2024 : « Recruter un développeur » (à vérifier au plus tard le 31 mai 2024).");
    expect(text(t2(record, "2024-06-01"))).toEqual({
      status: "BLOQUEE",
      reason: "Le comité du 14 mars 2024 a décidé la poursuite sous conditions : « Recruter un développeur » (à vérifier au plus tard le 31 mai 2024) ; elles ne sont pas constatées remplies.",
      nextStep: "Constater que les conditions posées par le comité du 14 mars 2024 sont remplies (page du comité), ou tenir un nouveau comité ; la DINUM pourra alors débloquer 60 500,00 €.",
      blocker: "les conditions posées par le comité du 14 mars 2024 n'ont pas été remplies au 31 mai 2024",
    });
    const met = { ...record, committees: [{ ...conditional, conditionsMetOn: "2024-06-03" }] };
    expect(t2(met, "2024-06-02").status).toBe("BLOQUEE");
    expect(t2(met, "2024-06-03").status).toBe("DEBLOQUABLE");
  });

  it("a committee recorded before decisions were data (no kind) changes nothing", () => {
    const record = { ...reviewed, committees: [committee("2024-03-14", null)] };
    expect(t2(record, "2024-05-01").status).toBe("DEBLOQUABLE");
  });

  it("a released tranche stays released whatever a later committee decides", () => {
    const record = { ...withReleases(reviewed, [{ rank: 2, releasedOn: "2024-05-13" }]), committees: [committee("2024-09-12", "ARRET")] };
    expect(t2(record, "2024-09-13").status).toBe("DEBLOQUEE");
  });
});

describe("FAST 14's story replayed with its committees", () => {
  // Demo: launch committee 14 March (poursuite), review 25 April satisfactory, T2 released 13 May, committee
  // 12 September (poursuite).
  const story: ConventionRecord = {
    ...withReleases({ ...FAST14, reviews: [SATISFYING] }, [{ rank: 1, releasedOn: "2024-03-04" }]),
    committees: [committee("2024-03-14", "POURSUITE"), committee("2024-09-12", "POURSUITE")],
  };
  it("T2 is to come, then releasable after the review, released on 13 May", () => {
    expect(t2(story, "2024-04-24").status).toBe("A_VENIR");
    expect(t2(story, "2024-04-25").status).toBe("DEBLOQUABLE");
    const released = withReleases(story, [
      { rank: 1, releasedOn: "2024-03-04" },
      { rank: 2, releasedOn: "2024-05-13" },
    ]);
    expect(t2(released, "2024-05-13").status).toBe("DEBLOQUEE");
    expect(t2(released, "2024-09-13").status).toBe("DEBLOQUEE");
  });
  it("had the September committee decided arrêt before any release of T2, T2 would have been blocked citing it", () => {
    const arret = { ...story, committees: [committee("2024-03-14", "POURSUITE"), committee("2024-09-12", "ARRET")] };
    expect(t2(arret, "2024-09-12").blocker).toBe("le comité du 12 septembre 2024 a décidé l'arrêt");
  });
});

describe("property: over random sequences of reviews, committees and releases", () => {
  const day = (n: number) => addDays("2024-02-29", n);
  const decision = fc.constantFrom<CommitteeDecision | null>(null, ...COMMITTEE_DECISIONS);
  const committeeArb = fc
    .record({ on: fc.integer({ min: 0, max: 300 }), kind: decision, due: fc.integer({ min: 0, max: 120 }), met: fc.option(fc.integer({ min: 0, max: 200 })) })
    .map(({ on, kind, due, met }) =>
      committee(day(on), kind, kind === "POURSUITE_SOUS_CONDITIONS" ? { conditions: "Conditions", conditionsDueOn: day(on + due), conditionsMetOn: met === null ? null : day(on + met) } : {}),
    );
  const reviewArb = fc.record({ on: fc.integer({ min: 0, max: 300 }), ok: fc.boolean() }).map(({ on, ok }): MidTermReview => ({
    reviewedOn: day(on),
    verdict: ok ? "SATISFAISANTE" : "INSUFFISANTE",
    comments: "",
    recordedByName: PILOTE,
  }));
  const scenario = fc.record({
    committees: fc.uniqueArray(committeeArb, { maxLength: 5, selector: (c) => c.heldOn }),
    reviews: fc.array(reviewArb, { maxLength: 3 }),
    release: fc.option(fc.integer({ min: 0, max: 300 })),
    today: fc.integer({ min: 0, max: 300 }).map(day),
  });

  it("T2 is releasable exactly when the review in force is satisfactory, no arrêt stands and no condition is overdue", () => {
    fc.assert(
      fc.property(scenario, ({ committees, reviews, release, today }) => {
        const record: ConventionRecord = {
          ...(release === null ? FAST14 : withReleases(FAST14, [{ rank: 2, releasedOn: day(release) }])),
          reviews,
          committees,
        };
        const view = deriveConvention(record, today);
        const tranche = view.tranches.find((t) => t.creditType === "AE" && t.rank === 2)!;
        const released = release !== null && compareDates(day(release), today) <= 0;
        const held = committees.filter((c) => compareDates(c.heldOn, today) <= 0).sort((a, b) => compareDates(a.heldOn, b.heldOn));
        const decided = held.filter((c) => c.decisionKind !== null);
        const review = view.review;
        const arretSinceReview = review !== null && decided.some((c) => c.decisionKind === "ARRET" && compareDates(c.heldOn, review.reviewedOn) >= 0);
        const latestArret = decided.at(-1)?.decisionKind === "ARRET";
        const overdue = held.some(
          (c) =>
            c.decisionKind === "POURSUITE_SOUS_CONDITIONS" &&
            compareDates(c.conditionsDueOn!, today) < 0 &&
            (c.conditionsMetOn === null || compareDates(c.conditionsMetOn, today) > 0),
        );
        const expected = !released && review?.verdict === "SATISFAISANTE" && !arretSinceReview && !latestArret && !overdue && compareDates(today, "2024-12-31") <= 0;
        expect(tranche.status === "DEBLOQUABLE").toBe(expected);
        if (released) expect(tranche.status).toBe("DEBLOQUEE");
        // A blocked tranche says which committee or review decided it.
        if (tranche.status === "BLOQUEE") {
          const cited = [...held.map((c) => formatDate(c.heldOn)), ...(review ? [formatDate(review.reviewedOn)] : [])];
          expect(cited.some((d) => tranche.reason.includes(d))).toBe(true);
          expect(tranche.blocker).not.toBeNull();
        }
        if (!released && (latestArret || arretSinceReview)) expect(tranche.status).toBe("BLOQUEE");
        if (!released && latestArret) expect(tranche.blocker).toBe(`le comité du ${formatDate(decided.at(-1)!.heldOn)} a décidé l'arrêt`);
      }),
      { numRuns: 500 },
    );
  });

  it("the constraints ignore facts dated after the day", () => {
    fc.assert(
      fc.property(fc.uniqueArray(committeeArb, { maxLength: 5, selector: (c) => c.heldOn }), fc.integer({ min: 0, max: 300 }).map(day), (committees, today) => {
        const past = committees.filter((c) => compareDates(c.heldOn, today) <= 0);
        const a = committeeConstraints(committees, null, today);
        const b = committeeConstraints(past, null, today);
        expect([a.latest?.heldOn, a.arret?.heldOn, a.overdue?.heldOn]).toEqual([b.latest?.heldOn, b.arret?.heldOn, b.overdue?.heldOn]);
      }),
    );
  });
});

describe("a committee's decision as typed", () => {
  it("a poursuite sous conditions says which conditions and by when, on or after the committee", () => {
    const base = { heldOn: "2024-09-12", decisionKind: "POURSUITE_SOUS_CONDITIONS" as const };
    expect(checkDecision({ ...base, conditions: null, conditionsDueOn: "2024-12-01" })).toEqual({ ok: false, code: "COMMITTEE_CONDITIONS_REQUIRED", field: "conditions" });
    expect(checkDecision({ ...base, conditions: "x", conditionsDueOn: null })).toEqual({ ok: false, code: "COMMITTEE_CONDITIONS_REQUIRED", field: "conditionsDueOn" });
    expect(checkDecision({ ...base, conditions: "x", conditionsDueOn: "2024-09-11" })).toMatchObject({ code: "COMMITTEE_CONDITIONS_DUE_BEFORE_COMMITTEE" });
    expect(checkDecision({ ...base, conditions: "x", conditionsDueOn: "2024-09-12" })).toEqual({ ok: true });
    expect(checkDecision({ heldOn: "2024-09-12", decisionKind: "ARRET", conditions: "x", conditionsDueOn: null })).toMatchObject({ code: "COMMITTEE_CONDITIONS_UNEXPECTED" });
  });
  it("conditions are recorded met once, between their committee and today", () => {
    const c = committee("2024-09-12", "POURSUITE_SOUS_CONDITIONS", { conditions: "x", conditionsDueOn: "2024-12-01" });
    expect(checkConditionsMet(committee("2024-09-12", "POURSUITE"), "2024-09-20", "2024-10-01")).toMatchObject({ code: "COMMITTEE_HAS_NO_CONDITIONS" });
    expect(checkConditionsMet({ ...c, conditionsMetOn: "2024-09-20" }, "2024-09-21", "2024-10-01")).toMatchObject({ code: "COMMITTEE_CONDITIONS_ALREADY_MET" });
    expect(checkConditionsMet(c, "2024-09-11", "2024-10-01")).toMatchObject({ code: "COMMITTEE_CONDITIONS_MET_BEFORE_COMMITTEE" });
    expect(checkConditionsMet(c, "2024-10-02", "2024-10-01")).toMatchObject({ code: "COMMITTEE_CONDITIONS_MET_IN_FUTURE" });
    expect(checkConditionsMet(c, "2024-10-01", "2024-10-01")).toEqual({ ok: true });
  });
});
