import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PASSWORD_MIN_LENGTH, checkPassword } from "./password-policy";

const EMAIL = "camille.martin@dinum.example.fr";
const codes = (password: string, email = EMAIL) => {
  const check = checkPassword(password, { email });
  return check.ok ? [] : check.problems.map((p) => p.code);
};

// The demo accounts (prisma/seed/fast14.ts) share this password: it must satisfy the rules it stands for.
const DEMO_PASSWORD = "SuiviFast-demo-2024";
const DEMO_EMAILS = [
  "pilote@dinum.example.fr",
  "intrapreneur@drieat.example.fr",
  "gestionnaire@dnum-mte.example.fr",
  "intrapreneur@ddt-demo.example.fr",
  "gestionnaire@sg-demo.example.fr",
  "admin@suivi-fast.example.fr",
];

describe("checkPassword", () => {
  it.each(DEMO_EMAILS)("accepts the demo password for %s", (email) => {
    expect(checkPassword(DEMO_PASSWORD, { email })).toEqual({ ok: true });
  });

  it.each([
    "correct horse battery staple",
    "Le chêne du jardin pousse",
    "Rapport-FAST14-bilan!",
    "j'aime-les-tranches-AE",
    "x7#Lq9!vR2mZ",
  ])("accepts %s", (password) => {
    expect(codes(password)).toEqual([]);
  });

  it.each([
    ["", ["PASSWORD_TOO_SHORT"]],
    ["Court-2024", ["PASSWORD_TOO_SHORT"]],
    ["a".repeat(201) + "bcdef", ["PASSWORD_TOO_LONG"]],
    [EMAIL, ["PASSWORD_CONTAINS_EMAIL"]],
    ["CAMILLE.MARTIN@dinum.example.fr", ["PASSWORD_CONTAINS_EMAIL"]],
    ["camille.martin-2024", ["PASSWORD_CONTAINS_EMAIL"]],
    ["CamilleMartin!2024", ["PASSWORD_CONTAINS_EMAIL"]],
    ["motdepasse123", ["PASSWORD_COMMON"]],
    ["Mot-de-passe-2024!", ["PASSWORD_COMMON"]],
    ["P@ssw0rd2024!", ["PASSWORD_COMMON"]],
    ["azertyuiop123", ["PASSWORD_COMMON"]],
    ["azertyazerty", ["PASSWORD_COMMON"]],
    ["123456789012", ["PASSWORD_COMMON"]],
    ["abcdefghijklm", ["PASSWORD_COMMON"]],
    ["Bienvenue2025!!", ["PASSWORD_COMMON"]],
    ["Marseille13013", ["PASSWORD_COMMON"]],
    ["Liberté-2024!", ["PASSWORD_COMMON"]],
    ["aaaaaaaaaaaa", ["PASSWORD_COMMON"]],
    ["1111111111111", ["PASSWORD_REPETITIVE"]],
    ["12121212121212", ["PASSWORD_REPETITIVE"]],
    ["soleil", ["PASSWORD_TOO_SHORT", "PASSWORD_COMMON"]],
  ])("refuses %j: %j", (password, expected) => {
    expect(codes(password)).toEqual(expected);
  });

  it("says every problem in French, in one message", () => {
    const check = checkPassword("azerty", { email: "azerty@exemple.fr" });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toBe(
      "Le mot de passe doit compter au moins 12 caractères (il en compte 6). Le mot de passe ne doit pas reprendre l'adresse électronique du compte. Ce mot de passe est trop courant ou trop prévisible (mot usuel, suite de clavier) : choisissez-en un autre.",
    );
  });

  it("counts characters, not bytes or UTF-16 units", () => {
    expect(codes("été à l'île!")).toEqual([]); // 12 characters, 15 bytes in UTF-8
    expect(codes("🙂🙃😉😊😎🙂🙃😉😊😎🙂")).toEqual(["PASSWORD_TOO_SHORT"]); // 11 characters, 22 UTF-16 units
  });

  it("refuses every password shorter than the minimum", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: PASSWORD_MIN_LENGTH - 1, unit: "grapheme-ascii" }), (password) => {
        expect(codes(password)).toContain("PASSWORD_TOO_SHORT");
      }),
    );
  });

  it("refuses every password that contains the account's e-mail name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii" }), fc.string({ unit: "grapheme-ascii" }), (before, after) => {
        expect(codes(`${before}camille.martin${after}`)).toContain("PASSWORD_CONTAINS_EMAIL");
      }),
    );
  });
});
