import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { verify } from "@node-rs/argon2";
import { z } from "zod";
import { db } from "./db";
import { env } from "./env";
import { newAuditContext, recordAudit } from "./db/audit";
import type { Role } from "@/domain/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string; organisationId: string; role: Role };
  }
}

/** A refused sign-in: the code reaches the login page, never a stack trace in the logs. */
class InvalidCredentials extends CredentialsSignin {
  code = "identifiants";
}

const credentialsSchema = z.object({
  email: z.email().trim().toLowerCase(),
  password: z.string().min(1).max(200),
});

/** After this, a session ends even if it is in use (idle timeout = SESSION_MAX_AGE_SECONDS). */
const ABSOLUTE_SESSION_SECONDS = 12 * 3600;

// A fixed, valid argon2 hash verified when the e-mail is unknown, so that timing does not tell
// whether an account exists.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$fbM91E/80SUN+05k6r2Ofw$fqVChJq7CIy4VZ7pJ8IO55zRnc5BZhQD3jATTH4Ev6s";

async function authorizeWithPassword(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const prisma = db();
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  const audit = newAuditContext(user ? { userId: user.id, organisationId: user.organisationId, role: user.role } : null);
  if (!user || !user.active || !user.passwordHash || !ok) {
    await prisma.$transaction((tx) =>
      recordAudit(tx, audit, { kind: "auth.login.failed", entity: "user", entityId: user?.id, after: { email } }),
    );
    throw new InvalidCredentials();
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await recordAudit(tx, audit, { kind: "auth.login", entity: "user", entityId: user.id });
  });
  return { id: user.id, name: user.fullName, email: user.email, organisationId: user.organisationId, role: user.role };
}

function proConnectProvider(): NextAuthConfig["providers"] {
  const { PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET } = env();
  if (!PROCONNECT_ISSUER || !PROCONNECT_CLIENT_ID || !PROCONNECT_CLIENT_SECRET) return [];
  return [
    {
      id: "proconnect",
      name: "ProConnect",
      type: "oidc",
      issuer: PROCONNECT_ISSUER,
      clientId: PROCONNECT_CLIENT_ID,
      clientSecret: PROCONNECT_CLIENT_SECRET,
      authorization: { params: { scope: "openid uid given_name usual_name email siret", acr_values: "eidas1" } },
      // ProConnect answers userinfo with a signed JWT; the ID token carries the claims we need.
      idToken: true,
      checks: ["pkce", "state", "nonce"],
      profile(profile) {
        return {
          id: String(profile.sub),
          email: String(profile.email ?? "").toLowerCase(),
          name: [profile.given_name, profile.usual_name].filter(Boolean).join(" "),
        };
      },
    },
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
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
      async signIn({ account, profile }) {
        if (account?.provider !== "proconnect") return true;
        // A ProConnect agent gets in only with an account an administrator created (matched by e-mail).
        const email = String(profile?.email ?? "").toLowerCase();
        const user = email ? await db().user.findUnique({ where: { email } }) : null;
        if (!user || !user.active) return "/connexion?erreur=compte-inconnu";
        await db().user.update({ where: { id: user.id }, data: { proConnectSub: String(profile?.sub), lastLoginAt: new Date() } });
        return true;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const dbUser =
            account?.provider === "proconnect" ? await db().user.findUnique({ where: { email: String(user.email) } }) : null;
          const source = dbUser ?? (user as { id: string; organisationId: string; role: Role });
          token.sub = source.id;
          token.organisationId = dbUser?.organisationId ?? (user as { organisationId: string }).organisationId;
          token.role = dbUser?.role ?? (user as { role: Role }).role;
          token.loginAt = Math.floor(Date.now() / 1000);
        }
        const loginAt = typeof token.loginAt === "number" ? token.loginAt : 0;
        if (Date.now() / 1000 - loginAt > ABSOLUTE_SESSION_SECONDS) return null;
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
        console.error(`[auth] ${type ?? error.name}: ${error.message}`);
      },
      warn(code) {
        if (code === "debug-enabled") return;
        console.warn(`[auth] ${code}`);
      },
    },
  } satisfies NextAuthConfig;
});
