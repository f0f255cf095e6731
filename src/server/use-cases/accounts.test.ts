// Accounts against the real database: invitations (a hash stored, one use, 7 days — the moment given to the
// use case, never the clock), roles, deactivation and the last active administrator, through the use cases
// and the server actions; sign-in (the real authorizeWithPassword) refused to a deactivated account.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness, formData as form } from "../../../tests/support/action-harness";
import type { FailureCode } from "@/domain/failures";
import type { Actor } from "@/domain/permissions";

// The real sign-in check is under test here, so src/server/auth is loaded for real; next-auth's ESM build
// cannot load outside Next: its real error classes (what the sign-in throws), the session of the harness's
// stand-in (signInAs), the rest stubbed.
vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { default: () => ({ handlers: {}, signIn: vi.fn(), signOut: vi.fn() }), AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});
// The session is the harness's stand-in (signInAs); the rest of src/server/auth (the sign-in checks) is real.
vi.mock("../auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("../auth")>()), auth: (await import("../../../tests/support/mocks/auth")).auth }));
vi.mock("next-auth/jwt", () => ({ getToken: vi.fn(), decode: vi.fn() }));
vi.mock("next-auth/providers/credentials", () => ({ default: (options: unknown) => options }));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "suivi-fast.test", "x-forwarded-proto": "https" }) }));

const { inviteAgent, renewInvitation, acceptInvitation, changeRole, deactivateAccount, reactivateAccount, inviteInput } = await import("./accounts");
const { recordContext, Refusal } = await import("./context");
const { findInvitation } = await import("../repositories/administration");
const { hashNewPassword } = await import("../security/passwords");
const { authorizeWithPassword, AccountDeactivated } = await import("../auth");
const actions = await import("../actions/accounts");
const { ERRORS } = await import("../errors");
const { INVITATION_REFUSALS } = await import("@/domain/accounts");

const h = actionHarness();
const ADMIN = "admin@suivi-fast.example.fr";
const PILOTE = "pilote@dinum.example.fr";
const DEMO_PASSWORD = "SuiviFast-demo-2024";
const NEW_PASSWORD = "Chaleur urbaine et réseaux de froid";
const DAY = 24 * 60 * 60 * 1000;
const SENT = new Date("2026-12-03T10:00:00Z");
const after = (days: number, ms = 0) => new Date(SENT.getTime() + days * DAY + ms);
let drieat = "";

/** Runs a use case as `actor` in its own transaction, at the moment given. */
function at<T>(now: Date, actor: Actor, run: (ctx: ReturnType<typeof recordContext> & { actor: Actor }) => Promise<T>): Promise<T> {
  return h.prisma.$transaction((tx) => run(recordContext({ tx, actor, now })));
}
const asAdmin = <T>(now: Date, run: (ctx: ReturnType<typeof recordContext> & { actor: Actor }) => Promise<T>) => at(now, h.actor(ADMIN), run);

async function footprint() {
  const p = h.prisma;
  return Promise.all([p.user.findMany({ orderBy: { id: "asc" } }), p.invitation.findMany({ orderBy: { id: "asc" } }), p.auditEntry.count()]);
}

/** Refused with this code (or, for the password policy's own error, these words), writing nothing. */
async function expectRefused(run: () => Promise<unknown>, expected: FailureCode | RegExp) {
  const before = await footprint();
  if (expected instanceof RegExp) await expect(run()).rejects.toThrow(expected);
  else await expect(run()).rejects.toMatchObject({ failure: { code: expected } });
  expect(await footprint()).toEqual(before);
}

/** The invited agent's side: the link's state at `now`, then the password set through it. */
async function accept(token: string, now: Date, password = NEW_PASSWORD) {
  const found = await findInvitation(token, now);
  if (!found.account) throw new Refusal(INVITATION_REFUSALS[found.state as Exclude<typeof found.state, "VALIDE">].failure);
  const passwordHash = await hashNewPassword(password, found.account);
  const { userId, organisationId, role } = found.account;
  await at(now, { userId, organisationId, role }, (ctx) => acceptInvitation(ctx, { tokenHash: found.tokenHash!, passwordHash }));
}

function login(email: string, password: string) {
  return authorizeWithPassword({ email, password }, new Request("http://127.0.0.1/api/auth/callback/credentials", { method: "POST" }));
}

const invite = (email: string, role = "INTRAPRENEUR") => inviteInput.parse({ email, fullName: "Dominique Invitée", role, organisationId: drieat });

beforeAll(async () => {
  drieat = (await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "drieat" } })).id;
});

describe("an invitation", () => {
  it("opens an inactive account, keeps only the token's SHA-256, and audits who invited whom", async () => {
    const issued = await asAdmin(SENT, (ctx) => inviteAgent(ctx, invite("  Dominique.Invitee@DRIEAT.example.fr ")));
    expect(issued.email).toBe("dominique.invitee@drieat.example.fr");
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toEqual(after(7));
    const user = await h.prisma.user.findUniqueOrThrow({ where: { id: issued.userId }, include: { invitations: true } });
    expect(user).toMatchObject({ active: false, deactivatedAt: null, passwordHash: null, role: "INTRAPRENEUR", organisationId: drieat });
    expect(user.invitations).toHaveLength(1);
    expect(user.invitations[0]).toMatchObject({ tokenHash: createHash("sha256").update(issued.token).digest("hex"), createdAt: SENT, expiresAt: after(7), usedAt: null, createdById: h.actor(ADMIN).userId });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.invite", entityId: issued.userId } });
    expect(entry).toMatchObject({ userId: h.actor(ADMIN).userId, role: "ADMIN" });
    expect(entry.after).toMatchObject({ email: "dominique.invitee@drieat.example.fr", role: "INTRAPRENEUR", organisation: "DRIEAT" });
    // The secret is nowhere in the record.
    const dump = JSON.stringify([await h.prisma.auditEntry.findMany(), await h.prisma.invitation.findMany()], (_k, v) => (typeof v === "bigint" ? String(v) : v));
    expect(dump).not.toContain(issued.token);
  });

  it("refuses an e-mail that already has an account, and an unknown organisation, writing nothing", async () => {
    await expectRefused(() => asAdmin(SENT, (ctx) => inviteAgent(ctx, invite(PILOTE))), "ACCOUNT_EMAIL_TAKEN");
    await expectRefused(
      () => asAdmin(SENT, (ctx) => inviteAgent(ctx, { ...invite("personne@drieat.example.fr"), organisationId: "00000000-0000-4000-8000-000000000000" })),
      "ACCOUNT_ORGANISATION_UNKNOWN",
    );
  });

  it("lets its agent set a password once, within 7 days: the account is then active and signs in", async () => {
    const issued = await asAdmin(SENT, (ctx) => inviteAgent(ctx, invite("camille.invitee@drieat.example.fr")));
    // Six days and 23 hours later: still valid.
    expect((await findInvitation(issued.token, after(6, 23 * 3600_000))).state).toBe("VALIDE");
    await accept(issued.token, after(6, 23 * 3600_000));
    const user = await h.prisma.user.findUniqueOrThrow({ where: { id: issued.userId }, include: { invitations: true } });
    expect(user.active).toBe(true);
    expect(user.invitations[0]!.usedAt).toEqual(after(6, 23 * 3600_000));
    expect(await h.prisma.auditEntry.findFirst({ where: { kind: "user.invitation.accept", entityId: issued.userId, userId: issued.userId } })).not.toBeNull();
    expect(await login("camille.invitee@drieat.example.fr", NEW_PASSWORD)).toMatchObject({ id: issued.userId, role: "INTRAPRENEUR" });
    // Used: the same link again changes nothing.
    expect((await findInvitation(issued.token, after(6, 23 * 3600_000 + 1))).state).toBe("UTILISEE");
    await expectRefused(() => accept(issued.token, after(6, 23 * 3600_000 + 1), "Un tout autre mot de passe, bien long"), "INVITATION_USED");
    const hash = (await findInvitation(issued.token, after(1))).tokenHash!;
    await expectRefused(
      () => at(after(1), { userId: issued.userId, organisationId: drieat, role: "INTRAPRENEUR" }, (ctx) => acceptInvitation(ctx, { tokenHash: hash, passwordHash: "x" })),
      "INVITATION_USED",
    );
  });

  it("stops working 7 days after it was sent, changing nothing", async () => {
    const issued = await asAdmin(SENT, (ctx) => inviteAgent(ctx, invite("expire@drieat.example.fr")));
    expect((await findInvitation(issued.token, after(7))).state).toBe("EXPIREE");
    await expectRefused(() => accept(issued.token, after(7)), "INVITATION_EXPIRED");
    // Even a request prepared while valid and committed once expired: the transaction checks again.
    const found = await findInvitation(issued.token, after(6));
    const passwordHash = await hashNewPassword(NEW_PASSWORD, found.account!);
    await expectRefused(
      () => at(after(7), found.account!, (ctx) => acceptInvitation(ctx, { tokenHash: found.tokenHash!, passwordHash })),
      "INVITATION_EXPIRED",
    );
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: issued.userId } })).active).toBe(false);
  });

  it("can be renewed: the old link is replaced, the new one works for 7 more days", async () => {
    const first = await h.prisma.user.findUniqueOrThrow({ where: { email: "expire@drieat.example.fr" } });
    const oldToken = await asAdmin(SENT, (ctx) => renewInvitation(ctx, { userId: first.id })).then((i) => i.token);
    const renewed = await asAdmin(after(10), (ctx) => renewInvitation(ctx, { userId: first.id }));
    expect(renewed.expiresAt).toEqual(after(17));
    expect((await findInvitation(oldToken, after(11))).state).toBe("REMPLACEE");
    await expectRefused(() => accept(oldToken, after(11)), "INVITATION_REPLACED");
    await accept(renewed.token, after(16));
    expect((await h.prisma.user.findUniqueOrThrow({ where: { id: first.id } })).active).toBe(true);
    await expectRefused(() => asAdmin(after(16), (ctx) => renewInvitation(ctx, { userId: first.id })), "ACCOUNT_ALREADY_ACTIVE");
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.invitation.renew", entityId: first.id }, orderBy: { id: "desc" } });
    expect(entry.after).toMatchObject({ previousLinksRevoked: 1 });
  });

  it("is used once when two submissions of the same link race", async () => {
    const issued = await asAdmin(SENT, (ctx) => inviteAgent(ctx, invite("course@drieat.example.fr")));
    const found = await findInvitation(issued.token, after(1));
    const passwordHash = await hashNewPassword(NEW_PASSWORD, found.account!);
    const run = () => at(after(1), found.account!, (ctx) => acceptInvitation(ctx, { tokenHash: found.tokenHash!, passwordHash }));
    const outcomes = await Promise.allSettled([run(), run(), run()]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await h.prisma.auditEntry.count({ where: { kind: "user.invitation.accept", entityId: issued.userId } })).toBe(1);
  });

  it("refuses a password the policy refuses, and an unknown token, writing nothing", async () => {
    const issued = await asAdmin(SENT, (ctx) => inviteAgent(ctx, invite("faible@drieat.example.fr")));
    await expectRefused(() => accept(issued.token, after(1), "motdepasse2024"), /au moins 12 caractères|trop courant/);
    await expectRefused(() => accept("pas-un-jeton", after(1)), "INVITATION_UNKNOWN");
    await expectRefused(() => accept("A".repeat(43), after(1)), "INVITATION_UNKNOWN");
  });
});

describe("roles and statuses", () => {
  const agent = () => h.prisma.user.findUniqueOrThrow({ where: { email: "camille.invitee@drieat.example.fr" } });

  it("changes a role, with the audit of before and after; the same role is refused", async () => {
    const user = await agent();
    await asAdmin(after(20), (ctx) => changeRole(ctx, { userId: user.id, role: "GESTIONNAIRE" }));
    expect((await agent()).role).toBe("GESTIONNAIRE");
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.role", entityId: user.id } });
    expect([entry.before, entry.after]).toEqual([{ email: user.email, role: "INTRAPRENEUR" }, { email: user.email, role: "GESTIONNAIRE" }]);
    await expectRefused(() => asAdmin(after(20), (ctx) => changeRole(ctx, { userId: user.id, role: "GESTIONNAIRE" })), "ACCOUNT_ROLE_UNCHANGED");
  });

  it("deactivates: the right password is then refused with a French message, the open session stops", async () => {
    const user = await agent();
    h.signInAs(user);
    expect((await actions.changeRoleAction(null, form({ userId: user.id, role: "ADMIN" }))).message).toBe(ERRORS.FORBIDDEN);
    await asAdmin(after(21), (ctx) => deactivateAccount(ctx, { userId: user.id }));
    expect(await agent()).toMatchObject({ active: false, deactivatedAt: after(21) });
    await expect(login(user.email, NEW_PASSWORD)).rejects.toBeInstanceOf(AccountDeactivated);
    // A wrong password says nothing of the account.
    await expect(login(user.email, "pas le bon mot de passe")).rejects.not.toBeInstanceOf(AccountDeactivated);
    const refusal = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "auth.login.failed", entityId: user.id }, orderBy: { id: "desc" } });
    expect(refusal.after).toEqual({ email: user.email });
    // Its session, opened before, no longer acts.
    expect((await actions.changeRoleAction(null, form({ userId: user.id, role: "ADMIN" }))).message).toBe(ERRORS.UNAUTHENTICATED);
    await expectRefused(() => asAdmin(after(21), (ctx) => deactivateAccount(ctx, { userId: user.id })), "ACCOUNT_ALREADY_DEACTIVATED");
  });

  it("reactivates: the password works again; an account deactivated before its first password waits for a new link", async () => {
    const user = await agent();
    await asAdmin(after(22), (ctx) => reactivateAccount(ctx, { userId: user.id }));
    expect(await login(user.email, NEW_PASSWORD)).toMatchObject({ id: user.id });
    const pending = await asAdmin(after(22), (ctx) => inviteAgent(ctx, invite("jamais@drieat.example.fr")));
    await asAdmin(after(22), (ctx) => deactivateAccount(ctx, { userId: pending.userId }));
    expect((await findInvitation(pending.token, after(23))).state).toBe("COMPTE_DESACTIVE");
    await asAdmin(after(23), (ctx) => reactivateAccount(ctx, { userId: pending.userId }));
    expect(await h.prisma.user.findUniqueOrThrow({ where: { id: pending.userId } })).toMatchObject({ active: false, deactivatedAt: null });
    // The link revoked at deactivation stays dead; a new one works.
    expect((await findInvitation(pending.token, after(23))).state).toBe("REMPLACEE");
    const renewed = await asAdmin(after(23), (ctx) => renewInvitation(ctx, { userId: pending.userId }));
    await accept(renewed.token, after(24));
    expect(await h.prisma.auditEntry.findFirst({ where: { kind: "user.reactivate", entityId: pending.userId } })).toMatchObject({ after: { email: "jamais@drieat.example.fr", status: "INVITE" } });
  });

  it("never leaves the platform without an active administrator", async () => {
    const admin = h.actor(ADMIN);
    await expectRefused(() => asAdmin(after(25), (ctx) => deactivateAccount(ctx, { userId: admin.userId })), "LAST_ADMINISTRATOR");
    await expectRefused(() => asAdmin(after(25), (ctx) => changeRole(ctx, { userId: admin.userId, role: "PILOTE_FAST" })), "LAST_ADMINISTRATOR");
    // A second administrator: each may now step down, not both.
    const second = await agent();
    await asAdmin(after(25), (ctx) => changeRole(ctx, { userId: second.id, role: "ADMIN" }));
    const secondActor = { userId: second.id, organisationId: second.organisationId, role: "ADMIN" as const };
    const outcomes = await Promise.allSettled([
      asAdmin(after(26), (ctx) => deactivateAccount(ctx, { userId: secondActor.userId })),
      at(after(26), secondActor, (ctx) => deactivateAccount(ctx, { userId: admin.userId })),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.failure.code).toBe("LAST_ADMINISTRATOR");
    expect(await h.prisma.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    // Whichever won, the demo administrator acts in the next tests: the platform's only active administrator again.
    await h.prisma.user.update({ where: { id: admin.userId }, data: { active: true, deactivatedAt: null } });
    await h.prisma.user.update({ where: { id: second.id }, data: { active: false, deactivatedAt: after(26) } });
  });
});

describe("the accounts' actions", () => {
  it("invite through the form and, without a mail server, hand the link to the administrator", async () => {
    h.signInAs(ADMIN);
    const result = await actions.inviteAgentAction(null, form({ email: "lien@drieat.example.fr", fullName: "Lou Lien", role: "INTRAPRENEUR", organisationId: drieat }));
    expect(result).toMatchObject({ ok: true, link: { href: expect.stringMatching(/^https:\/\/suivi-fast\.test\/invitation\/[A-Za-z0-9_-]{43}$/) } });
    expect(result.ok && result.message).toMatch(/^Invitation créée pour lien@drieat\.example\.fr\. Aucun serveur de courriel n'est configuré : transmettez vous-même ce lien à l'agent\. Le lien est valable jusqu'au \d+ \S+ \d{4} à \d\d:\d\d et ne fonctionne qu'une fois\.$/);
    const token = result.ok ? result.link!.href.split("/").pop()! : "";
    // The agent follows it: a weak password is refused under its field, then the account is activated.
    const weak = await actions.acceptInvitationAction(null, form({ token, password: "azertyuiop", confirmation: "azertyuiop" }));
    expect(weak).toMatchObject({ ok: false, fieldErrors: { password: expect.stringContaining("au moins 12 caractères") } });
    const mismatch = await actions.acceptInvitationAction(null, form({ token, password: NEW_PASSWORD, confirmation: "autre chose" }));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmation: "Les deux mots de passe ne sont pas identiques." } });
    h.signInAs(null);
    expect(await actions.acceptInvitationAction(null, form({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }))).toMatchObject({ ok: true });
    expect(await actions.acceptInvitationAction(null, form({ token, password: NEW_PASSWORD, confirmation: NEW_PASSWORD }))).toMatchObject({ ok: false, code: "INVITATION_USED" });
    expect(await login("lien@drieat.example.fr", NEW_PASSWORD)).toMatchObject({ role: "INTRAPRENEUR" });
    // Deactivated, then reactivated, through the account page's one form.
    h.signInAs(ADMIN);
    const userId = (await h.prisma.user.findUniqueOrThrow({ where: { email: "lien@drieat.example.fr" } })).id;
    expect(await actions.changeAccountStatusAction(null, form({ userId, status: "DESACTIVE" }))).toEqual({ ok: true, data: undefined, message: "Le compte est désactivé : il ne peut plus se connecter." });
    await expect(login("lien@drieat.example.fr", NEW_PASSWORD)).rejects.toBeInstanceOf(AccountDeactivated);
    expect(await actions.changeAccountStatusAction(null, form({ userId, status: "ACTIF" }))).toEqual({ ok: true, data: undefined, message: "Le compte est réactivé." });
    expect(await login("lien@drieat.example.fr", NEW_PASSWORD)).toMatchObject({ id: userId });
  });

  it("report bad input in French and write nothing", async () => {
    h.signInAs(ADMIN);
    const before = await footprint();
    const result = await actions.inviteAgentAction(null, form({ email: "pas-une-adresse", fullName: " ", role: "CHEF", organisationId: "" }));
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        email: "Adresse électronique invalide : écrivez-la sous la forme prenom.nom@exemple.gouv.fr.",
        fullName: "Prénom et nom : champ obligatoire.",
        role: expect.stringMatching(/^Choisissez un rôle/),
        organisationId: "Choisissez l'organisation de l'agent.",
      },
    });
    expect(await actions.changeAccountStatusAction(null, form({ userId: "pas-un-id", status: "ARCHIVE" }))).toMatchObject({
      ok: false,
      fieldErrors: { userId: "Identifiant invalide.", status: "Choisissez : réactiver ou désactiver le compte." },
    });
    expect(await actions.changeAccountStatusAction(null, form({ userId: h.actor(ADMIN).userId, status: "DESACTIVE" }))).toMatchObject({ ok: false, code: "LAST_ADMINISTRATOR" });
    expect(await footprint()).toEqual(before);
  });

  it("sign-in of the demo accounts is untouched", async () => {
    expect(await login(PILOTE, DEMO_PASSWORD)).toMatchObject({ role: "PILOTE_FAST" });
  });
});
