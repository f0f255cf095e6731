import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { deriveConvention } from "./convention-view";
import { addDays, compareDates } from "./dates";
import { FAST14, PILOTE, plain, SATISFYING, withReleases } from "./fast14.fixture";
import { coFinancingDeadline, committeeDueDates, committeeSchedule, effectiveEnd, midTermReviewDue, yearEndWarnings, type TimelineEvent } from "./schedule";

const brief = (events: TimelineEvent[]) => events.map((e) => `${e.date ?? "—"} ${e.kind} ${e.status}${e.author ? ` (${e.author})` : ""}`);

describe("dates of FAST 14", () => {
  it("expects the mid-term review by the end of April of the signature's year, unless configured", () => {
    expect(midTermReviewDue("2024-02-29", null)).toBe("2024-04-30");
    expect(midTermReviewDue("2024-02-29", "2024-05-15")).toBe("2024-05-15");
  });

  it("holds investment committees every six months from signature, while the convention runs", () => {
    expect(committeeDueDates("2024-02-29", "2024-12-31")).toEqual(["2024-08-29"]);
    expect(committeeDueDates("2024-02-29", "2025-12-31")).toEqual(["2024-08-29", "2025-02-28", "2025-08-29"]);
    expect(committeeDueDates("2024-02-29", "2024-08-28")).toEqual([]);
  });

  it("expects the co-financing committed by 29 August 2024 (signature + 6 months)", () => {
    expect(coFinancingDeadline("2024-02-29")).toBe("2024-08-29");
    expect(coFinancingDeadline("2024-02-29", null)).toBe("2024-08-29");
    expect(coFinancingDeadline("2024-02-29", 4)).toBe("2024-06-29");
  });

  it("ends at its term, or earlier when a termination takes effect first", () => {
    expect(effectiveEnd("2024-12-31", null)).toEqual({ on: "2024-12-31", by: "TERME" });
    expect(effectiveEnd("2024-12-31", "2024-09-10")).toEqual({ on: "2024-09-10", by: "RESILIATION" });
    expect(effectiveEnd("2024-12-31", "2025-02-28")).toEqual({ on: "2024-12-31", by: "TERME" });
  });
});

describe("yearEndWarnings", () => {
  it("says nothing far from the year's end", () => {
    expect(yearEndWarnings("2024-06-01")).toEqual([]);
    expect(yearEndWarnings("2024-10-30")).toEqual([]);
  });

  it("warns a month before each cut-off, then once it has passed", () => {
    expect(yearEndWarnings("2024-11-15").map((w) => [w.kind, w.level, plain(w.message)])).toEqual([
      ["PAIEMENTS", "PROCHE", "Clôture de gestion 2024 : dernières demandes de paiement le 30 novembre 2024 (dans 15 jours)."],
      ["COMMANDES", "PROCHE", "Clôture de gestion 2024 : dernières commandes (EJ) le 12 décembre 2024 (dans 27 jours)."],
    ]);
    expect(yearEndWarnings("2024-12-01").map((w) => [w.kind, w.level, plain(w.message)])).toEqual([
      ["PAIEMENTS", "DEPASSEE", "Clôture de gestion 2024 : plus de nouvelle demande de paiement après le 30 novembre 2024."],
      ["COMMANDES", "PROCHE", "Clôture de gestion 2024 : dernières commandes (EJ) le 12 décembre 2024 (dans 11 jours)."],
    ]);
    expect(yearEndWarnings("2024-12-12").find((w) => w.kind === "COMMANDES")?.message).toContain("(aujourd'hui)");
    expect(yearEndWarnings("2024-12-13").map((w) => w.level)).toEqual(["DEPASSEE", "DEPASSEE"]);
  });

  it("takes other cut-offs and notice", () => {
    const options = { lastPaymentDay: "11-20", lastOrderDay: "12-05", warnDaysBefore: 3 };
    expect(yearEndWarnings("2024-11-15", options)).toEqual([]);
    expect(yearEndWarnings("2024-11-19", options).map((w) => [w.kind, w.level])).toEqual([["PAIEMENTS", "PROCHE"]]);
  });
});

describe("timeline of FAST 14", () => {
  const history = withReleases({ ...FAST14, reviews: [SATISFYING], committeeDates: ["2024-09-05"] }, [
    { rank: 1, releasedOn: "2024-03-04" },
    { rank: 2, releasedOn: "2024-05-13" },
  ]);

  it("says a deadline whose date simply passed is past, not done", () => {
    const events = brief(deriveConvention(history, "2025-01-15").timeline);
    expect(events).toContain("2024-11-30 CLOTURE_PAIEMENTS ECHEANCE_PASSEE");
    expect(events).toContain("2024-12-12 CLOTURE_COMMANDES ECHEANCE_PASSEE");
    expect(events).toContain("2024-12-31 FIN ECHEANCE_PASSEE");
    expect(events).toContain("2024-02-29 SIGNATURE PASSE");
  });

  it("tells signature → T1 → review → T2 → committee → year-end closing → end, with dates and authors", () => {
    const events = deriveConvention(history, "2024-10-01").timeline;
    expect(brief(events)).toEqual([
      "2024-02-29 SIGNATURE PASSE",
      `2024-03-04 TRANCHE PASSE (${PILOTE})`,
      `2024-04-25 BILAN PASSE (${PILOTE})`,
      `2024-05-13 TRANCHE PASSE (${PILOTE})`,
      "2024-09-05 COMITE PASSE",
      "2024-11-30 CLOTURE_PAIEMENTS A_VENIR",
      "2024-12-12 CLOTURE_COMMANDES A_VENIR",
      "2024-12-31 FIN A_VENIR",
    ]);
    expect(plain(events[1]?.label ?? "")).toBe("Tranche 1 (2024) débloquée : 60 500,00 € en AE et 60 500,00 € en CP.");
    expect(plain(events[4]?.label ?? "")).toBe("Comité d'investissement tenu (prévu le 29 août 2024, 7 jours après l'échéance).");
  });

  it("shows what is due and flags what is late", () => {
    const events = deriveConvention(withReleases(FAST14, [{ rank: 1, releasedOn: "2024-03-04" }]), "2024-09-01").timeline;
    expect(brief(events)).toEqual([
      "2024-02-29 SIGNATURE PASSE",
      `2024-03-04 TRANCHE PASSE (${PILOTE})`,
      "2024-04-30 BILAN EN_RETARD",
      "2024-04-30 TRANCHE EN_RETARD",
      "2024-08-29 COMITE EN_RETARD",
      "2024-11-30 CLOTURE_PAIEMENTS A_VENIR",
      "2024-12-12 CLOTURE_COMMANDES A_VENIR",
      "2024-12-31 FIN A_VENIR",
    ]);
    expect(plain(events[2]?.label ?? "")).toBe("Bilan de mi-parcours attendu au plus tard le 30 avril 2024 : non enregistré.");
  });

  it("shows T1 waiting for DINUM the day after signature, and the rest to come", () => {
    const events = deriveConvention(FAST14, "2024-03-01").timeline;
    expect(brief(events)).toEqual([
      "2024-02-29 SIGNATURE PASSE",
      "2024-02-29 TRANCHE EN_ATTENTE",
      "2024-04-30 BILAN A_VENIR",
      "2024-04-30 TRANCHE A_VENIR",
      "2024-08-29 COMITE A_VENIR",
      "2024-11-30 CLOTURE_PAIEMENTS A_VENIR",
      "2024-12-12 CLOTURE_COMMANDES A_VENIR",
      "2024-12-31 FIN A_VENIR",
    ]);
    expect(plain(events[1]?.label ?? "")).toBe("Tranche 1 (2024) à débloquer par la DINUM : 60 500,00 € en AE et 60 500,00 € en CP.");
  });

  it("ends at the termination's effective date: later due dates drop, the term is overtaken, T2 is caduque", () => {
    const record = withReleases(
      { ...FAST14, reviews: [SATISFYING], terminations: [{ noticeOn: "2024-06-10", byParty: "PARTENAIRE", reason: "Fin du projet", authorName: "Alex Bernard" }] },
      [{ rank: 1, releasedOn: "2024-03-04" }],
    );
    const view = deriveConvention(record, "2024-10-01");
    expect(view.situation.state).toBe("RESILIEE");
    expect(view.dates).toMatchObject({ terminationEffectiveOn: "2024-09-10", endsOn: "2024-09-10", endsBy: "RESILIATION", committeesDueOn: ["2024-08-29"] });
    expect(brief(view.timeline)).toEqual([
      "2024-02-29 SIGNATURE PASSE",
      `2024-03-04 TRANCHE PASSE (${PILOTE})`,
      `2024-04-25 BILAN PASSE (${PILOTE})`,
      "2024-06-10 PREAVIS_RESILIATION PASSE (Alex Bernard)",
      "2024-08-29 COMITE SANS_OBJET",
      "2024-09-10 RESILIATION PASSE",
      "2024-09-10 TRANCHE SANS_OBJET",
      "2024-12-31 FIN SANS_OBJET",
    ]);
    expect(view.timeline[6]?.trancheStatus).toBe("CADUQUE");
    expect(plain(view.timeline[6]?.label ?? "")).toBe("Tranche 2 (2024) caduque : 60 500,00 € en AE et 60 500,00 € en CP.");
    expect(plain(view.timeline[3]?.label ?? "")).toBe("Préavis de résiliation donné par le partenaire (3 mois). Motif : Fin du projet.");
  });

  it("waits for the signature of a draft", () => {
    const events = deriveConvention({ ...FAST14, signedOn: null }, "2024-01-15").timeline;
    expect(brief(events)).toEqual(["— SIGNATURE A_VENIR", "— TRANCHE A_VENIR", "— TRANCHE A_VENIR", "2024-12-31 FIN A_VENIR"]);
  });

  it("lists avenants and suspensions, and is always in date order", () => {
    const base = {
      ...FAST14,
      avenants: [{ number: 1, signedOn: "2024-10-15", object: "Prolongation", changes: { endsOn: "2025-06-30" } }],
      suspensions: [{ startsOn: "2024-07-01", liftedOn: "2024-07-20", reason: "crédits insuffisants" }],
    };
    const at2025 = deriveConvention(base, "2025-01-15");
    expect(at2025.terms.endsOn).toBe("2025-06-30");
    expect(brief(at2025.timeline)).toContain("2024-10-15 AVENANT PASSE");
    expect(brief(at2025.timeline)).toContain("2024-07-01 SUSPENSION PASSE");
    expect(brief(at2025.timeline)).toContain("2025-02-28 COMITE A_VENIR");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), (d) => {
        const events = deriveConvention(base, addDays("2024-01-01", d)).timeline;
        const dated = events.filter((e) => e.date !== null);
        for (let i = 1; i < dated.length; i++) expect(compareDates(dated[i - 1]?.date as string, dated[i]?.date as string)).toBeLessThanOrEqual(0);
        for (const e of events) expect(e.label.length).toBeGreaterThan(5);
      }),
      { numRuns: 60 },
    );
  });
});

describe("committees on the timeline", () => {
  it("pairs committees held with due dates as the committees page does (a launch committee is not the semester's)", () => {
    // FAST 14, signed 2024-02-29: a committee is due by 2024-08-29. A launch committee on 2024-03-14 answers
    // no due date; the one of 2024-09-12 answers it, 14 days late.
    const record = { ...FAST14, committeeDates: ["2024-03-14", "2024-09-12"] };
    const committees = deriveConvention(record, "2024-10-01").timeline.filter((e) => e.kind === "COMITE");
    const page = committeeSchedule({ dueDates: committeeDueDates("2024-02-29", "2024-12-31"), heldDates: record.committeeDates, today: "2024-10-01", ended: false });
    expect(page.dues.map((d) => [d.dueOn, d.status, d.heldOn])).toEqual([["2024-08-29", "TENU_EN_RETARD", "2024-09-12"]]);
    expect(page.extra).toEqual(["2024-03-14"]);
    expect(committees.map((e) => [e.date, e.status, plain(e.label)])).toEqual([
      ["2024-03-14", "PASSE", "Comité d'investissement tenu."],
      ["2024-09-12", "PASSE", "Comité d'investissement tenu (prévu le 29 août 2024, 14 jours après l'échéance)."],
    ]);
  });
});
