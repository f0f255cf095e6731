import { describe, expect, it } from "vitest";
import { CATALOGUE, failure, messageOf, type FailureCode } from "./failures";

describe("the catalogue of failures", () => {
  it("gives every code a French message", () => {
    for (const code of Object.keys(CATALOGUE) as FailureCode[]) {
      const message = (CATALOGUE[code] as (p: unknown) => string)({ what: "x", message: "x" });
      expect(message, code).toMatch(/\S/);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  it("reads a failure's words from its code and parameters", () => {
    expect(messageOf(failure("FORBIDDEN"))).toMatch(/^Accès refusé/);
    expect(messageOf(failure("DUPLICATE", { what: "l'EJ 2103456789" }))).toContain("l'EJ 2103456789");
    expect(failure("NOT_FOUND", undefined, "ejId")).toEqual({ code: "NOT_FOUND", field: "ejId" });
  });
});
