import { describe, expect, it } from "vitest";
import { can, canUpdateObligation, PERMISSIONS, type Actor, type ConventionParties } from "./permissions";

const parties: ConventionParties = { DELEGANT: "dinum", PARTENAIRE: "drieat", DELEGATAIRE: "dnum" };
const actor = (role: Actor["role"], organisationId: string): Actor => ({ userId: "u", organisationId, role });

describe("can", () => {
  it("lets every party read its convention and nobody else", () => {
    expect(can(actor("PILOTE_FAST", "dinum"), "convention.read", parties)).toBe(true);
    expect(can(actor("INTRAPRENEUR", "drieat"), "convention.read", parties)).toBe(true);
    expect(can(actor("GESTIONNAIRE", "dnum"), "convention.read", parties)).toBe(true);
    expect(can(actor("INTRAPRENEUR", "other"), "convention.read", parties)).toBe(false);
    expect(can(null, "convention.read", parties)).toBe(false);
  });

  it("lets administrators read every convention but act on none", () => {
    expect(can(actor("ADMIN", "dinum"), "convention.read", parties)).toBe(true);
    expect(can(actor("ADMIN", "dinum"), "tranche.release", parties)).toBe(false);
  });

  it("gives each write to the party and role the convention names", () => {
    expect(can(actor("PILOTE_FAST", "dinum"), "tranche.release", parties)).toBe(true);
    expect(can(actor("PILOTE_FAST", "drieat"), "tranche.release", parties)).toBe(false);
    expect(can(actor("GESTIONNAIRE", "dinum"), "tranche.release", parties)).toBe(false);
    expect(can(actor("INTRAPRENEUR", "drieat"), "committee.record", parties)).toBe(true);
    expect(can(actor("INTRAPRENEUR", "dnum"), "committee.record", parties)).toBe(false);
    expect(can(actor("GESTIONNAIRE", "dnum"), "expenditure.record", parties)).toBe(true);
    expect(can(actor("GESTIONNAIRE", "drieat"), "expenditure.record", parties)).toBe(false);
  });

  it("keeps the portfolio for DINUM and administrators", () => {
    expect(can(actor("PILOTE_FAST", "dinum"), "portfolio.read")).toBe(true);
    expect(can(actor("ADMIN", "x"), "portfolio.read")).toBe(true);
    expect(can(actor("INTRAPRENEUR", "drieat"), "portfolio.read")).toBe(false);
  });

  it("refuses every convention action to a user of an organisation that is no party", () => {
    const stranger = actor("PILOTE_FAST", "stranger");
    for (const action of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      if (PERMISSIONS[action].scope === "global") continue;
      expect(can(stranger, action as never, parties), action).toBe(false);
    }
  });
});

describe("canUpdateObligation", () => {
  it("lets only the party that owes an obligation update it", () => {
    expect(canUpdateObligation(actor("INTRAPRENEUR", "drieat"), "PARTENAIRE", parties)).toBe(true);
    expect(canUpdateObligation(actor("PILOTE_FAST", "dinum"), "PARTENAIRE", parties)).toBe(false);
    expect(canUpdateObligation(actor("PILOTE_FAST", "dinum"), "DELEGANT", parties)).toBe(true);
  });
});
