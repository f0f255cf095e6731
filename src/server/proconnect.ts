import "server-only";
// ProConnect (public agents' identity provider): what this app asks for, how it reads and verifies the
// answer, and who it lets in. Auth.js validates the ID token (issuer, audience, expiry, nonce); the
// agent's identity comes from userinfo, which ProConnect answers as a signed JWT (application/jwt):
// this module verifies it against the issuer's JWKS (or the client secret for HS256 clients).
// Everything here is configured by the PROCONNECT_* environment variables (src/server/env.ts).
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import type { ProConnectRefusal } from "@/domain/proconnect-admission";
import type { Db } from "./db/client";
import { admitProConnectAgent } from "./use-cases/access-requests";

/** Scopes requested at ProConnect (each returns the claim of the same name; `phone` returns `phone_number`). */
export const PROCONNECT_SCOPES = "openid uid given_name usual_name email phone siret";
/** Minimum assurance level asked of ProConnect. */
export const PROCONNECT_ACR_VALUES = "eidas1";

const HTTP_TIMEOUT_MS = 10_000;
const METADATA_TTL_MS = 60 * 60 * 1000;
const ASYMMETRIC_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

/** A ProConnect answer this app cannot trust or use. The message is for logs (English, no secrets). */
export class ProConnectError extends Error {
  override name = "ProConnectError";
}

/** The agent as ProConnect describes them, normalised. */
export interface ProConnectIdentity {
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  /** The agent's establishment (14 digits), or null when absent or malformed. */
  siret: string | null;
  uid: string | null;
  idpId: string | null;
  phone: string | null;
}

export type { ProConnectRefusal } from "@/domain/proconnect-admission";
export { decideAgentAccess, siretAllowed, type CandidateAccount } from "@/domain/proconnect-admission";

const optionalText = z
  .union([z.string(), z.number()])
  .optional()
  .nullable()
  .transform((v) => (v === undefined || v === null || String(v).trim() === "" ? null : String(v).trim()));

const claimsSchema = z.object({
  sub: z.string().trim().min(1),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  given_name: optionalText,
  usual_name: optionalText,
  siret: optionalText,
  uid: optionalText,
  idp_id: optionalText,
  phone_number: optionalText,
  phone: optionalText,
});

/** "130 025 265 00013" → "13002526500013"; anything that is not 14 digits → null. */
export function normalizeSiret(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/[\s.-]/g, "");
  return /^\d{14}$/.test(digits) ? digits : null;
}

/** Maps userinfo claims to an identity; throws ProConnectError naming the unusable claims. */
export function identityFromClaims(claims: unknown): ProConnectIdentity {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
    throw new ProConnectError(`userinfo claims unusable: ${fields}`);
  }
  const c = parsed.data;
  return {
    sub: c.sub,
    email: c.email,
    givenName: c.given_name ?? "",
    usualName: c.usual_name ?? "",
    siret: normalizeSiret(c.siret),
    uid: c.uid,
    idpId: c.idp_id,
    phone: c.phone_number ?? c.phone,
  };
}

export function displayName(identity: Pick<ProConnectIdentity, "givenName" | "usualName" | "email">): string {
  return [identity.givenName, identity.usualName].filter(Boolean).join(" ") || identity.email;
}

/**
 * Lets a ProConnect agent in, or says why not (a code for /connexion?erreur=): the use case matches the account
 * by e-mail (an invitation is then used up), deactivates an idle one, or records an access request
 * (src/server/use-cases/access-requests.ts); every attempt is in the audit trail.
 */
export async function admitAgent(prisma: Db, outcome: ProConnectOutcome | null, options: { idleDays: number; now?: Date }): Promise<true | ProConnectRefusal> {
  if (!outcome || "error" in outcome) return "proconnect-echec";
  const now = options.now ?? new Date();
  const admission = await prisma.$transaction((tx) => admitProConnectAgent({ tx, now }, { identity: outcome.identity, idleDays: options.idleDays }));
  return admission.ok ? true : admission.reason;
}

// ───────────────────────────── userinfo ─────────────────────────────

export interface UserinfoVerification {
  /** The issuer as the discovery document states it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The `sub` of the validated ID token: userinfo must be about the same agent. */
  expectedSub: string;
  /** The issuer's signing keys (its JWKS); needed unless the client is registered for HS256. */
  keys?: JWTVerifyGetKey;
}

function audienceIncludes(aud: JWTPayload["aud"], clientId: string): boolean {
  return Array.isArray(aud) ? aud.includes(clientId) : aud === clientId;
}

/**
 * Reads a userinfo answer: a signed JWT (verified, then decoded) or plain JSON. Checks `iss` and `aud`
 * when the JWT carries them (OIDC Core 5.3.2) and that `sub` is the ID token's.
 */
export async function readUserinfoResponse(response: Response, v: UserinfoVerification): Promise<Record<string, unknown>> {
  if (!response.ok) throw new ProConnectError(`userinfo answered HTTP ${response.status}`);
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  let claims: Record<string, unknown>;
  if (type === "application/jwt") {
    const jwt = (await response.text()).trim();
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(jwt).alg;
    } catch {
      throw new ProConnectError("userinfo JWT is malformed");
    }
    const symmetric = alg === "HS256";
    if (!symmetric && !v.keys) throw new ProConnectError("userinfo JWT cannot be verified: the issuer publishes no jwks_uri");
    const key: JWTVerifyGetKey = symmetric ? async () => new TextEncoder().encode(v.clientSecret) : v.keys!;
    try {
      const { payload } = await jwtVerify(jwt, key, { algorithms: symmetric ? ["HS256"] : ASYMMETRIC_ALGS, clockTolerance: 30 });
      claims = payload;
    } catch (error) {
      throw new ProConnectError(`userinfo JWT rejected: ${(error as Error).message}`);
    }
    if (claims.iss !== undefined && claims.iss !== v.issuer) throw new ProConnectError("userinfo JWT comes from another issuer");
    if (claims.aud !== undefined && !audienceIncludes(claims.aud as JWTPayload["aud"], v.clientId)) {
      throw new ProConnectError("userinfo JWT is meant for another client");
    }
  } else if (type === "application/json") {
    const body: unknown = await response.json().catch(() => null);
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ProConnectError("userinfo JSON is not an object");
    claims = body as Record<string, unknown>;
  } else {
    throw new ProConnectError(`userinfo answered an unexpected content type (${type || "none"})`);
  }
  if (claims.sub !== v.expectedSub) throw new ProConnectError("userinfo is about another subject than the ID token");
  return claims;
}

interface IssuerMetadata {
  issuer: string;
  userinfo_endpoint: string;
  jwks_uri?: string;
  end_session_endpoint?: string;
}

const metadataSchema = z.object({
  issuer: z.string(),
  userinfo_endpoint: z.url(),
  jwks_uri: z.url().optional(),
  end_session_endpoint: z.url().optional(),
});
const metadataCache = new Map<string, { value: IssuerMetadata; expires: number }>();
const keySets = new Map<string, JWTVerifyGetKey>();

/** The issuer's discovery document (cached for an hour; a failure is not cached). */
async function issuerMetadata(issuer: string, fetchImpl: typeof fetch): Promise<IssuerMetadata> {
  const cached = metadataCache.get(issuer);
  if (cached && cached.expires > Date.now()) return cached.value;
  const url = `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  const response = await fetchImpl(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  if (!response.ok) throw new ProConnectError(`discovery answered HTTP ${response.status}`);
  const parsed = metadataSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ProConnectError("discovery document lacks userinfo_endpoint");
  if (parsed.data.issuer.replace(/\/+$/, "") !== issuer.replace(/\/+$/, "")) {
    throw new ProConnectError("discovery document names another issuer");
  }
  metadataCache.set(issuer, { value: parsed.data, expires: Date.now() + METADATA_TTL_MS });
  return parsed.data;
}

function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  let keys = keySets.get(jwksUri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: HTTP_TIMEOUT_MS });
    keySets.set(jwksUri, keys);
  }
  return keys;
}

export interface UserinfoRequest {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  expectedSub: string;
  fetch?: typeof fetch;
}

/** Fetches userinfo with the access token and returns its verified claims. */
export async function fetchUserinfo(request: UserinfoRequest): Promise<Record<string, unknown>> {
  const fetchImpl = request.fetch ?? fetch;
  const metadata = await issuerMetadata(request.issuer, fetchImpl);
  const response = await fetchImpl(metadata.userinfo_endpoint, {
    headers: { authorization: `Bearer ${request.accessToken}`, accept: "application/jwt, application/json;q=0.9" },
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  return readUserinfoResponse(response, {
    issuer: metadata.issuer,
    clientId: request.clientId,
    clientSecret: request.clientSecret,
    expectedSub: request.expectedSub,
    keys: metadata.jwks_uri ? remoteKeys(metadata.jwks_uri) : undefined,
  });
}

/**
 * Where to send the browser so that signing out of the app also ends the ProConnect session (otherwise
 * the next click on the button signs the agent straight back in): the issuer's end_session_endpoint with
 * the ID token as hint, a random state and the registered post-logout URI. Null when the issuer has none.
 */
export async function endSessionUrl(request: {
  issuer: string;
  idToken: string;
  postLogoutRedirectUri: string;
  state: string;
  fetch?: typeof fetch;
}): Promise<string | null> {
  const metadata = await issuerMetadata(request.issuer, request.fetch ?? fetch);
  if (!metadata.end_session_endpoint) return null;
  const url = new URL(metadata.end_session_endpoint);
  url.searchParams.set("id_token_hint", request.idToken);
  url.searchParams.set("state", request.state);
  url.searchParams.set("post_logout_redirect_uri", request.postLogoutRedirectUri);
  return url.toString();
}

// ───────────────────────────── Auth.js profile ─────────────────────────────

/** What the provider's `profile` callback hands to the `signIn` callback (on the Auth.js user object). */
export type ProConnectOutcome = { identity: ProConnectIdentity } | { error: string };

export interface ProConnectProfile {
  id: string;
  email: string | null;
  name: string | null;
  proConnect: ProConnectOutcome;
}

/**
 * The Auth.js `profile` callback's work: fetch and verify userinfo, map its claims. It never throws
 * (Auth.js would swallow the error and send the agent back without a word): a failure is carried to the
 * `signIn` callback, which refuses with a French message.
 */
export async function proConnectProfile(request: UserinfoRequest): Promise<ProConnectProfile> {
  try {
    if (!request.accessToken) throw new ProConnectError("token response carries no access_token");
    const identity = identityFromClaims(await fetchUserinfo(request));
    return { id: identity.sub, email: identity.email, name: displayName(identity), proConnect: { identity } };
  } catch (error) {
    const message = error instanceof ProConnectError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    console.error(`[auth] ProConnect: ${message}`);
    return { id: request.expectedSub, email: null, name: null, proConnect: { error: message } };
  }
}

/** The outcome `proConnectProfile` left on the Auth.js user, if any. */
export function proConnectOutcomeOf(user: unknown): ProConnectOutcome | null {
  const outcome = (user as { proConnect?: ProConnectOutcome } | null | undefined)?.proConnect;
  return outcome && typeof outcome === "object" ? outcome : null;
}
