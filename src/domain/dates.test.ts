import { describe, expect, it } from "vitest";
import { daysBetween, isValidIsoDate, minDate, yearOf } from "./dates";

describe("calendar helpers", () => {
  it("accepts real ISO dates only", () => {
    expect(isValidIsoDate("2024-02-29")).toBe(true);
    expect(isValidIsoDate("2023-02-29")).toBe(false);
    expect(isValidIsoDate("2024-13-01")).toBe(false);
    expect(isValidIsoDate("2024-2-1")).toBe(false);
    expect(isValidIsoDate("2024-02-29T00:00")).toBe(false);
  });
  it("counts days and picks the earliest date", () => {
    expect(daysBetween("2024-11-15", "2024-11-30")).toBe(15);
    expect(daysBetween("2024-12-01", "2024-11-30")).toBe(-1);
    expect(daysBetween("2024-02-29", "2025-02-28")).toBe(365);
    expect(minDate(null, "2024-12-31", undefined, "2024-09-10")).toBe("2024-09-10");
    expect(minDate()).toBeNull();
    expect(yearOf("2024-02-29")).toBe(2024);
  });
});
