import { describe, expect, it } from "vitest";
import { messageOf, type Failure } from "./failures";
import fc from "fast-check";
import type { ConventionSituation, ConventionState } from "./convention-state";
import { deriveConvention } from "./convention-view";
import { addDays } from "./dates";
import { FAST14, INSUFFICIENT, PILOTE, plain, SATISFYING, withReleases } from "./fast14.fixture";
import type { Terms, TrancheTerm } from "./terms";
import {
  canRelease,
  checkRelease,
  reviewInForce,
  trancheAmounts,
  trancheStatus,
  TRANCHE_STATUSES,
  TRANCHE_STATUS_LABELS,
  type MidTermReview,
  type TrancheRelease,
  type TrancheView,
} from "./tranches";

/** The four tranches of FAST 14 at a date, keyed "AE1", "CP2"... */
function tranchesAt(record: typeof FAST14, today: string): Record<string, TrancheView> {
  return Object.fromEntries(deriveConvention(record, today).tranches.map((t) => [`${t.creditType}${t.rank}`, t]));
}
const views = (record: typeof FAST14, today: string) => Object.values(tranchesAt(record, today));
const text = (t: TrancheView | undefined) => ({ status: t?.status, reason: plain(t?.reason ?? ""), nextStep: plain(t?.nextStep ?? "") });

describe("tranches of FAST 14, as the text tells them", () => {
  it("are all to come before the signature", () => {
    for (const t of views(FAST14, "2024-02-28")) expect(t.status).toBe("A_VENIR");
    expect(text(tranchesAt(FAST14, "2024-02-28").AE1).nextStep).toBe("Signature de la convention par les trois parties.");
  });

  it("makes T1 (AE and CP) releasable at signature for 60 500,00 €, T2 to come", () => {
    const t = tranchesAt(FAST14, "2024-03-01");
    for (const key of ["AE1", "CP1"]) {
      expect(t[key]?.amountCents).toBe(6_050_000n);
      expect(text(t[key])).toEqual({
        status: "DEBLOQUABLE",
        reason: "Convention signée le 29 février 2024 : la tranche est due dès la signature.",
        nextStep: "La DINUM peut débloquer 60 500,00 €.",
      });
    }
    for (const key of ["AE2", "CP2"]) {
      expect(t[key]?.amountCents).toBe(6_050_000n);
      expect(text(t[key])).toEqual({
        status: "A_VENIR",
        reason: "La tranche suit le bilan de mi-parcours (attendu au plus tard le 30 avril 2024), qui n'est pas encore enregistré.",
        nextStep: "Enregistrer le bilan de mi-parcours (attendu au plus tard le 30 avril 2024).",
      });
    }
  });

  it("is T2 to come until 30 April, late from 1 May without a review", () => {
    expect(tranchesAt(FAST14, "2024-04-30").AE2?.status).toBe("A_VENIR");
    expect(text(tranchesAt(FAST14, "2024-05-02").AE2)).toEqual({
      status: "EN_RETARD",
      reason: "Le bilan de mi-parcours, attendu au plus tard le 30 avril 2024, n'est pas enregistré : la tranche en dépend.",
      nextStep: "Enregistrer le bilan de mi-parcours, en retard depuis le 1er mai 2024.",
    });
    expect(tranchesAt(FAST14, "2024-05-01").CP2?.status).toBe("EN_RETARD");
  });

  it("makes T2 releasable once a satisfactory review is recorded, from the day it was held", () => {
    const record = { ...FAST14, reviews: [SATISFYING] };
    expect(tranchesAt(record, "2024-04-24").AE2?.status).toBe("A_VENIR");
    expect(text(tranchesAt(record, "2024-05-02").AE2)).toEqual({
      status: "DEBLOQUABLE",
      reason: `Bilan de mi-parcours du 25 avril 2024 (enregistré par ${PILOTE}) : mobilisation satisfaisante. Commentaires : « Équipe mobilisée conformément à l'ambition du séminaire de lancement. ».`,
      nextStep: "La DINUM peut débloquer 60 500,00 €.",
    });
  });

  it("blocks T2 after an unsatisfactory review, until a later review finds it satisfactory", () => {
    const blocked = tranchesAt({ ...FAST14, reviews: [INSUFFICIENT] }, "2024-05-02").AE2;
    expect(blocked?.status).toBe("BLOQUEE");
    expect(plain(blocked?.reason ?? "")).toContain("mobilisation insuffisante. Commentaires : « Un seul jour de déploiement par semaine. »");
    expect(plain(blocked?.nextStep ?? "")).toBe(
      "Un nouveau bilan de mi-parcours concluant à une mobilisation satisfaisante permettrait à la DINUM de débloquer 60 500,00 €.",
    );
    const corrected = { ...FAST14, reviews: [INSUFFICIENT, { ...SATISFYING, reviewedOn: "2024-05-20" }] };
    expect(tranchesAt(corrected, "2024-05-19").AE2?.status).toBe("BLOQUEE");
    expect(tranchesAt(corrected, "2024-05-20").AE2?.status).toBe("DEBLOQUABLE");
  });

  it("shows a released tranche with its date and author, from its release day on", () => {
    const record = withReleases({ ...FAST14, reviews: [SATISFYING] }, [
      { rank: 1, releasedOn: "2024-03-04" },
      { rank: 2, releasedOn: "2024-05-13" },
    ]);
    expect(tranchesAt(record, "2024-03-03").AE1?.status).toBe("DEBLOQUABLE");
    const t1 = tranchesAt(record, "2024-03-04").AE1;
    expect(text(t1)).toEqual({
      status: "DEBLOQUEE",
      reason: `Tranche débloquée le 4 mars 2024 par ${PILOTE} : 60 500,00 € mis à disposition.`,
      nextStep: "Rien : la tranche est acquise, ses crédits sont à la disposition du délégataire.",
    });
    expect(t1?.release).toEqual({ releasedOn: "2024-03-04", releasedByName: PILOTE });
    expect(tranchesAt(record, "2024-05-13").CP2?.status).toBe("DEBLOQUEE");
    // Released tranches stay released once the convention is over.
    for (const t of views(record, "2025-01-01")) expect(t.status).toBe("DEBLOQUEE");
  });

  it("makes an unreleased tranche caduque once the convention reached its term", () => {
    const record = withReleases({ ...FAST14, reviews: [SATISFYING] }, [{ rank: 1, releasedOn: "2024-03-04" }]);
    expect(tranchesAt(record, "2024-12-31").AE2?.status).toBe("DEBLOQUABLE");
    expect(text(tranchesAt(record, "2025-01-01").AE2)).toEqual({
      status: "CADUQUE",
      reason: "La convention est arrivée à son terme le 31 décembre 2024 ; la tranche n'avait pas été débloquée.",
      nextStep: "Aucune : une tranche ne peut plus être débloquée une fois la convention terminée.",
    });
    expect(tranchesAt(record, "2025-01-01").AE1?.status).toBe("DEBLOQUEE");
  });

  it("makes unreleased T2 caduque when a notice given on 10 June 2024 takes effect on 10 September 2024", () => {
    const record = withReleases({ ...FAST14, reviews: [SATISFYING], terminations: [{ noticeOn: "2024-06-10" }] }, [{ rank: 1, releasedOn: "2024-03-04" }]);
    expect(deriveConvention(record, "2024-06-10").dates.terminationEffectiveOn).toBe("2024-09-10");
    expect(tranchesAt(record, "2024-09-09").AE2?.status).toBe("DEBLOQUABLE");
    const t2 = tranchesAt(record, "2024-09-10").AE2;
    expect(t2?.status).toBe("CADUQUE");
    expect(plain(t2?.reason ?? "")).toBe("La convention est résiliée depuis le 10 septembre 2024 ; la tranche n'avait pas été débloquée.");
    const caduque = checkRelease(t2);
    expect(caduque).toMatchObject({ ok: false, code: "TRANCHE_NOT_RELEASABLE", params: { status: "CADUQUE" } });
    expect(plain(messageOf(caduque as Failure))).toBe("La tranche 2 (AE 2024) ne peut pas être débloquée : la convention est résiliée depuis le 10 septembre 2024.");
  });

  it("holds a releasable tranche while the convention is suspended, and says why", () => {
    const record = { ...FAST14, reviews: [SATISFYING], suspensions: [{ startsOn: "2024-06-01", liftedOn: "2024-07-01", reason: "crédits insuffisants" }] };
    const t2 = tranchesAt(record, "2024-06-15").AE2;
    expect(t2?.status).toBe("SUSPENDUE");
    expect(plain(t2?.reason ?? "")).toContain("Mais l'exécution de la convention est suspendue depuis le 1er juin 2024 (motif : crédits insuffisants)");
    expect(plain(t2?.nextStep ?? "")).toBe("Lever la suspension (par exemple après un avenant ajustant la dotation) ; la DINUM pourra alors débloquer 60 500,00 €.");
    expect(checkRelease(t2)).toMatchObject({ ok: false, code: "TRANCHE_NOT_RELEASABLE", params: { status: "SUSPENDUE" } });
    expect(tranchesAt(record, "2024-07-01").AE2?.status).toBe("DEBLOQUABLE");
  });

  it("keeps a late review late during a suspension, and says both", () => {
    const record = { ...FAST14, suspensions: [{ startsOn: "2024-05-10", liftedOn: null }] };
    const t2 = tranchesAt(record, "2024-05-15").AE2;
    expect(t2?.status).toBe("EN_RETARD");
    expect(plain(t2?.nextStep ?? "")).toContain("Le déblocage attendra aussi la levée de la suspension");
  });
});

describe("checkRelease", () => {
  it("lets DINUM release a releasable tranche for its amount", () => {
    expect(checkRelease(tranchesAt(FAST14, "2024-03-01").AE1)).toEqual({ ok: true, amountCents: 6_050_000n });
  });

  it("refuses with the reason in French", () => {
    const late = checkRelease(tranchesAt(FAST14, "2024-05-02").AE2);
    expect(late).toMatchObject({ ok: false, code: "TRANCHE_NOT_RELEASABLE", params: { rank: 2, creditType: "AE", year: 2024, status: "EN_RETARD" } });
    expect(messageOf(late as Failure)).toBe("La tranche 2 (AE 2024) ne peut pas être débloquée : le bilan de mi-parcours n'est pas enregistré.");
    const released = tranchesAt(withReleases(FAST14, [{ rank: 1, releasedOn: "2024-03-04" }]), "2024-03-05").CP1;
    expect(checkRelease(released)).toMatchObject({ ok: false, code: "TRANCHE_NOT_RELEASABLE", params: { status: "DEBLOQUEE" } });
    expect(checkRelease(undefined)).toEqual({ ok: false, code: "TRANCHE_UNKNOWN" });
  });

  it("has a French label for every status", () => {
    for (const status of TRANCHE_STATUSES) expect(TRANCHE_STATUS_LABELS[status]).toMatch(/^[A-ZÀ-Ý]/);
    expect(TRANCHE_STATUSES.filter(canRelease)).toEqual(["DEBLOQUABLE"]);
  });
});

describe("reviewInForce", () => {
  it("is the latest recorded among those held by the date", () => {
    const late: MidTermReview = { ...SATISFYING, reviewedOn: "2024-05-20" };
    expect(reviewInForce([INSUFFICIENT, late], "2024-05-01")).toBe(INSUFFICIENT);
    expect(reviewInForce([INSUFFICIENT, late], "2024-05-20")).toBe(late);
    expect(reviewInForce([], "2024-05-20")).toBeNull();
  });
});

describe("trancheAmounts", () => {
  const terms = (aeCents: bigint, shares: number[]): Terms => ({
    endsOn: "2024-12-31",
    midTermReviewDueOn: null,
    credits: [{ year: 2024, aeCents, cpCents: 0n }],
    tranches: shares.map((shareBasisPoints, i) => ({ year: 2024, creditType: "AE", rank: i + 1, shareBasisPoints, trigger: i === 0 ? "SIGNATURE" : "MID_TERM_REVIEW" })),
  });
  const amounts = (t: Terms, releases: TrancheRelease[] = []) => [...trancheAmounts(t, releases).values()];
  const released = (rank: number, amountCents: bigint): TrancheRelease => ({ year: 2024, creditType: "AE", rank, amountCents, releasedOn: "2024-03-04", releasedByName: PILOTE });

  it("gives the last tranche the odd cent", () => {
    expect(amounts(terms(12_100_001n, [5000, 5000]))).toEqual([6_050_000n, 6_050_001n]);
    expect(amounts(terms(100n, [3333, 3333, 3334]))).toEqual([33n, 33n, 34n]);
  });

  it("keeps a released amount and gives the rest to the last tranche after an avenant", () => {
    // The allocation is raised to 150 000 € after T1 was released at 60 500 €: T2 brings the rest.
    expect(amounts(terms(15_000_000n, [5000, 5000]), [released(1, 6_050_000n)])).toEqual([6_050_000n, 8_950_000n]);
    // Shares changed to 30/70 after T1 was released at 50 %: T2 cannot go beyond the allocation.
    expect(amounts(terms(12_100_000n, [3000, 7000]), [released(1, 6_050_000n)])).toEqual([6_050_000n, 6_050_000n]);
  });

  it("is nil for a tranche with nothing left, which is then without object", () => {
    const t = terms(6_050_000n, [5000, 5000]);
    expect(amounts(t, [released(1, 6_050_000n)])).toEqual([6_050_000n, 0n]);
    const tranche = t.tranches[1] as TrancheTerm;
    const situation: ConventionSituation = { state: "EN_VIGUEUR", signedOn: "2024-02-29", endedOn: null, suspension: null };
    expect(trancheStatus({ tranche, amountCents: 0n, situation, review: SATISFYING, reviewDueOn: null, release: null }, "2024-05-02").status).toBe("SANS_OBJET");
  });

  it("never adds up to more than the allocation, whatever the shares and releases", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (allocation, shares, releasedFlags, bump) => {
          // Release tranches one by one at their computed amount, then change the allocation (upwards only
          // below what was released: checkAvenant refuses the rest).
          const t = terms(allocation, shares);
          const releases: TrancheRelease[] = [];
          t.tranches.forEach((tranche, i) => {
            if (!releasedFlags[i]) return;
            const amount = trancheAmounts(t, releases).get(tranche) ?? 0n;
            releases.push(released(tranche.rank, amount));
          });
          const releasedTotal = releases.reduce((a, r) => a + r.amountCents, 0n);
          const raised = terms(releasedTotal + bump, shares);
          for (const candidate of [t, raised]) {
            const all = amounts(candidate, releases);
            const sum = all.reduce((a, b) => a + b, 0n);
            const allocated = candidate.credits[0]?.aeCents ?? 0n;
            expect(all.every((a) => a >= 0n)).toBe(true);
            expect(sum).toBeLessThanOrEqual(allocated);
            if (releases.length < candidate.tranches.length) expect(sum).toBe(allocated);
          }
        },
      ),
    );
  });
});

describe("trancheStatus, whatever the facts", () => {
  const dates = fc.integer({ min: 0, max: 800 }).map((d) => addDays("2023-12-01", d));
  const states = fc.constantFrom<ConventionState>("BROUILLON", "EN_VIGUEUR", "SUSPENDUE", "RESILIEE", "EXPIREE", "CLOTUREE");
  const input = fc.record({
    tranche: fc.record({
      year: fc.constant(2024),
      creditType: fc.constantFrom("AE" as const, "CP" as const),
      rank: fc.integer({ min: 1, max: 3 }),
      shareBasisPoints: fc.integer({ min: 1, max: 10_000 }),
      trigger: fc.constantFrom("SIGNATURE" as const, "MID_TERM_REVIEW" as const),
    }),
    amountCents: fc.bigInt({ min: 0n, max: 10n ** 10n }),
    situation: fc.record({
      state: states,
      signedOn: fc.option(dates, { nil: null }),
      endedOn: fc.option(dates, { nil: null }),
      suspension: fc.option(fc.record({ startsOn: dates, reason: fc.option(fc.string(), { nil: null }) }), { nil: null }),
    }),
    review: fc.option(
      fc.record({ reviewedOn: dates, verdict: fc.constantFrom("SATISFAISANTE" as const, "INSUFFISANTE" as const), comments: fc.string(), recordedByName: fc.constant(PILOTE) }),
      { nil: null },
    ),
    reviewDueOn: fc.option(dates, { nil: null }),
    release: fc.option(fc.record({ releasedOn: dates, releasedByName: fc.constantFrom("Camille Martin", "Jo Durand") }), { nil: null }),
  });

  it("is never DEBLOQUEE without a release record dated on or before the day, and then names its author", () => {
    fc.assert(
      fc.property(input, dates, (i, today) => {
        const result = trancheStatus(i, today);
        if (result.status === "DEBLOQUEE") {
          expect(i.release).not.toBeNull();
          expect(i.release && i.release.releasedOn <= today).toBe(true);
          expect(result.reason).toContain(i.release?.releasedByName);
        } else {
          expect(i.release === null || i.release.releasedOn > today).toBe(true);
        }
      }),
    );
  });

  it("is releasable only for a signed convention in force, with something to release, and always says why", () => {
    fc.assert(
      fc.property(input, dates, (i, today) => {
        const result = trancheStatus(i, today);
        expect(result.reason.length).toBeGreaterThan(10);
        expect(result.nextStep.length).toBeGreaterThan(5);
        expect(result.blocker === null).toBe(canRelease(result.status));
        if (canRelease(result.status)) {
          expect(i.situation.state).toBe("EN_VIGUEUR");
          expect(i.amountCents).toBeGreaterThan(0n);
          if (i.tranche.trigger === "MID_TERM_REVIEW") expect(i.review?.verdict).toBe("SATISFAISANTE");
        }
      }),
    );
  });
});

describe("avenants and tranches", () => {
  it("recomputes T2 from the terms in force after an avenant raising the allocation", () => {
    const changes = { credits: [{ year: 2024, aeCents: "15000000" }] };
    const record = withReleases({ ...FAST14, reviews: [SATISFYING], avenants: [{ number: 1, signedOn: "2024-04-01", object: "Hausse", changes }] }, [
      { rank: 1, releasedOn: "2024-03-04" },
    ]);
    expect(tranchesAt(record, "2024-03-31").AE2?.amountCents).toBe(6_050_000n);
    expect(tranchesAt(record, "2024-05-02").AE2?.amountCents).toBe(8_950_000n);
    expect(plain(tranchesAt(record, "2024-05-02").AE2?.nextStep ?? "")).toBe("La DINUM peut débloquer 89 500,00 €.");
    expect(tranchesAt(record, "2024-05-02").CP2?.amountCents).toBe(6_050_000n);
  });
});
