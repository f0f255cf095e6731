import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { ConventionFacts } from "./convention-state";
import { addDays, addMonths } from "./dates";
import { checkEventDate, checkReview, checkSuspension, checkSuspensionLift, checkTerminationNotice } from "./life-events";

const facts: ConventionFacts = {
  signedOn: "2024-02-29",
  endsOn: "2024-12-31",
  terminationNoticeMonths: 3,
  terminationNotices: [],
  suspensions: [],
  closedOn: null,
};

describe("checkEventDate", () => {
  it("accepts a date within the convention's life, up to today", () => {
    expect(checkReview(facts, "2024-04-25", "2024-06-01")).toEqual({ ok: true });
    expect(checkReview(facts, "2024-06-01", "2024-06-01")).toEqual({ ok: true });
  });
  it("refuses the future, before signature, an unsigned convention, after its end", () => {
    expect(checkReview(facts, "2024-06-02", "2024-06-01")).toMatchObject({ ok: false, code: "EVENT_IN_FUTURE", field: "reviewedOn" });
    expect(checkReview(facts, "2024-02-28", "2024-06-01")).toEqual({ ok: false, code: "EVENT_BEFORE_SIGNATURE", params: { event: "review", signedOn: "2024-02-29" }, field: "reviewedOn" });
    expect(checkReview({ ...facts, signedOn: null }, "2024-03-01", "2024-06-01")).toMatchObject({ ok: false, code: "EVENT_CONVENTION_UNSIGNED" });
    expect(checkTerminationNotice(facts, "2025-01-02", "2025-02-01")).toMatchObject({ ok: false, code: "EVENT_CONVENTION_NOT_RUNNING", field: "noticeOn" });
  });
  it("refuses a date after a termination took effect", () => {
    const terminated = { ...facts, terminationNotices: ["2024-03-15"] };
    expect(checkReview(terminated, "2024-06-14", "2024-07-01")).toEqual({ ok: true });
    expect(checkReview(terminated, "2024-06-15", "2024-07-01")).toMatchObject({ ok: false });
  });
  it("never accepts a date after today or before signature (property)", () => {
    const day = fc.integer({ min: -800, max: 800 }).map((n) => addDays("2024-02-29", n));
    fc.assert(
      fc.property(day, day, (on, today) => {
        const check = checkEventDate(facts, on, today, "review", "on");
        if (on > today || on < facts.signedOn! || on > facts.endsOn) expect(check.ok).toBe(false);
        else expect(check.ok).toBe(true);
      }),
    );
  });
});

describe("suspensions", () => {
  it("refuses a second suspension while one runs, or one starting inside a past one", () => {
    const running = { ...facts, suspensions: [{ startsOn: "2024-05-01", liftedOn: null }] };
    expect(checkSuspension(running, "2024-06-01", "2024-06-01")).toMatchObject({ ok: false, code: "SUSPENSION_RUNNING", params: { since: "2024-05-01" } });
    const past = { ...facts, suspensions: [{ startsOn: "2024-05-01", liftedOn: "2024-05-20" }] };
    expect(checkSuspension(past, "2024-05-10", "2024-06-01")).toMatchObject({ ok: false, code: "SUSPENSION_OVERLAP" });
    expect(checkSuspension(past, "2024-05-20", "2024-06-01")).toEqual({ ok: true });
  });
  it("lifts once, not before the start nor in the future", () => {
    expect(checkSuspensionLift({ startsOn: "2024-05-01", liftedOn: null }, "2024-05-01", "2024-06-01")).toEqual({ ok: true });
    expect(checkSuspensionLift({ startsOn: "2024-05-01", liftedOn: null }, "2024-04-30", "2024-06-01")).toMatchObject({ ok: false });
    expect(checkSuspensionLift({ startsOn: "2024-05-01", liftedOn: null }, addMonths("2024-06-01", 1), "2024-06-01")).toMatchObject({ ok: false });
    expect(checkSuspensionLift({ startsOn: "2024-05-01", liftedOn: "2024-05-02" }, "2024-05-03", "2024-06-01")).toMatchObject({ ok: false, code: "SUSPENSION_ALREADY_LIFTED" });
  });
});
