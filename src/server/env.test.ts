import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ENV_NAMES, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded database with nothing set, and treats empty values as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PROCONNECT_ISSUER: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.SESSION_MAX_AGE_SECONDS).toBe(8 * 3600);
  });
  it("accepts a PostgreSQL URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/db" }).DATABASE_URL).toBe("postgresql://u@h:5432/db");
  });
  it.each([
    [{ DATABASE_URL: "mysql://u@h/db" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "court" }, "AUTH_SECRET"],
    [{ SESSION_MAX_AGE_SECONDS: "beaucoup" }, "SESSION_MAX_AGE_SECONDS"],
    [{ PROCONNECT_ISSUER: "https://proconnect.example" }, "PROCONNECT_ISSUER"],
    [{ AUTH_URL: "pas une url" }, "AUTH_URL"],
    [{ PROCONNECT_ISSUER: "pas une url", PROCONNECT_CLIENT_ID: "a", PROCONNECT_CLIENT_SECRET: "b" }, "PROCONNECT_ISSUER"],
  ])("refuses %o and names %s", (source, name) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`Configuration invalide[\\s\\S]*${name}`));
  });
});

describe(".env.example", () => {
  it("documents every variable the app reads", () => {
    const example = readFileSync(".env.example", "utf8");
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(ENV_NAMES.filter((name) => name !== "NODE_ENV" && !documented.has(name))).toEqual([]);
    // And nothing it lists is unknown to the app.
    expect([...documented].filter((name) => !ENV_NAMES.includes(name as never))).toEqual([]);
  });
});

describe("outgoing mail settings", () => {
  it("accept an SMTP URL with its sender, refuse one without or a malformed one", () => {
    expect(parseEnv({ SMTP_URL: "smtp://u:p@mail.example.fr:587", MAIL_FROM: "suivi-fast@example.fr" })).toMatchObject({ SMTP_URL: "smtp://u:p@mail.example.fr:587", MAIL_FROM: "suivi-fast@example.fr" });
    expect(() => parseEnv({ SMTP_URL: "smtp://mail.example.fr" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv({ SMTP_URL: "http://mail.example.fr", MAIL_FROM: "a@b.fr" })).toThrow(/SMTP_URL/);
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
  });
});
