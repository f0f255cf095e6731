// The second part of the accounts' rules, against the real database: idle accounts deactivated at a password
// sign-in (the real authorizeWithPassword) and reactivated by an administrator; passwords disabled by
// AUTH_LOCAL_PASSWORDS=false; a party's lead inviting colleagues, role by role; a FAST pilot editing the
// directory only from a délégant.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness, ACCOUNTS, formData } from "../../../tests/support/action-harness";
import type { Actor } from "@/domain/permissions";

// As in accounts.test.ts: the real sign-in check, next-auth's real error classes, the harness's session.
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
// The settings under test change between tests: env() answers the real parse of these variables.
const settings = vi.hoisted(() => ({ vars: {} as Record<string, string> }));
vi.mock("../env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../env")>();
  return { ...actual, env: () => actual.parseEnv({ ...process.env, ...settings.vars }) };
});

const { authorizeWithPassword, AccountIdle, LocalPasswordsDisabled } = await import("../auth");
const { reactivateAccount } = await import("./accounts");
const { createOrganisation, organisationInput } = await import("./organisations");
const { recordContext } = await import("./context");
const actions = await import("../actions/accounts");
const { parseEnv } = await import("../env");

const h = actionHarness({ writes: ["user", "invitation", "organisation"] });
const DEMO_PASSWORD = "SuiviFast-demo-2024";
const DAY = 24 * 60 * 60 * 1000;

function login(email: string, password = DEMO_PASSWORD) {
  return authorizeWithPassword({ email, password }, new Request("http://127.0.0.1/api/auth/callback/credentials", { method: "POST" }));
}
const as = <T>(email: string, run: (ctx: ReturnType<typeof recordContext> & { actor: Actor }) => Promise<T>) =>
  h.prisma.$transaction((tx) => run(recordContext({ tx, actor: h.actor(email), now: new Date() })));

describe("settings", () => {
  it("ACCOUNT_IDLE_DAYS defaults to 180 days; AUTH_LOCAL_PASSWORDS to on, and off only with ProConnect", () => {
    expect(parseEnv({})).toMatchObject({ ACCOUNT_IDLE_DAYS: 180, AUTH_LOCAL_PASSWORDS: true });
    expect(parseEnv({ ACCOUNT_IDLE_DAYS: "30" }).ACCOUNT_IDLE_DAYS).toBe(30);
    expect(() => parseEnv({ ACCOUNT_IDLE_DAYS: "0" })).toThrow(/ACCOUNT_IDLE_DAYS/);
    expect(() => parseEnv({ AUTH_LOCAL_PASSWORDS: "false" })).toThrow(/AUTH_LOCAL_PASSWORDS : false seulement avec ProConnect/);
    const proConnect = { PROCONNECT_ISSUER: "https://proconnect.example", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" };
    expect(parseEnv({ ...proConnect, AUTH_LOCAL_PASSWORDS: "false" }).AUTH_LOCAL_PASSWORDS).toBe(false);
    expect(() => parseEnv({ AUTH_LOCAL_PASSWORDS: "non" })).toThrow(/AUTH_LOCAL_PASSWORDS/);
  });
});

describe("an idle account at a password sign-in", () => {
  it("is deactivated with the French message naming whom to ask, until an administrator reactivates it", async () => {
    settings.vars = { ACCOUNT_IDLE_DAYS: "30" };
    const account = await h.prisma.user.findUniqueOrThrow({ where: { email: ACCOUNTS.DEMO_PARTNER } });
    const longAgo = new Date(Date.now() - 31 * DAY);
    await h.prisma.user.update({ where: { id: account.id }, data: { lastLoginAt: longAgo, activatedAt: longAgo, createdAt: longAgo } });
    const refusal = await login(ACCOUNTS.DEMO_PARTNER).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AccountIdle);
    expect(await h.prisma.user.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ active: false, lastLoginAt: longAgo });
    expect(await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.deactivate.idle" }, orderBy: { id: "desc" } })).toMatchObject({ userId: null, entityId: account.id });
    // The sign-in form says it in French (src/server/actions/auth.ts reads the same catalogue entry).
    const { messageOf, failure } = await import("@/domain/failures");
    expect(messageOf(failure("ACCOUNT_IDLE", { days: 30 }))).toMatch(/depuis plus de 30 jours.*administrateur de Suivi FAST/);
    // Deactivated now: the right password is told so (AccountDeactivated), not idle again.
    await expect(login(ACCOUNTS.DEMO_PARTNER)).rejects.toMatchObject({ code: "compte-desactive" });
    await as(ACCOUNTS.ADMIN, (ctx) => reactivateAccount(ctx, { userId: account.id }));
    expect(await login(ACCOUNTS.DEMO_PARTNER)).toMatchObject({ id: account.id });
    settings.vars = {};
  });

  it("is let in while under the configured days", async () => {
    settings.vars = { ACCOUNT_IDLE_DAYS: "30" };
    const recent = new Date(Date.now() - 29 * DAY);
    await h.prisma.user.update({ where: { email: ACCOUNTS.DEMO_GESTIONNAIRE }, data: { lastLoginAt: recent, activatedAt: null, createdAt: recent } });
    expect(await login(ACCOUNTS.DEMO_GESTIONNAIRE)).toMatchObject({ email: ACCOUNTS.DEMO_GESTIONNAIRE });
    settings.vars = {};
  });
});

describe("passwords disabled (AUTH_LOCAL_PASSWORDS=false)", () => {
  it("refuses the right password of an active account, before looking it up", async () => {
    settings.vars = { AUTH_LOCAL_PASSWORDS: "false", PROCONNECT_ISSUER: "https://proconnect.example", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" };
    const audit = await h.prisma.auditEntry.count();
    await expect(login(ACCOUNTS.PILOTE)).rejects.toBeInstanceOf(LocalPasswordsDisabled);
    expect(await h.prisma.auditEntry.count()).toBe(audit);
    settings.vars = {};
    expect(await login(ACCOUNTS.PILOTE)).toMatchObject({ email: ACCOUNTS.PILOTE });
  });
});

describe("a party's lead invites a colleague", () => {
  const invite = (email: string, role: string) => actions.inviteColleagueAction(null, formData({ email, fullName: "Collègue Invité", role }));

  it("each lead invites into their own organisation with their own role, the link handed back", async () => {
    for (const [lead, role] of [
      [ACCOUNTS.PILOTE, "PILOTE_FAST"],
      [ACCOUNTS.FAST14_PARTNER, "INTRAPRENEUR"],
      [ACCOUNTS.FAST14_GESTIONNAIRE, "GESTIONNAIRE"],
    ] as const) {
      h.signInAs(lead);
      const email = `collegue.${role.toLowerCase()}@example.fr`;
      const result = await invite(email, role);
      expect(result, lead).toMatchObject({ ok: true, link: { href: expect.stringMatching(/^https:\/\/suivi-fast\.test\/invitation\//) } });
      const account = await h.prisma.user.findUniqueOrThrow({ where: { email } });
      expect(account).toMatchObject({ role, organisationId: h.actor(lead).organisationId, active: false });
      expect(await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.invite", entityId: account.id } })).toMatchObject({
        userId: h.actor(lead).userId,
        after: { via: "colleague", role },
      });
    }
  });

  it("refuses another role than the lead's, every role tried, writing nothing", async () => {
    h.signInAs(ACCOUNTS.FAST14_PARTNER);
    for (const role of ["PILOTE_FAST", "GESTIONNAIRE", "ADMIN"]) {
      await h.expectRefused(() => invite(`refuse.${role.toLowerCase()}@example.fr`, role), { code: "COLLEAGUE_ROLE_ABOVE_INVITER", field: "role" });
    }
  });

  it("refuses an agent whose organisation is no party in their role, administrators and anonymous visitors", async () => {
    // A gestionnaire opened in DRIEAT (a partner, never a délégataire) leads no party.
    const drieat = h.actor(ACCOUNTS.FAST14_PARTNER).organisationId;
    const stray = await h.prisma.user.create({ data: { email: "gestionnaire.egare@drieat.example.fr", fullName: "Gestionnaire Égaré", role: "GESTIONNAIRE", organisationId: drieat, active: true } });
    h.signInAs(stray);
    await h.expectRefused(() => invite("x@example.fr", "GESTIONNAIRE"), { code: "COLLEAGUE_NOT_A_PARTY_LEAD" });
    await h.expectForbidden([null, ACCOUNTS.ADMIN], () => invite("y@example.fr", "ADMIN"));
  });

  it("refuses a colleague whose e-mail already has an account", async () => {
    h.signInAs(ACCOUNTS.FAST14_PARTNER);
    const result = await h.expectRefused(() => invite(ACCOUNTS.DEMO_PARTNER, "INTRAPRENEUR"), /Un compte existe déjà/);
    expect(result.ok).toBe(false);
  });
});

describe("a FAST pilot and the directory", () => {
  let drieat = "";
  beforeAll(async () => {
    drieat = (await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "drieat" } })).id;
  });
  const partner = organisationInput.parse({
    name: "Direction départementale des territoires du Cher",
    acronym: "DDT 18",
    kind: "PARTENAIRE",
    siret: "11000201100069",
    address: "6 place de la Pyrotechnie, 18000 Bourges",
    proConnectSirets: "",
  });

  it("of a délégant adds a partner; of another organisation, with the same role, adds nothing", async () => {
    const pilotOfPartner = await h.prisma.user.create({ data: { email: "pilote.egare@drieat.example.fr", fullName: "Pilote Égaré", role: "PILOTE_FAST", organisationId: drieat, active: true } });
    const stray: Actor = { userId: pilotOfPartner.id, organisationId: drieat, role: "PILOTE_FAST" };
    const before = await h.footprint();
    await expect(h.prisma.$transaction((tx) => createOrganisation(recordContext({ tx, actor: stray, now: new Date() }), partner))).rejects.toMatchObject({
      failure: { code: "PILOT_NOT_OF_DELEGANT" },
    });
    expect(await h.footprint()).toEqual(before);
    await as(ACCOUNTS.PILOTE, (ctx) => createOrganisation(ctx, partner));
    expect(await h.prisma.organisation.count({ where: { acronym: "DDT 18" } })).toBe(1);
  });
});
