import { describe, expect, it } from "vitest";
import { conventionCalendar } from "./calendar";
import { deriveConvention } from "./convention-view";
import { FAST14 } from "./fast14.fixture";

const view = deriveConvention(FAST14, "2024-06-01");

const input = {
  conventionId: "c14",
  label: "FAST 14 — France Chaleur Urbaine",
  midTermReviewDueOn: view.dates.midTermReviewDueOn,
  committeesDueOn: view.dates.committeesDueOn,
  endsOn: view.terms.endsOn,
  terminationEffectiveOn: view.dates.terminationEffectiveOn,
  timeline: view.timeline,
  obligations: [
    { code: "COFINANCEMENT", title: "Engager une enveloppe de cofinancement de 121 000 €", owedBy: "PARTENAIRE" as const, dueOn: "2024-08-29", statusLabel: "À faire" },
    { code: "MANIFESTE", title: "Adhérer au manifeste beta.gouv", owedBy: "PARTENAIRE" as const, dueOn: null, statusLabel: "À faire" },
  ],
};

describe("conventionCalendar", () => {
  it("lists every due date of FAST 14 in date order, with stable identifiers", () => {
    const entries = conventionCalendar(input);
    expect(entries.map((e) => [e.date, e.category])).toEqual([
      ["2024-04-30", "BILAN"],
      ["2024-08-29", "COMITE"],
      ["2024-08-29", "OBLIGATION"],
      ["2024-11-30", "CLOTURE_GESTION"],
      ["2024-12-12", "CLOTURE_GESTION"],
      ["2024-12-31", "FIN"],
    ]);
    expect(entries[1]).toMatchObject({ uid: "c14-comite-2024-08-29@suivi-fast", title: "FAST 14 — France Chaleur Urbaine : comité d'investissement n° 1 (échéance)" });
    expect(entries[2]!.description).toBe("Obligation due par le partenaire, au plus tard le 29 août 2024. Statut : À faire.");
    expect(entries[3]!.title).toBe("FAST 14 — France Chaleur Urbaine : clôture de gestion 2024, dernières demandes de paiement");
    expect(new Set(entries.map((e) => e.uid)).size).toBe(entries.length);
    expect(conventionCalendar(input).map((e) => e.uid)).toEqual(entries.map((e) => e.uid));
  });

  it("puts the termination's effective date instead of the end of term when it comes first", () => {
    const entries = conventionCalendar({ ...input, terminationEffectiveOn: "2024-09-10" });
    expect(entries.find((e) => e.category === "RESILIATION")).toMatchObject({ date: "2024-09-10", title: "FAST 14 — France Chaleur Urbaine : résiliation effective" });
    expect(entries.some((e) => e.category === "FIN")).toBe(false);
  });
});
