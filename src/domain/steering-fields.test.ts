import { describe, expect, it } from "vitest";
import { daysPerWeekField, optionalUrlField, parseMeasures, visibilityField, yesNoField } from "./steering-fields";
import { can, canUpdateObligation, type Actor, type ConventionParties } from "./permissions";
import { toPublicStat } from "./public-stats";

describe("parseMeasures", () => {
  it("reads each indicator's result and objective exactly; empty is no value; absent is untouched", () => {
    const { measures, fieldErrors } = parseMeasures({ conventionId: "x", "result-a": "1 850", "objective-a": "3500,5", "result-b": "", "objective-b": "" });
    expect(fieldErrors).toEqual({});
    expect(measures).toEqual([
      { indicatorId: "a", result: 18_500_000n, objective: 35_005_000n },
      { indicatorId: "b", result: null, objective: null },
    ]);
  });

  it("names each bad value by its field, in French", () => {
    const { fieldErrors } = parseMeasures({ "result-a": "N/A", "objective-a": "-1" });
    expect(fieldErrors).toEqual({ "result-a": "Valeur illisible : écrivez un nombre, par exemple 1 234,5.", "objective-a": "Une valeur d'indicateur ne peut pas être négative." });
  });
});

describe("fields", () => {
  it("accepts only web addresses", () => {
    const url = optionalUrlField("Lien");
    expect(url.parse("https://example.fr/cr.pdf")).toBe("https://example.fr/cr.pdf");
    expect(url.parse("")).toBeNull();
    expect(url.parse(undefined)).toBeNull();
    for (const bad of ["javascript:alert(1)", "ftp://example.fr", "compte-rendu.pdf", "https://"]) {
      expect(url.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("reads a FAST commitment in tenths of a day, up to the seven days of a week, with a French message", () => {
    const days = daysPerWeekField("Jours de développement");
    expect(days.parse("1,5")).toBe(15);
    expect(days.parse("7")).toBe(70);
    expect(days.parse("")).toBeNull();
    expect(days.parse(undefined)).toBeNull();
    expect(days.safeParse("8").error?.issues.map((i) => i.message)).toEqual(["Jours de développement : 7 jours par semaine au plus."]);
    expect(days.safeParse("beaucoup").error?.issues[0]?.message).toContain("nombre de jours attendu");
  });

  it("reads yes/no and visibility radios", () => {
    expect(yesNoField("?").parse("oui")).toBe(true);
    expect(yesNoField("?").parse("non")).toBe(false);
    expect(yesNoField("Dites-le.").safeParse("peut-être").error?.issues[0]?.message).toBe("Dites-le.");
    expect(visibilityField.parse("public")).toBe(true);
    expect(visibilityField.parse("prive")).toBe(false);
  });
});

describe("permissions of the steering", () => {
  const parties: ConventionParties = { DELEGANT: "dinum", PARTENAIRE: "drieat", DELEGATAIRE: "dnum" };
  const actor = (role: Actor["role"], organisationId: string): Actor => ({ userId: "u", organisationId, role });

  it("lets any agent of a party ask to update an obligation, then only the party that owes it", () => {
    expect(can(actor("GESTIONNAIRE", "dnum"), "obligation.update", parties)).toBe(true);
    expect(can(actor("ADMIN", "dinum"), "obligation.update", parties)).toBe(false);
    expect(can(actor("INTRAPRENEUR", "other"), "obligation.update", parties)).toBe(false);
    expect(canUpdateObligation(actor("GESTIONNAIRE", "dnum"), "DELEGATAIRE", parties)).toBe(true);
    expect(canUpdateObligation(actor("GESTIONNAIRE", "dnum"), "PARTENAIRE", parties)).toBe(false);
  });
});

describe("toPublicStat", () => {
  it("publishes results only, dated by their committee, in the beta.gouv shape", () => {
    expect(
      toPublicStat({
        id: "i",
        name: "Raccordements réalisés",
        unit: "bâtiments",
        definition: "Cumul.",
        demo: false,
        series: [
          { committeeId: "a", heldOn: "2024-03-14", result: 950_000n, objective: 2_200_000n, previousObjective: null, comparison: null },
          { committeeId: "b", heldOn: "2024-09-12", result: null, objective: 3_000_000n, previousObjective: 2_200_000n, comparison: null },
        ],
      }),
    ).toEqual({ id: "i", nom: "Raccordements réalisés", unite: "bâtiments", description: "Raccordements réalisés (bâtiments) : Cumul.", stats: [{ value: 95, date: "2024-03-14" }], donneesDeDemonstration: false });
  });
});
