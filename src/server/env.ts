// Environment variables, parsed once with zod. A missing or malformed variable stops the start with a
// message that names it; nothing else reads process.env directly.
import { z } from "zod";
import { todayInParis } from "@/domain/dates";

/** Unset and empty both mean "not configured" (an .env file often holds `NAME=`). */
const blankAsUndefined = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const optionalUrl = blankAsUndefined.pipe(z.url("doit être une URL").optional());

/** An optional whole number within bounds, with its default. */
const integerSetting = (fallback: number, min: number, max: number) =>
  blankAsUndefined
    .pipe(z.string().regex(/^\d+$/, "doit être un nombre entier").default(String(fallback)))
    .transform(Number)
    .pipe(z.number().min(min, `au moins ${min}`).max(max, `au plus ${max}`));
const optionalText = blankAsUndefined.pipe(z.string().optional());

/** TEST_CLOCK's value as a moment (src/server/clock.ts): a date alone is noon in Paris that day; null if neither. */
export function parseTestClock(value: string): Date | null {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const noon = new Date(`${text}T12:00:00+01:00`);
    return !Number.isNaN(noon.getTime()) && todayInParis(noon) === text ? noon : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: blankAsUndefined.pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, "doit commencer par postgresql:// (PostgreSQL uniquement)")
          .optional(),
      ),
    PGLITE_DATA_DIR: blankAsUndefined.pipe(z.string().default(".data/pglite")),
    /**
     * Demo data (FAST 14, a fictitious convention, accounts whose password is published): loaded on the
     * embedded database's first start; on a database given by DATABASE_URL only when SEED_DEMO=1 says so.
     */
    SEED_DEMO: blankAsUndefined.pipe(z.enum(["0", "1"], "doit valoir 0 ou 1").optional()),
    AUTH_SECRET: blankAsUndefined.pipe(z.string().min(32, "doit faire au moins 32 caractères").optional()),
    SESSION_MAX_AGE_SECONDS: blankAsUndefined
      .pipe(z.string().regex(/^\d+$/, "doit être un nombre entier de secondes").default(String(8 * 3600)))
      .transform(Number)
      .pipe(z.number().min(300, "au moins 300 secondes").max(7 * 24 * 3600, "au plus 7 jours")),
    /** Login rate limit (src/server/security/login-throttle.ts): password checks allowed per window. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: integerSetting(5, 1, 1000),
    LOGIN_MAX_FAILURES_PER_ADDRESS: integerSetting(20, 1, 100_000),
    LOGIN_THROTTLE_WINDOW_MINUTES: integerSetting(15, 1, 24 * 60),
    /**
     * Next.js servers `npm start` runs on PostgreSQL (scripts/start.ts), 0 for one per core; always one on the
     * embedded database, which lives in the server's process.
     */
    WEB_CONCURRENCY: integerSetting(0, 0, 64),
    /** Reverse proxies in front of the app that append the client's address to X-Forwarded-For. */
    TRUSTED_PROXIES: integerSetting(0, 0, 10),
    /** Days without a sign-in after which an account is deactivated at its next sign-in (src/domain/accounts.ts). */
    ACCOUNT_IDLE_DAYS: integerSetting(180, 1, 3650),
    /**
     * Sign-in by e-mail and password: on by default (the embedded demo, tests); "false" in production with
     * ProConnect leaves ProConnect only (the login page shows it alone, the credentials provider refuses).
     */
    AUTH_LOCAL_PASSWORDS: blankAsUndefined
      .pipe(z.enum(["true", "false"], "doit valoir true ou false").default("true"))
      .transform((v) => v === "true"),
    /** Public URL of the app; required with ProConnect (the redirect URI must not depend on Host). */
    AUTH_URL: optionalUrl,
    PROCONNECT_ISSUER: optionalUrl,
    PROCONNECT_CLIENT_ID: optionalText,
    PROCONNECT_CLIENT_SECRET: optionalText,
    /** Outgoing mail for the e-mail copies of notices (smtp://user:password@host:587 or smtps://…); none: in-app only. */
    SMTP_URL: blankAsUndefined.pipe(z.string().regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://").optional()),
    /** Sender of those e-mails (required with SMTP_URL). */
    MAIL_FROM: blankAsUndefined.pipe(z.email("doit être une adresse électronique").optional()),
    /**
     * Test runs only (end-to-end and fault servers): the app's clock frozen at this date (noon in Paris) or
     * instant ("2025-03-14", "2025-03-14T09:30:00+01:00"); src/server/clock.ts. Refused with DATABASE_URL.
     */
    TEST_CLOCK: blankAsUndefined.pipe(
      z
        .string()
        .transform((value, ctx) => {
          const at = parseTestClock(value);
          if (!at) ctx.addIssue({ code: "custom", message: "doit être une date AAAA-MM-JJ ou un instant ISO avec son décalage (2025-03-14T09:30:00+01:00)" });
          return at ?? new Date(Number.NaN);
        })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.TEST_CLOCK && env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["TEST_CLOCK"], message: "horloge d'essai réservée à la base embarquée : refusée avec DATABASE_URL" });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "obligatoire avec SMTP_URL (adresse de l'expéditeur)" });
    const proconnect = [env.PROCONNECT_ISSUER, env.PROCONNECT_CLIENT_ID, env.PROCONNECT_CLIENT_SECRET];
    const set = proconnect.filter((v) => v !== undefined).length;
    if (set !== 0 && set !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["PROCONNECT_ISSUER"],
        message: "ProConnect : PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET vont ensemble",
      });
    }
    if (!env.AUTH_LOCAL_PASSWORDS && set === 0) {
      ctx.addIssue({ code: "custom", path: ["AUTH_LOCAL_PASSWORDS"], message: "false seulement avec ProConnect (PROCONNECT_*) : sinon personne ne pourrait se connecter" });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Every variable the app reads (.env.example documents each one: a test keeps them in step). */
export const ENV_NAMES = Object.keys(envSchema.shape) as (keyof Env)[];

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"} : ${i.message}`);
    throw new EnvError(`Configuration invalide (variables d'environnement) :\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
