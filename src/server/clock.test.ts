import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv, parseTestClock } from "./env";

// The module keeps the moment it read from TEST_CLOCK: each test imports a fresh copy.
async function freshClock() {
  vi.resetModules();
  return import("./clock");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe("TEST_CLOCK", () => {
  it("reads a date as noon in Paris that day, an instant with its offset as itself", () => {
    expect(parseTestClock("2025-03-14")?.toISOString()).toBe("2025-03-14T11:00:00.000Z");
    expect(parseTestClock("2025-07-01T23:30:00+02:00")?.toISOString()).toBe("2025-07-01T21:30:00.000Z");
    expect(parseTestClock("2025-03-14T09:30:00Z")?.toISOString()).toBe("2025-03-14T09:30:00.000Z");
  });
  it.each(["2025-02-30", "14/03/2025", "2025-03-14T09:30:00", "demain", ""])("refuses %j", (value) => {
    expect(parseTestClock(value)).toBeNull();
  });
  it("is part of the configuration, refused when malformed or with a PostgreSQL database", () => {
    expect(parseEnv({ TEST_CLOCK: "2025-03-14" }).TEST_CLOCK?.toISOString()).toBe("2025-03-14T11:00:00.000Z");
    expect(parseEnv({ TEST_CLOCK: "" }).TEST_CLOCK).toBeUndefined();
    expect(() => parseEnv({ TEST_CLOCK: "2025-02-30" })).toThrow(/TEST_CLOCK : doit être une date/);
    expect(() => parseEnv({ TEST_CLOCK: "2025-03-14", DATABASE_URL: "postgresql://u@h:5432/db" })).toThrow(/TEST_CLOCK : horloge d'essai réservée à la base embarquée/);
  });
});

describe("the app's clock", () => {
  it("is the system's without TEST_CLOCK", async () => {
    vi.stubEnv("TEST_CLOCK", "");
    vi.useFakeTimers({ now: new Date("2024-12-31T23:30:00Z"), toFake: ["Date"] });
    const { clock } = await freshClock();
    expect(clock.now().toISOString()).toBe("2024-12-31T23:30:00.000Z");
    // Half past midnight in Paris: already the new year there.
    expect(clock.today()).toBe("2025-01-01");
  });
  it("is frozen at TEST_CLOCK when set", async () => {
    vi.stubEnv("TEST_CLOCK", "2025-03-14T23:30:00+01:00");
    // Honoured on the embedded database only (the suite may run with DATABASE_URL set).
    vi.stubEnv("DATABASE_URL", "");
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { clock } = await freshClock();
    expect(clock.today()).toBe("2025-03-14");
    expect(clock.now().toISOString()).toBe("2025-03-14T22:30:00.000Z");
  });
  it("is fixed and reset by tests", async () => {
    vi.stubEnv("TEST_CLOCK", "");
    const { clock, fixClock, resetClock } = await freshClock();
    fixClock("2024-02-29");
    expect(clock.today()).toBe("2024-02-29");
    fixClock(new Date("2024-06-30T22:15:00Z"));
    expect(clock.today()).toBe("2024-07-01");
    vi.useFakeTimers({ now: new Date("2023-05-10T08:00:00Z"), toFake: ["Date"] });
    resetClock();
    expect(clock.today()).toBe("2023-05-10");
    expect(() => fixClock("2024-13-01")).toThrow(/not a date/);
  });
});
