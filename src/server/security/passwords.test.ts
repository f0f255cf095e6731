// Setting a local password: the rules first, then an argon2id hash that the sign-in verifies. The demo
// accounts' shared password passes the rules it stands for.
import { describe, expect, it } from "vitest";
import { verify } from "@node-rs/argon2";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../prisma/seed/fast14";
import { WeakPassword, hashNewPassword } from "./passwords";

describe("hashNewPassword", () => {
  it.each(DEMO_USERS.map((u) => u.email))("accepts the demo password for %s, and the hash verifies", async (email) => {
    const stored = await hashNewPassword(DEMO_PASSWORD, { email });
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verify(stored, DEMO_PASSWORD)).toBe(true);
  });

  it("refuses a weak password with every reason, in French, and hashes nothing", async () => {
    const refusal = await hashNewPassword("pilote2024", { email: "pilote@dinum.example.fr" }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(WeakPassword);
    expect((refusal as WeakPassword).problems.map((p) => p.code)).toEqual(["PASSWORD_TOO_SHORT", "PASSWORD_CONTAINS_EMAIL"]);
    expect((refusal as WeakPassword).userMessage).toBe(
      "Le mot de passe doit compter au moins 12 caractères (il en compte 10). Le mot de passe ne doit pas reprendre l'adresse électronique du compte.",
    );
  });
});
