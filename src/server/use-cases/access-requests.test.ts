// ProConnect first, against the real database: an invited agent matched by e-mail (the invitation used up, the
// account active and bound, audited), SIRETs against the organisation's own and its ProConnect list, an unknown
// agent's access request (the organisation its SIRET designates) that an administrator accepts or refuses
// through the server actions, and idle accounts deactivated at a ProConnect sign-in — every moment given.
import { describe, expect, it, vi } from "vitest";
import { actionHarness, ACCOUNTS, formData } from "../../../tests/support/action-harness";
import type { Actor } from "@/domain/permissions";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "suivi-fast.test", "x-forwarded-proto": "https" }) }));

const { admitProConnectAgent } = await import("./access-requests");
const { inviteAgent, inviteInput, reactivateAccount } = await import("./accounts");
const { recordContext } = await import("./context");
const actions = await import("../actions/accounts");

const h = actionHarness({ writes: ["user", "invitation", "accessRequest"] });
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2026-12-03T10:00:00Z");
const after = (days: number) => new Date(NOW.getTime() + days * DAY);
// Valid SIRETs (Luhn key): a ministry of the test, one of its establishments, an establishment of nobody.
const MINISTRY_SIRET = "11000201100044";
const MINISTRY_BRANCH = "11000201100051";
const NOBODY_SIRET = "13002526500013";

const identity = (email: string, overrides: Partial<{ sub: string; siret: string | null; givenName: string; usualName: string }> = {}) => ({
  sub: `pc-${email}`,
  email,
  givenName: "Dominique",
  usualName: "Agent",
  siret: MINISTRY_SIRET,
  idpId: "fi-test",
  ...overrides,
});
const admit = (who: ReturnType<typeof identity>, now = NOW, idleDays = 180) =>
  h.prisma.$transaction((tx) => admitProConnectAgent({ tx, now }, { identity: who, idleDays }));
const asAdmin = <T>(now: Date, run: (ctx: ReturnType<typeof recordContext> & { actor: Actor }) => Promise<T>) =>
  h.prisma.$transaction((tx) => run(recordContext({ tx, actor: h.actor(ACCOUNTS.ADMIN), now })));
const user = (email: string) => h.prisma.user.findUniqueOrThrow({ where: { email } });
const lastAudit = (kind: string) => h.prisma.auditEntry.findFirstOrThrow({ where: { kind }, orderBy: { id: "desc" } });

async function ministry(): Promise<string> {
  const existing = await h.prisma.organisation.findUnique({ where: { slug: "ministere-essai" } });
  if (existing) return existing.id;
  const created = await h.prisma.organisation.create({
    data: { slug: "ministere-essai", name: "Ministère de l'essai", acronym: "MESSAI", address: "1 rue de l'Essai, Paris", kind: "PARTENAIRE", siret: MINISTRY_SIRET, sirets: [MINISTRY_BRANCH] },
  });
  return created.id;
}

async function invited(email: string, now = NOW) {
  const organisationId = await ministry();
  return asAdmin(now, (ctx) => inviteAgent(ctx, inviteInput.parse({ email, fullName: "Dominique Agent", role: "INTRAPRENEUR", organisationId })));
}

describe("an invited agent signing in with ProConnect", () => {
  it("is matched to the invitation by e-mail: the account becomes active and bound, the link used up, audited", async () => {
    const issued = await invited("dominique.agent@essai.gouv.fr");
    expect(await admit(identity("dominique.agent@essai.gouv.fr"), after(2))).toEqual({ ok: true, userId: issued.userId });
    const account = await user("dominique.agent@essai.gouv.fr");
    expect(account).toMatchObject({ active: true, deactivatedAt: null, proConnectSub: "pc-dominique.agent@essai.gouv.fr", activatedAt: after(2), lastLoginAt: after(2) });
    const links = await h.prisma.invitation.findMany({ where: { userId: issued.userId } });
    expect(links.map((l) => l.usedAt)).toEqual([after(2)]);
    expect(await lastAudit("user.invitation.accept")).toMatchObject({ userId: issued.userId, entityId: issued.userId, after: { status: "ACTIF", via: "proconnect", linksUsed: 1 } });
    // The next sign-in is an ordinary one.
    expect(await admit(identity("dominique.agent@essai.gouv.fr"), after(3))).toEqual({ ok: true, userId: issued.userId });
  });

  it("is admitted from an establishment in the organisation's list of ProConnect SIRETs", async () => {
    const issued = await invited("claude.etablissement@essai.gouv.fr");
    expect(await admit(identity("claude.etablissement@essai.gouv.fr", { siret: MINISTRY_BRANCH }), after(1))).toEqual({ ok: true, userId: issued.userId });
  });

  it("is refused from an establishment outside the organisation's SIRETs, and nothing is linked", async () => {
    const issued = await invited("alix.ailleurs@essai.gouv.fr");
    expect(await admit(identity("alix.ailleurs@essai.gouv.fr", { siret: NOBODY_SIRET }), after(1))).toEqual({ ok: false, reason: "siret-non-rattache" });
    expect(await user("alix.ailleurs@essai.gouv.fr")).toMatchObject({ active: false, proConnectSub: null });
    expect((await h.prisma.invitation.findFirstOrThrow({ where: { userId: issued.userId } })).usedAt).toBeNull();
    expect(await lastAudit("auth.login.failed")).toMatchObject({ entityId: issued.userId, after: { reason: "siret-non-rattache", siret: NOBODY_SIRET } });
  });

  it("is refused once the invitation has expired (a new link is asked of an administrator)", async () => {
    await invited("sam.tardif@essai.gouv.fr");
    expect(await admit(identity("sam.tardif@essai.gouv.fr"), after(7))).toEqual({ ok: false, reason: "invitation-expiree" });
    expect(await user("sam.tardif@essai.gouv.fr")).toMatchObject({ active: false, proConnectSub: null });
  });
});

describe("an unknown agent", () => {
  it("leaves an access request with the organisation their SIRET designates; signing in again updates it", async () => {
    const organisationId = await ministry();
    const before = await h.prisma.user.count();
    expect(await admit(identity("camille.nouvelle@essai.gouv.fr", { siret: MINISTRY_BRANCH }))).toEqual({ ok: false, reason: "acces-demande" });
    const request = await h.prisma.accessRequest.findUniqueOrThrow({ where: { proConnectSub: "pc-camille.nouvelle@essai.gouv.fr" } });
    expect(request).toMatchObject({ email: "camille.nouvelle@essai.gouv.fr", givenName: "Dominique", usualName: "Agent", siret: MINISTRY_BRANCH, organisationId, status: "EN_ATTENTE", createdAt: NOW });
    expect(await lastAudit("access.request")).toMatchObject({ userId: null, entityId: request.id, after: { organisation: "MESSAI" } });
    expect(await admit(identity("camille.nouvelle@essai.gouv.fr", { siret: MINISTRY_BRANCH, usualName: "Nouvelle" }), after(1))).toEqual({ ok: false, reason: "acces-demande" });
    expect(await h.prisma.accessRequest.count({ where: { email: "camille.nouvelle@essai.gouv.fr" } })).toBe(1);
    expect(await h.prisma.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ usualName: "Nouvelle", lastSeenAt: after(1), createdAt: NOW });
    expect(await h.prisma.user.count()).toBe(before);
  });

  it("whose SIRET is nobody's leaves a request without organisation", async () => {
    expect(await admit(identity("eden.inconnu@ailleurs.gouv.fr", { siret: NOBODY_SIRET }))).toEqual({ ok: false, reason: "acces-demande" });
    expect(await h.prisma.accessRequest.findUniqueOrThrow({ where: { proConnectSub: "pc-eden.inconnu@ailleurs.gouv.fr" } })).toMatchObject({ organisationId: null });
  });
});

describe("an administrator decides on an access request", () => {
  const pending = (email: string) => h.prisma.accessRequest.findFirstOrThrow({ where: { email } });

  it("is for administrators only: everyone else is refused and nothing is written", async () => {
    await admit(identity("morgan.attente@essai.gouv.fr"));
    const request = await pending("morgan.attente@essai.gouv.fr");
    const organisationId = await ministry();
    const others = [null, ACCOUNTS.PILOTE, ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE];
    await h.expectForbidden(others, () => actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId, role: "INTRAPRENEUR" })));
    await h.expectForbidden(others, () => actions.refuseAccessRequestAction(null, formData({ requestId: request.id })));
  });

  it("refuses an organisation that does not admit the agent's SIRET, and a request decided already", async () => {
    await admit(identity("lou.etranger@ailleurs.gouv.fr", { siret: NOBODY_SIRET }));
    const request = await pending("lou.etranger@ailleurs.gouv.fr");
    h.signInAs(ACCOUNTS.ADMIN);
    await h.expectRefused(() => actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId: "" , role: "INTRAPRENEUR" })), { code: "INVALID_INPUT" });
    await h.expectRefused(
      async () => actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId: await ministry(), role: "INTRAPRENEUR" })),
      { code: "ACCESS_REQUEST_FOREIGN_SIRET", field: "organisationId" },
    );
    expect((await actions.refuseAccessRequestAction(null, formData({ requestId: request.id }))).ok).toBe(true);
    expect(await pending("lou.etranger@ailleurs.gouv.fr")).toMatchObject({ status: "REFUSEE", decidedById: h.actor(ACCOUNTS.ADMIN).userId });
    expect(await lastAudit("access.refuse")).toMatchObject({ entityId: request.id, userId: h.actor(ACCOUNTS.ADMIN).userId, before: { status: "EN_ATTENTE" }, after: { status: "REFUSEE" } });
    await h.expectRefused(() => actions.refuseAccessRequestAction(null, formData({ requestId: request.id })), { code: "ACCESS_REQUEST_DECIDED" });
    // The agent's next ProConnect sign-in is refused, and records nothing more.
    expect(await admit(identity("lou.etranger@ailleurs.gouv.fr", { siret: NOBODY_SIRET }), after(1))).toEqual({ ok: false, reason: "acces-refuse" });
    expect(await h.prisma.accessRequest.count({ where: { email: "lou.etranger@ailleurs.gouv.fr" } })).toBe(1);
  });

  it("accepting opens the account, active and bound to the ProConnect identity; the agent's next sign-in is admitted", async () => {
    await admit(identity("noa.accepte@essai.gouv.fr"));
    const request = await pending("noa.accepte@essai.gouv.fr");
    const organisationId = await ministry();
    h.signInAs(ACCOUNTS.ADMIN);
    const result = await actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId, role: "INTRAPRENEUR" }));
    expect(result).toMatchObject({ ok: true });
    const account = await user("noa.accepte@essai.gouv.fr");
    expect(account).toMatchObject({ fullName: "Dominique Agent", role: "INTRAPRENEUR", organisationId, active: true, proConnectSub: "pc-noa.accepte@essai.gouv.fr", passwordHash: null });
    expect(await pending("noa.accepte@essai.gouv.fr")).toMatchObject({ status: "ACCEPTEE", userId: account.id });
    expect(await lastAudit("access.accept")).toMatchObject({ entityId: request.id, after: { status: "ACCEPTEE", userId: account.id, role: "INTRAPRENEUR", organisation: "MESSAI" } });
    expect(await admit(identity("noa.accepte@essai.gouv.fr"), after(1))).toEqual({ ok: true, userId: account.id });
    await h.expectRefused(() => actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId, role: "INTRAPRENEUR" })), { code: "ACCESS_REQUEST_DECIDED" });
  });

  it("refuses to accept a request whose e-mail has had an account opened since", async () => {
    await admit(identity("ada.doublon@essai.gouv.fr"));
    const request = await pending("ada.doublon@essai.gouv.fr");
    await invited("ada.doublon@essai.gouv.fr");
    h.signInAs(ACCOUNTS.ADMIN);
    await h.expectRefused(async () => actions.acceptAccessRequestAction(null, formData({ requestId: request.id, organisationId: await ministry(), role: "INTRAPRENEUR" })), {
      code: "ACCESS_REQUEST_EMAIL_TAKEN",
    });
  });
});

describe("idle accounts at a ProConnect sign-in", () => {
  it("deactivates an account unused for the configured days, then admits it once an administrator reactivated it", async () => {
    const issued = await invited("jo.oublie@essai.gouv.fr");
    await admit(identity("jo.oublie@essai.gouv.fr"), after(1));
    // 30 days after the last sign-in with ACCOUNT_IDLE_DAYS=30: still fine the day before, deactivated on the day.
    expect(await admit(identity("jo.oublie@essai.gouv.fr"), after(30.9), 30)).toEqual({ ok: true, userId: issued.userId });
    expect(await admit(identity("jo.oublie@essai.gouv.fr"), after(30.9 + 30), 30)).toEqual({ ok: false, reason: "compte-inactif" });
    expect(await user("jo.oublie@essai.gouv.fr")).toMatchObject({ active: false, deactivatedAt: after(60.9) });
    expect(await lastAudit("user.deactivate.idle")).toMatchObject({ userId: null, entityId: issued.userId, after: { status: "DESACTIVE", idleDays: 30 } });
    expect(await admit(identity("jo.oublie@essai.gouv.fr"), after(61), 30)).toEqual({ ok: false, reason: "compte-desactive" });
    await asAdmin(after(62), (ctx) => reactivateAccount(ctx, { userId: issued.userId }));
    expect(await user("jo.oublie@essai.gouv.fr")).toMatchObject({ active: true, activatedAt: after(62) });
    expect(await admit(identity("jo.oublie@essai.gouv.fr"), after(63), 30)).toEqual({ ok: true, userId: issued.userId });
  });

  it("never deactivates the last active administrator", async () => {
    const admin = await user(ACCOUNTS.ADMIN);
    await h.prisma.user.update({ where: { id: admin.id }, data: { lastLoginAt: NOW, activatedAt: NOW, createdAt: NOW } });
    expect(await h.prisma.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    expect(await admit(identity(ACCOUNTS.ADMIN, { siret: null }), after(400))).toEqual({ ok: true, userId: admin.id });
    expect(await user(ACCOUNTS.ADMIN)).toMatchObject({ active: true });
  });
});
