import { describe, expect, it } from "vitest";
import { can, canManageOrganisation, canUpdateObligation, colleagueInvitationProblem, PERMISSIONS, type Actor, type ConventionParties } from "./permissions";

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

describe("canManageOrganisation", () => {
  const pilot = actor("PILOTE_FAST", "org");
  it("lets a FAST pilot edit partners and délégataires only when the pilot's own organisation is a délégant", () => {
    expect(canManageOrganisation(pilot, "PARTENAIRE", "DELEGANT")).toBe(true);
    expect(canManageOrganisation(pilot, "DELEGATAIRE", "DELEGANT")).toBe(true);
    expect(canManageOrganisation(pilot, "DELEGANT", "DELEGANT")).toBe(false);
    // The role alone is not enough: a pilot account opened in a partner's or a délégataire's organisation edits nothing.
    for (const own of ["PARTENAIRE", "DELEGATAIRE"] as const) {
      for (const kind of ["DELEGANT", "PARTENAIRE", "DELEGATAIRE"] as const) expect(canManageOrganisation(pilot, kind, own), `${own} → ${kind}`).toBe(false);
    }
    expect(canManageOrganisation(pilot, "PARTENAIRE", null)).toBe(false);
  });
  it("lets administrators edit every kind, whatever their organisation", () => {
    expect(canManageOrganisation(actor("ADMIN", "org"), "DELEGANT", "PARTENAIRE")).toBe(true);
  });
});

describe("colleagueInvitationProblem", () => {
  it("lets each party's lead invite a colleague with their own role, role by role", () => {
    expect(colleagueInvitationProblem(actor("PILOTE_FAST", "dinum"), "PILOTE_FAST", ["DELEGANT"])).toBeNull();
    expect(colleagueInvitationProblem(actor("INTRAPRENEUR", "drieat"), "INTRAPRENEUR", ["PARTENAIRE"])).toBeNull();
    expect(colleagueInvitationProblem(actor("GESTIONNAIRE", "dnum"), "GESTIONNAIRE", ["DELEGATAIRE"])).toBeNull();
  });
  it("refuses another role, administrators first of all", () => {
    for (const role of ["PILOTE_FAST", "GESTIONNAIRE", "ADMIN"] as const) {
      expect(colleagueInvitationProblem(actor("INTRAPRENEUR", "drieat"), role, ["PARTENAIRE"]), role).toBe("ROLE_ABOVE_INVITER");
    }
  });
  it("refuses an agent whose organisation is no party, or a party their role does not act for", () => {
    expect(colleagueInvitationProblem(actor("INTRAPRENEUR", "x"), "INTRAPRENEUR", [])).toBe("NOT_A_PARTY_LEAD");
    expect(colleagueInvitationProblem(actor("INTRAPRENEUR", "x"), "INTRAPRENEUR", ["DELEGATAIRE"])).toBe("NOT_A_PARTY_LEAD");
    expect(colleagueInvitationProblem(actor("PILOTE_FAST", "x"), "PILOTE_FAST", ["PARTENAIRE", "DELEGATAIRE"])).toBe("NOT_A_PARTY_LEAD");
    expect(colleagueInvitationProblem(actor("ADMIN", "dinum"), "ADMIN", ["DELEGANT"])).toBe("NOT_A_PARTY_LEAD");
    expect(colleagueInvitationProblem(null, "INTRAPRENEUR", ["PARTENAIRE"])).toBe("NOT_A_PARTY_LEAD");
  });
});
