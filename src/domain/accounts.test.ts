import { describe, expect, it } from "vitest";
import { messageOf } from "./failures";
import {
  accountStatus,
  invitationExpiresAt,
  invitationState,
  INVITATION_REFUSALS,
  lastAdministratorProblem,
  statusAfterReactivation,
  statusChangeProblem,
  idleSince,
  isIdle,
  type InvitationFacts,
} from "./accounts";

const sent = new Date("2026-12-01T09:30:00Z");
const invited = { active: false, deactivatedAt: null };
const link = (over: Partial<InvitationFacts> = {}): InvitationFacts => ({ expiresAt: invitationExpiresAt(sent), usedAt: null, revokedAt: null, account: invited, ...over });
const at = (iso: string) => new Date(iso);

describe("accountStatus", () => {
  it("reads invited, active and deactivated from the account", () => {
    expect(accountStatus({ active: true, deactivatedAt: null })).toBe("ACTIF");
    expect(accountStatus(invited)).toBe("INVITE");
    expect(accountStatus({ active: false, deactivatedAt: sent })).toBe("DESACTIVE");
  });
});

describe("an invitation link", () => {
  it("expires 7 days to the millisecond after it is sent", () => {
    expect(invitationExpiresAt(sent).toISOString()).toBe("2026-12-08T09:30:00.000Z");
    expect(invitationState(link(), at("2026-12-01T09:30:00Z"))).toBe("VALIDE");
    expect(invitationState(link(), at("2026-12-08T09:29:59.999Z"))).toBe("VALIDE");
    expect(invitationState(link(), at("2026-12-08T09:30:00Z"))).toBe("EXPIREE");
    expect(invitationState(link(), at("2027-01-01T00:00:00Z"))).toBe("EXPIREE");
  });

  it("works once, and not once a newer link replaced it or the account was deactivated", () => {
    const now = at("2026-12-02T10:00:00Z");
    expect(invitationState(null, now)).toBe("INCONNUE");
    expect(invitationState(link({ usedAt: at("2026-12-01T10:00:00Z"), account: { active: true, deactivatedAt: null } }), now)).toBe("UTILISEE");
    expect(invitationState(link({ revokedAt: at("2026-12-01T11:00:00Z") }), now)).toBe("REMPLACEE");
    expect(invitationState(link({ revokedAt: now, account: { active: false, deactivatedAt: now } }), now)).toBe("COMPTE_DESACTIVE");
  });

  it("says used before expired: an old used link is 'already used', not 'expired'", () => {
    expect(invitationState(link({ usedAt: sent }), at("2027-06-01T00:00:00Z"))).toBe("UTILISEE");
  });

  it("has a French title and message for every refusal", () => {
    for (const refusal of Object.values(INVITATION_REFUSALS)) {
      expect(refusal.title).toMatch(/^[A-Z][a-zéè' ]+/);
      expect(messageOf(refusal.failure)).toMatch(/administrateur/);
    }
  });
});

describe("the last active administrator", () => {
  const admin = { role: "ADMIN" as const, status: "ACTIF" as const };

  it("cannot be deactivated nor demoted", () => {
    expect(lastAdministratorProblem(admin, { kind: "deactivate" }, 1)).toEqual({ code: "LAST_ADMINISTRATOR" });
    expect(lastAdministratorProblem(admin, { kind: "role", role: "PILOTE_FAST" }, 1)).toEqual({ code: "LAST_ADMINISTRATOR" });
  });

  it("can be when another active administrator remains", () => {
    expect(lastAdministratorProblem(admin, { kind: "deactivate" }, 2)).toBeNull();
    expect(lastAdministratorProblem(admin, { kind: "role", role: "GESTIONNAIRE" }, 2)).toBeNull();
  });

  it("is not concerned by changes that keep an administrator, nor by other accounts", () => {
    expect(lastAdministratorProblem(admin, { kind: "role", role: "ADMIN" }, 1)).toBeNull();
    expect(lastAdministratorProblem({ role: "ADMIN", status: "INVITE" }, { kind: "deactivate" }, 1)).toBeNull();
    expect(lastAdministratorProblem({ role: "ADMIN", status: "DESACTIVE" }, { kind: "role", role: "INTRAPRENEUR" }, 0)).toBeNull();
    expect(lastAdministratorProblem({ role: "PILOTE_FAST", status: "ACTIF" }, { kind: "deactivate" }, 1)).toBeNull();
  });
});

describe("changes of status", () => {
  it("deactivates what is not deactivated, reactivates what is, renews only a pending invitation", () => {
    expect(statusChangeProblem("ACTIF", "deactivate")).toBeNull();
    expect(statusChangeProblem("INVITE", "deactivate")).toBeNull();
    expect(statusChangeProblem("DESACTIVE", "deactivate")).toEqual({ code: "ACCOUNT_ALREADY_DEACTIVATED" });
    expect(statusChangeProblem("DESACTIVE", "reactivate")).toBeNull();
    expect(statusChangeProblem("ACTIF", "reactivate")).toEqual({ code: "ACCOUNT_NOT_DEACTIVATED" });
    expect(statusChangeProblem("INVITE", "renew")).toBeNull();
    expect(statusChangeProblem("ACTIF", "renew")).toEqual({ code: "ACCOUNT_ALREADY_ACTIVE" });
    expect(statusChangeProblem("DESACTIVE", "renew")).toEqual({ code: "ACCOUNT_DEACTIVATED_REACTIVATE_FIRST" });
  });

  it("reactivates as active an account that can sign in, as invited one that never chose a password", () => {
    expect(statusAfterReactivation({ passwordHash: "$argon2id$…", proConnectSub: null })).toBe("ACTIF");
    expect(statusAfterReactivation({ passwordHash: null, proConnectSub: "sub-1" })).toBe("ACTIF");
    expect(statusAfterReactivation({ passwordHash: null, proConnectSub: null })).toBe("INVITE");
  });
});

describe("idle accounts", () => {
  const created = new Date("2026-01-05T09:00:00Z");
  const account = { active: true, createdAt: created, activatedAt: null as Date | null, lastLoginAt: null as Date | null };
  const at = (iso: string) => new Date(iso);

  it("measures idleness from the latest of the last sign-in, the last activation and the creation", () => {
    expect(idleSince(account)).toEqual(created);
    expect(idleSince({ ...account, lastLoginAt: at("2026-03-01T08:00:00Z") })).toEqual(at("2026-03-01T08:00:00Z"));
    expect(idleSince({ ...account, lastLoginAt: at("2026-03-01T08:00:00Z"), activatedAt: at("2026-06-30T14:00:00Z") })).toEqual(at("2026-06-30T14:00:00Z"));
  });

  it("is idle once the given number of full days have passed, not a minute before", () => {
    const last = { ...account, lastLoginAt: at("2026-03-01T08:00:00Z") };
    expect(isIdle(last, at("2026-08-28T07:59:00Z"), 180)).toBe(false);
    expect(isIdle(last, at("2026-08-28T08:00:00Z"), 180)).toBe(true);
    expect(isIdle(last, at("2026-03-31T08:00:00Z"), 30)).toBe(true);
    expect(isIdle(last, at("2026-03-31T07:00:00Z"), 30)).toBe(false);
  });

  it("never calls an inactive account idle (invited or deactivated: it cannot sign in anyway)", () => {
    expect(isIdle({ ...account, active: false }, at("2030-01-01T00:00:00Z"), 180)).toBe(false);
  });
});
