import "server-only";
import { randomBytes } from "node:crypto";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig, type Session } from "next-auth";
import { decode, getToken } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { verify } from "@node-rs/argon2";
import { z } from "zod";
import { db } from "./db";
import { isSessionTooOld } from "./session-policy";
import { env } from "./env";
import { newAuditContext, recordAudit } from "./db/audit";
import { deactivateIfIdle } from "./use-cases/accounts";
import { recordContext } from "./use-cases/context";
import { clientAddress, loginSucceeded, purgeLoginThrottle, reserveLoginAttempt, throttlePolicy } from "./security/login-throttle";
import type { Role } from "@/domain/permissions";
import {
  PROCONNECT_ACR_VALUES,
  PROCONNECT_SCOPES,
  admitAgent,
  endSessionUrl,
  proConnectOutcomeOf,
  proConnectProfile,
} from "./proconnect";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; organisationId: string; role: Role };
  }
}

/** A refused sign-in: the code reaches the login page, never a stack trace in the logs. */
class InvalidCredentials extends CredentialsSignin {
  code = "identifiants";
}

/**
 * The right password of an account an administrator deactivated: said as such (whoever reads it knows the
 * password), never for a wrong password, which stays indistinguishable from an unknown account.
 */
export class AccountDeactivated extends CredentialsSignin {
  code = "compte-desactive";
}

/** An active account idle too long (ACCOUNT_IDLE_DAYS), deactivated at this sign-in: the right password was given. */
export class AccountIdle extends CredentialsSignin {
  code = "compte-inactif";
  constructor(readonly idleDays: number) {
    super();
  }
}

/** Passwords are disabled on this platform (AUTH_LOCAL_PASSWORDS=false): ProConnect only. */
export class LocalPasswordsDisabled extends CredentialsSignin {
  code = "mots-de-passe-fermes";
}

/**
 * Too many wrong passwords for this account or from this address (src/server/security/login-throttle.ts).
 * The same for an existing and an unknown account. Its code carries the wait in minutes to the login page
 * when the sign-in came through Auth.js's own endpoint rather than the login form's action.
 */
export class TooManyAttempts extends CredentialsSignin {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super();
    this.retryAfterMs = retryAfterMs;
    this.code = `trop-de-tentatives-${Math.max(1, Math.ceil(retryAfterMs / 60_000))}`;
  }
}

const credentialsSchema = z.object({
  email: z.email().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
});


// A fixed, valid argon2 hash verified when the e-mail is unknown, so that timing does not tell
// whether an account exists.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$fbM91E/80SUN+05k6r2Ofw$fqVChJq7CIy4VZ7pJ8IO55zRnc5BZhQD3jATTH4Ev6s";

/** Exported for the integration tests; Auth.js calls it with the credentials and the request. */
export async function authorizeWithPassword(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const config = env();
  if (!config.AUTH_LOCAL_PASSWORDS) throw new LocalPasswordsDisabled();
  const policy = throttlePolicy(config);
  const attempt = { email, address: clientAddress(request.headers.get("x-forwarded-for"), config.TRUSTED_PROXIES) };
  const prisma = db();
  // The allowance is taken before the (slow) password check, so parallel attempts cannot exceed it.
  const reservation = await reserveLoginAttempt(prisma, attempt, policy);
  const user = await prisma.user.findUnique({ where: { email } });
  const audit = newAuditContext(user ? { userId: user.id, organisationId: user.organisationId, role: user.role } : null);
  if (!reservation.ok) {
    // No password is checked: the refusal takes the same time whether or not the account exists.
    await prisma.$transaction((tx) =>
      recordAudit(tx, audit, { kind: "auth.login.failed", entity: "user", entityId: user?.id, after: { email, reason: "throttled" } }),
    );
    throw new TooManyAttempts(reservation.retryAfterMs);
  }
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !user.active || !user.passwordHash || !ok) {
    const deactivated = user !== null && ok && user.passwordHash !== null && !user.active;
    await prisma.$transaction((tx) =>
      recordAudit(tx, audit, { kind: "auth.login.failed", entity: "user", entityId: user?.id, after: deactivated ? { email, reason: "deactivated" } : { email } }),
    );
    await purgeLoginThrottle(prisma, policy).catch(() => undefined);
    throw deactivated ? new AccountDeactivated() : new InvalidCredentials();
  }
  await loginSucceeded(prisma, attempt);
  const idleDays = config.ACCOUNT_IDLE_DAYS;
  // One transaction: an idle account is deactivated (committed), or the sign-in recorded.
  const idle = await prisma.$transaction(async (tx) => {
    const now = new Date();
    if (await deactivateIfIdle(recordContext({ tx, actor: null, now }), { userId: user.id, idleDays })) return true;
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    await recordAudit(tx, audit, { kind: "auth.login", entity: "user", entityId: user.id });
    return false;
  });
  if (idle) throw new AccountIdle(idleDays);
  return { id: user.id, name: user.fullName, email: user.email, organisationId: user.organisationId, role: user.role };
}

function proConnectProvider(): NextAuthConfig["providers"] {
  const { PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET } = env();
  if (!PROCONNECT_ISSUER || !PROCONNECT_CLIENT_ID || !PROCONNECT_CLIENT_SECRET) return [];
  const issuer = PROCONNECT_ISSUER;
  const clientId = PROCONNECT_CLIENT_ID;
  const clientSecret = PROCONNECT_CLIENT_SECRET;
  return [
    {
      id: "proconnect",
      name: "ProConnect",
      type: "oidc",
      issuer,
      clientId,
      clientSecret,
      authorization: { params: { scope: PROCONNECT_SCOPES, acr_values: PROCONNECT_ACR_VALUES } },
      checks: ["pkce", "state", "nonce"],
      // Auth.js validates the ID token (issuer, audience, expiry, nonce) and hands its claims here with the
      // tokens. ProConnect puts the identity in userinfo, answered as a signed JWT: proConnectProfile fetches
      // it with the access token and verifies it (Auth.js itself would decode it without checking the
      // signature, and only when idToken is false).
      profile: (idTokenClaims, tokens) =>
        proConnectProfile({
          issuer,
          clientId,
          clientSecret,
          accessToken: String(tokens.access_token ?? ""),
          expectedSub: String(idTokenClaims.sub ?? ""),
        }),
    },
  ];
}

/**
 * For a session opened through ProConnect, the URL that ends it at ProConnect too (see endSessionUrl);
 * null for other sessions, or when ProConnect cannot be asked (the local sign-out happens anyway).
 */
export async function proConnectSignOutUrl(): Promise<string | null> {
  const { PROCONNECT_ISSUER, AUTH_SECRET } = env();
  if (!PROCONNECT_ISSUER || !AUTH_SECRET) return null;
  const requestHeaders = new Headers(await headers());
  let token: Awaited<ReturnType<typeof getToken>> = null;
  // The cookie is "__Secure-"-prefixed on https.
  for (const secureCookie of [true, false]) {
    token ??= await getToken({ req: { headers: requestHeaders }, secret: AUTH_SECRET, secureCookie });
  }
  const idToken = token?.proConnectIdToken;
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  if (typeof idToken !== "string" || !host) return null;
  const protocol = (requestHeaders.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  try {
    return await endSessionUrl({
      issuer: PROCONNECT_ISSUER,
      idToken,
      // Must be registered at ProConnect as the client's post_logout_redirect_uri.
      postLogoutRedirectUri: `${protocol}://${host}/`,
      state: randomBytes(32).toString("base64url"),
    });
  } catch (error) {
    console.error(`[auth] ProConnect end_session: ${(error as Error).message}`);
    return null;
  }
}

export const { handlers, signIn, signOut } = NextAuth(() => {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: config.SESSION_MAX_AGE_SECONDS, updateAge: 5 * 60 },
    pages: { signIn: "/connexion", error: "/connexion" },
    providers: [
      Credentials({
        id: "credentials",
        credentials: { email: {}, password: {} },
        authorize: authorizeWithPassword,
      }),
      ...proConnectProvider(),
    ],
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== "proconnect") return true;
        const admitted = await admitAgent(db(), proConnectOutcomeOf(user), { idleDays: env().ACCOUNT_IDLE_DAYS });
        return admitted === true ? true : `/connexion?erreur=${admitted}`;
      },
      async jwt({ token, user, account }) {
        if (user) {
          // A ProConnect agent's session is the account's (admitted by the signIn callback, which bound the
          // account to the agent's ProConnect subject), not ProConnect's. Auth.js gives the user a random id
          // and keeps the profile's id (the subject) as the account's providerAccountId.
          const dbUser =
            account?.provider === "proconnect" ? await db().user.findUnique({ where: { proConnectSub: String(account.providerAccountId) } }) : null;
          if (account?.provider === "proconnect" && !dbUser) return null;
          const source = dbUser ?? (user as { id: string; organisationId: string; role: Role });
          token.sub = source.id;
          token.organisationId = dbUser?.organisationId ?? (user as { organisationId: string }).organisationId;
          token.role = dbUser?.role ?? (user as { role: Role }).role;
          if (dbUser) token.name = dbUser.fullName;
          // Kept (encrypted in the session cookie, never in the session object) for ProConnect's sign-out.
          if (account?.provider === "proconnect" && account.id_token) token.proConnectIdToken = account.id_token;
          token.loginAt = Math.floor(Date.now() / 1000);
        }
        if (isSessionTooOld(token.loginAt, Date.now())) return null;
        return token;
      },
      session({ session, token }) {
        session.user.id = String(token.sub);
        session.user.organisationId = String(token.organisationId);
        session.user.role = token.role as Role;
        return session;
      },
    },
    logger: {
      // A refused password is an expected event (it is in the audit trail), not an error with a stack.
      error(error) {
        const type = (error as { type?: string }).type;
        if (type === "CredentialsSignin") return;
        // Auth.js wraps the actual failure (e.g. the provider's answer to the code exchange) in `cause.err`.
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        const detail = cause instanceof Error ? ` (${cause.name}: ${cause.message})` : "";
        console.error(`[auth] ${type ?? error.name}: ${error.message}${detail}`);
      },
      warn(code) {
        if (code === "debug-enabled") return;
        console.warn(`[auth] ${code}`);
      },
    },
  } satisfies NextAuthConfig;
});

/** Auth.js's session cookie: "__Secure-"-prefixed when it was set over https (browsers send that one only then). */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * The session of the request, read once per render (the root layout and every page's authorisation share it):
 * the session cookie decrypted with Auth.js's own `decode` (the JWE it wrote, its expiry checked), then the
 * absolute lifetime the `jwt` callback enforces. Auth.js's `auth()` does the same through its whole HTTP
 * pipeline (a Request, a Response, JSON both ways, the token re-encrypted into a cookie a Server Component
 * cannot even set), twice per page: issue 18 measured that as part of every page's render cost.
 * Null when signed out, expired, too old or not ours. Outside a render (actions, routes) cache() calls through.
 */
export const auth = cache(async function auth(): Promise<Session | null> {
  const secret = env().AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) return null;
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    // Auth.js splits a cookie longer than 4 kB into name.0, name.1, … (a ProConnect id_token can make it long).
    const chunks = jar
      .getAll()
      .filter((c) => c.name === name || c.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1) || 0) - Number(b.name.slice(name.length + 1) || 0));
    if (chunks.length === 0) continue;
    const token = await decode({ token: chunks.map((c) => c.value).join(""), secret, salt: name }).catch(() => null);
    if (!token || isSessionTooOld(token.loginAt, Date.now()) || typeof token.sub !== "string") return null;
    return {
      user: {
        id: token.sub,
        name: String(token.name ?? ""),
        email: String(token.email ?? ""),
        organisationId: String(token.organisationId),
        role: token.role as Role,
      },
      expires: new Date(Number(token.exp ?? 0) * 1000).toISOString(),
    };
  }
  return null;
});
