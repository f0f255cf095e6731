// ProConnect: claims mapping, SIRET rule, admission decision, userinfo verification (pure), and the
// admission against the real database (accounts, SIRETs, subject binding, audit trail).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload } from "jose";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-db";
import {
  admitAgent,
  decideAgentAccess,
  identityFromClaims,
  normalizeSiret,
  proConnectOutcomeOf,
  readUserinfoResponse,
  siretAllowed,
  type CandidateAccount,
} from "./proconnect";

const CLAIMS = {
  sub: "pc-sub-1",
  uid: "agent-1",
  given_name: "Camille",
  usual_name: "Martin",
  email: " Pilote@DINUM.example.fr ",
  siret: "130 025 265 00013",
  phone_number: "+33102030405",
  idp_id: "fi-dinum",
};

describe("identityFromClaims", () => {
  it("maps ProConnect's claims and normalises e-mail and SIRET", () => {
    expect(identityFromClaims(CLAIMS)).toEqual({
      sub: "pc-sub-1",
      email: "pilote@dinum.example.fr",
      givenName: "Camille",
      usualName: "Martin",
      siret: "13002526500013",
      uid: "agent-1",
      idpId: "fi-dinum",
      phone: "+33102030405",
    });
  });
  it("tolerates missing optional claims", () => {
    expect(identityFromClaims({ sub: "s", email: "a@b.fr" })).toMatchObject({ givenName: "", usualName: "", siret: null, uid: null, idpId: null });
  });
  it.each([
    [{ ...CLAIMS, sub: "" }, "sub"],
    [{ ...CLAIMS, sub: undefined }, "sub"],
    [{ ...CLAIMS, email: "pas-une-adresse" }, "email"],
    [{ ...CLAIMS, email: undefined }, "email"],
  ])("refuses unusable claims %#, naming %s", (claims, field) => {
    expect(() => identityFromClaims(claims)).toThrow(new RegExp(`unusable: .*${field}`));
  });
});

describe("SIRET", () => {
  it("normalises 14 digits and rejects anything else", () => {
    expect(normalizeSiret("130 025 265 00013")).toBe("13002526500013");
    expect(normalizeSiret("13002526500013")).toBe("13002526500013");
    expect(normalizeSiret("1300252650001")).toBeNull();
    expect(normalizeSiret("13002526500O13")).toBeNull();
    expect(normalizeSiret(null)).toBeNull();
  });
  it("does not restrict an organisation that records no SIRET", () => {
    expect(siretAllowed([], null)).toBe(true);
    expect(siretAllowed([], "13002526500013")).toBe(true);
  });
  it("requires the agent's SIRET to be one of the organisation's when it records some", () => {
    expect(siretAllowed(["130 025 265 00013", "13002526500021"], "13002526500013")).toBe(true);
    expect(siretAllowed(["13002526500021"], "13002526500013")).toBe(false);
    expect(siretAllowed(["13002526500021"], null)).toBe(false);
  });
});

describe("decideAgentAccess", () => {
  const account: CandidateAccount = { id: "u1", status: "ACTIF", proConnectSub: null, organisation: { siret: null, sirets: [] }, invitationValid: false, idle: false };
  const identity = { sub: "pc-sub-1", siret: "13002526500013" };

  it("admits the holder of an active account (first ProConnect sign-in, then the same subject)", () => {
    expect(decideAgentAccess(account, identity, null)).toEqual({ ok: true, activates: false });
    expect(decideAgentAccess({ ...account, proConnectSub: "pc-sub-1" }, identity, "u1")).toEqual({ ok: true, activates: false });
  });
  it("matches an invited account by its e-mail while one of its links works, and activates it", () => {
    expect(decideAgentAccess({ ...account, status: "INVITE", invitationValid: true }, identity, null)).toEqual({ ok: true, activates: true });
    expect(decideAgentAccess({ ...account, status: "INVITE", invitationValid: false }, identity, null)).toEqual({ ok: false, reason: "invitation-expiree" });
  });
  it("refuses an unknown account (the caller records an access request), a deactivated one, an idle one", () => {
    expect(decideAgentAccess(null, identity, null)).toEqual({ ok: false, reason: "compte-inconnu" });
    expect(decideAgentAccess({ ...account, status: "DESACTIVE" }, identity, null)).toEqual({ ok: false, reason: "compte-desactive" });
    expect(decideAgentAccess({ ...account, idle: true }, identity, null)).toEqual({ ok: false, reason: "compte-inactif" });
  });
  it("refuses an establishment outside the organisation's own SIRET and ProConnect SIRETs", () => {
    const withSirets = { ...account, organisation: { siret: "13002526500039", sirets: ["13002526500021"] } };
    expect(decideAgentAccess(withSirets, identity, null)).toEqual({ ok: false, reason: "siret-non-rattache" });
    expect(decideAgentAccess({ ...withSirets, status: "INVITE", invitationValid: true }, identity, null)).toEqual({ ok: false, reason: "siret-non-rattache" });
    expect(decideAgentAccess(withSirets, { ...identity, siret: null }, null)).toEqual({ ok: false, reason: "siret-non-rattache" });
    expect(decideAgentAccess(withSirets, { ...identity, siret: "13002526500021" }, null)).toEqual({ ok: true, activates: false });
    expect(decideAgentAccess(withSirets, { ...identity, siret: "13002526500039" }, null)).toEqual({ ok: true, activates: false });
  });
  it("refuses a subject bound to another account, or an account bound to another subject", () => {
    expect(decideAgentAccess(account, identity, "u2")).toEqual({ ok: false, reason: "compte-deja-rattache" });
    expect(decideAgentAccess({ ...account, proConnectSub: "pc-sub-9" }, identity, null)).toEqual({ ok: false, reason: "identite-differente" });
  });
});

describe("readUserinfoResponse", () => {
  const issuer = "https://proconnect.example/api/v2";
  const clientId = "client-1";
  const clientSecret = "secret-secret-secret-secret-secret-1";

  async function keys() {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" };
    return { privateKey, jwks: createLocalJWKSet({ keys: [jwk] }) };
  }
  function sign(payload: JWTPayload, key: CryptoKey | Uint8Array, alg = "RS256") {
    return new SignJWT(payload).setProtectedHeader({ alg, kid: "k1" }).setIssuedAt().sign(key);
  }
  const jwtResponse = (jwt: string) => new Response(jwt, { headers: { "content-type": "application/jwt; charset=utf-8" } });
  const verification = (jwks?: ReturnType<typeof createLocalJWKSet>) => ({ issuer, clientId, clientSecret, expectedSub: "pc-sub-1", keys: jwks });

  it("verifies a JWT signed with the issuer's key and returns its claims", async () => {
    const { privateKey, jwks } = await keys();
    const jwt = await sign({ ...CLAIMS, iss: issuer, aud: clientId }, privateKey);
    const claims = await readUserinfoResponse(jwtResponse(jwt), verification(jwks));
    expect(identityFromClaims(claims).email).toBe("pilote@dinum.example.fr");
  });
  it("rejects a JWT signed with another key", async () => {
    const { jwks } = await keys();
    const other = await keys();
    const jwt = await sign({ ...CLAIMS, iss: issuer, aud: clientId }, other.privateKey);
    await expect(readUserinfoResponse(jwtResponse(jwt), verification(jwks))).rejects.toThrow(/userinfo JWT rejected/);
  });
  it("rejects a tampered JWT", async () => {
    const { privateKey, jwks } = await keys();
    const [header, , signature] = (await sign({ ...CLAIMS, iss: issuer, aud: clientId }, privateKey)).split(".");
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, email: "admin@suivi-fast.example.fr", iss: issuer, aud: clientId })).toString("base64url");
    await expect(readUserinfoResponse(jwtResponse(`${header}.${forged}.${signature}`), verification(jwks))).rejects.toThrow(/rejected/);
  });
  it("rejects an unsigned JWT (alg none)", async () => {
    const { jwks } = await keys();
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(CLAIMS)).toString("base64url")}.`;
    await expect(readUserinfoResponse(jwtResponse(none), verification(jwks))).rejects.toThrow(/rejected/);
  });
  it("rejects another issuer, another audience, another subject", async () => {
    const { privateKey, jwks } = await keys();
    const cases: [JWTPayload, RegExp][] = [
      [{ ...CLAIMS, iss: "https://ailleurs.example", aud: clientId }, /another issuer/],
      [{ ...CLAIMS, iss: issuer, aud: "autre-client" }, /another client/],
      [{ ...CLAIMS, sub: "pc-sub-2", iss: issuer, aud: clientId }, /another subject/],
    ];
    for (const [payload, error] of cases) {
      await expect(readUserinfoResponse(jwtResponse(await sign(payload, privateKey)), verification(jwks))).rejects.toThrow(error);
    }
  });
  it("rejects an expired JWT", async () => {
    const { privateKey, jwks } = await keys();
    const jwt = await new SignJWT({ ...CLAIMS, iss: issuer, aud: clientId })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
      .sign(privateKey);
    await expect(readUserinfoResponse(jwtResponse(jwt), verification(jwks))).rejects.toThrow(/rejected/);
  });
  it("verifies HS256 with the client secret (a client registered for HS256)", async () => {
    const jwt = await sign({ ...CLAIMS, iss: issuer, aud: clientId }, new TextEncoder().encode(clientSecret), "HS256");
    await expect(readUserinfoResponse(jwtResponse(jwt), verification())).resolves.toMatchObject({ sub: "pc-sub-1" });
    const wrong = await sign({ ...CLAIMS, iss: issuer, aud: clientId }, new TextEncoder().encode(`${clientSecret}x`), "HS256");
    await expect(readUserinfoResponse(jwtResponse(wrong), verification())).rejects.toThrow(/rejected/);
  });
  it("accepts plain JSON userinfo and refuses other answers", async () => {
    const json = new Response(JSON.stringify(CLAIMS), { headers: { "content-type": "application/json" } });
    await expect(readUserinfoResponse(json, verification())).resolves.toMatchObject({ sub: "pc-sub-1" });
    await expect(readUserinfoResponse(new Response("nope", { status: 401 }), verification())).rejects.toThrow(/HTTP 401/);
    const html = new Response("<html>", { headers: { "content-type": "text/html" } });
    await expect(readUserinfoResponse(html, verification())).rejects.toThrow(/unexpected content type/);
  });
});

describe("proConnectOutcomeOf", () => {
  it("reads what the profile callback left on the Auth.js user", () => {
    expect(proConnectOutcomeOf({ proConnect: { error: "x" } })).toEqual({ error: "x" });
    expect(proConnectOutcomeOf({ email: "a@b.fr" })).toBeNull();
    expect(proConnectOutcomeOf(undefined)).toBeNull();
  });
});

describe("admitAgent (database)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  const agent = (overrides: Partial<ReturnType<typeof identityFromClaims>> = {}) => ({
    identity: { ...identityFromClaims({ ...CLAIMS, email: "pilote@dinum.example.fr" }), ...overrides },
  });
  const setDinumSirets = (sirets: string[]) => database.prisma.organisation.update({ where: { slug: "dinum" }, data: { sirets } });
  const pilote = () => database.prisma.user.findUniqueOrThrow({ where: { email: "pilote@dinum.example.fr" } });
  const lastAudit = () => database.prisma.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
  const admit = (outcome: Parameters<typeof admitAgent>[1]) => admitAgent(database.prisma, outcome, { idleDays: 180 });

  it("refuses an agent whose establishment is not among the organisation's SIRETs, and binds nothing", async () => {
    await setDinumSirets(["13002526500021"]);
    expect(await admit(agent())).toBe("siret-non-rattache");
    expect((await pilote()).proConnectSub).toBeNull();
    const entry = await lastAudit();
    expect(entry).toMatchObject({ kind: "auth.login.failed", userId: (await pilote()).id });
    expect(entry.after).toMatchObject({ method: "proconnect", reason: "siret-non-rattache", siret: "13002526500013" });
  });

  it("admits the account holder when the SIRET is the organisation's, binds the subject and audits it", async () => {
    await setDinumSirets(["13002526500021", "13002526500013"]);
    expect(await admit(agent())).toBe(true);
    const user = await pilote();
    expect(user.proConnectSub).toBe("pc-sub-1");
    expect(user.lastLoginAt).not.toBeNull();
    expect(await lastAudit()).toMatchObject({ kind: "auth.login", userId: user.id, role: "PILOTE_FAST" });
    // The next sign-in, same subject: admitted again.
    expect(await admit(agent())).toBe(true);
  });

  it("refuses another ProConnect subject for a bound account, and a bound subject for another account", async () => {
    expect(await admit(agent({ sub: "pc-sub-autre" }))).toBe("identite-differente");
    expect(await admit(agent({ email: "admin@suivi-fast.example.fr" }))).toBe("compte-deja-rattache");
  });

  it("records an access request for an unknown e-mail, refuses a disabled account, and a failed userinfo", async () => {
    expect(await admit(agent({ email: "agent.inconnu@ministere-demo.example.fr", sub: "pc-sub-x" }))).toBe("acces-demande");
    expect(await lastAudit()).toMatchObject({ kind: "access.request", userId: null });
    await database.prisma.user.update({ where: { email: "intrapreneur@drieat.example.fr" }, data: { active: false, deactivatedAt: new Date() } });
    expect(await admit(agent({ email: "intrapreneur@drieat.example.fr", sub: "pc-sub-y" }))).toBe("compte-desactive");
    expect(await admit({ error: "userinfo JWT rejected" })).toBe("proconnect-echec");
    expect(await admit(null)).toBe("proconnect-echec");
  });
});
