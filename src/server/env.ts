// Environment variables, parsed once with zod. A missing or malformed variable stops the start with a
// message that names it; nothing else reads process.env directly.
import { z } from "zod";

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional());

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(
        z
          .string()
          .regex(/^postgres(ql)?:\/\//, "doit commencer par postgresql:// (PostgreSQL uniquement)")
          .optional(),
      ),
    PGLITE_DATA_DIR: z.string().trim().min(1).default(".data/pglite"),
    AUTH_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
    SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(7 * 24 * 3600).default(8 * 3600),
    PROCONNECT_ISSUER: optionalUrl,
    PROCONNECT_CLIENT_ID: z.string().trim().min(1).optional(),
    PROCONNECT_CLIENT_SECRET: z.string().trim().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const proconnect = [env.PROCONNECT_ISSUER, env.PROCONNECT_CLIENT_ID, env.PROCONNECT_CLIENT_SECRET];
    const set = proconnect.filter((v) => v !== undefined).length;
    if (set !== 0 && set !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["PROCONNECT_ISSUER"],
        message: "ProConnect : PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID et PROCONNECT_CLIENT_SECRET vont ensemble",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

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
