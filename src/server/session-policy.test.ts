import { describe, expect, it } from "vitest";
import { ABSOLUTE_SESSION_SECONDS, isSessionTooOld } from "./session-policy";

describe("isSessionTooOld", () => {
  const login = 1_700_000_000;
  it("keeps a session within its absolute lifetime", () => {
    expect(isSessionTooOld(login, (login + ABSOLUTE_SESSION_SECONDS - 1) * 1000)).toBe(false);
  });
  it("ends it after the absolute lifetime, even if active", () => {
    expect(isSessionTooOld(login, (login + ABSOLUTE_SESSION_SECONDS + 1) * 1000)).toBe(true);
  });
  it("ends a token without a login time", () => {
    expect(isSessionTooOld(undefined, Date.now())).toBe(true);
  });
});
