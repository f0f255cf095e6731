import { describe, expect, it } from "vitest";
import { checkCommitteeDate, checkDinumAttendance, fastCommitmentWarnings, formatDays, MAX_DAYS_PER_WEEK_TENTHS, parseDaysPerWeek } from "./committees";
import { committeeSchedule } from "./schedule";
import { FAST14_FACTS } from "./fast14.fixture";

describe("checkCommitteeDate", () => {
  it("accepts a committee within FAST 14's life, up to today", () => {
    expect(checkCommitteeDate(FAST14_FACTS, "2024-03-14", "2024-10-01", [])).toEqual({ ok: true });
    expect(checkCommitteeDate(FAST14_FACTS, "2024-12-31", "2025-06-01", [])).toEqual({ ok: true });
  });

  it("refuses a committee outside the convention's life, in the future, or a second one on the same date", () => {
    expect(checkCommitteeDate(FAST14_FACTS, "2025-01-15", "2025-06-01", [])).toMatchObject({ ok: false, code: "EVENT_CONVENTION_NOT_RUNNING", field: "heldOn" });
    expect(checkCommitteeDate(FAST14_FACTS, "2024-02-01", "2024-10-01", [])).toMatchObject({ ok: false, code: "EVENT_BEFORE_SIGNATURE" });
    expect(checkCommitteeDate(FAST14_FACTS, "2024-10-02", "2024-10-01", [])).toMatchObject({ ok: false, code: "EVENT_IN_FUTURE" });
    expect(checkCommitteeDate(FAST14_FACTS, "2024-09-12", "2024-10-01", ["2024-09-12"])).toEqual({ ok: false, code: "COMMITTEE_DATE_TAKEN", params: { on: "2024-09-12" }, field: "heldOn" });
  });
});

describe("committeeSchedule", () => {
  const dueDates = ["2024-08-29", "2025-02-28", "2025-08-29"];

  it("matches each due date with the committee held around it, and flags the late ones", () => {
    const { dues, extra } = committeeSchedule({ dueDates, heldDates: ["2024-09-12", "2024-03-14", "2025-02-20"], today: "2025-09-15", ended: false });
    expect(dues.map((d) => [d.dueOn, d.status, d.heldOn, d.daysLate])).toEqual([
      ["2024-08-29", "TENU_EN_RETARD", "2024-09-12", 14],
      ["2025-02-28", "TENU", "2025-02-20", null],
      ["2025-08-29", "EN_RETARD", null, null],
    ]);
    expect(dues[0]!.label).toBe("Tenu le 12 septembre 2024, 14 jours après l'échéance.");
    expect(dues[2]!.label).toContain("aucun comité enregistré");
    // A committee three months before the first due date is a launch committee.
    expect(extra).toEqual(["2024-03-14"]);
  });

  it("says upcoming before the due date, and not held once the convention ended", () => {
    expect(committeeSchedule({ dueDates, heldDates: [], today: "2024-08-29", ended: false }).dues[0]!.status).toBe("A_VENIR");
    expect(committeeSchedule({ dueDates: ["2024-08-29"], heldDates: [], today: "2025-03-01", ended: true }).dues[0]!.status).toBe("NON_TENU");
  });

  it("counts a committee for one due date only", () => {
    const { dues, extra } = committeeSchedule({ dueDates, heldDates: ["2024-11-20"], today: "2025-03-15", ended: false });
    expect(dues.map((d) => d.status)).toEqual(["TENU_EN_RETARD", "EN_RETARD", "A_VENIR"]);
    expect(extra).toEqual([]);
    // Closer to the next due date than to the missed one: it counts for the next.
    const early = committeeSchedule({ dueDates, heldDates: ["2024-12-20"], today: "2025-03-15", ended: false });
    expect(early.dues.map((d) => d.status)).toEqual(["EN_RETARD", "TENU", "A_VENIR"]);
  });
});

describe("checkDinumAttendance", () => {
  it("refuses a DINUM that attended without being invited, and nothing else", () => {
    expect(checkDinumAttendance({ dinumInvited: false, dinumAttended: true })).toEqual({ ok: false, code: "DINUM_ATTENDED_UNINVITED", field: "dinumAttended" });
    expect(checkDinumAttendance({ dinumInvited: true, dinumAttended: true })).toEqual({ ok: true });
    expect(checkDinumAttendance({ dinumInvited: true, dinumAttended: false })).toEqual({ ok: true });
    expect(checkDinumAttendance({ dinumInvited: false, dinumAttended: false })).toEqual({ ok: true });
  });
});

describe("FAST commitments", () => {
  it("reads days per week to the tenth", () => {
    expect(parseDaysPerWeek("1,5", "Développement")).toEqual({ ok: true, tenths: 15 });
    expect(parseDaysPerWeek("2", "Déploiement")).toEqual({ ok: true, tenths: 20 });
    expect(parseDaysPerWeek("", "Déploiement")).toEqual({ ok: true, tenths: null });
    expect(parseDaysPerWeek("1,25", "Développement")).toMatchObject({ ok: false, message: expect.stringContaining("au dixième près") });
    expect(parseDaysPerWeek("deux", "Déploiement")).toMatchObject({ ok: false, message: expect.stringMatching(/^Déploiement : nombre de jours attendu/) });
    expect(parseDaysPerWeek("-1", "Déploiement")).toMatchObject({ ok: false, message: expect.stringContaining("négatif") });
    expect(parseDaysPerWeek("120", "Déploiement")).toMatchObject({ ok: false, message: "Déploiement : 7 jours par semaine au plus." });
  });

  it("stops at the seven days of a week (the bound of the database's CHECK, said first by the form)", () => {
    expect(parseDaysPerWeek("7", "Développement")).toEqual({ ok: true, tenths: MAX_DAYS_PER_WEEK_TENTHS });
    expect(parseDaysPerWeek("7,0", "Développement")).toEqual({ ok: true, tenths: 70 });
    expect(parseDaysPerWeek("0", "Développement")).toEqual({ ok: true, tenths: 0 });
    expect(parseDaysPerWeek("7,1", "Développement")).toEqual({ ok: false, message: "Développement : 7 jours par semaine au plus." });
    expect(parseDaysPerWeek("8", "Déploiement")).toEqual({ ok: false, message: "Déploiement : 7 jours par semaine au plus." });
  });

  it("warns under 1 developer-day and 2 deployment-days per week", () => {
    expect(fastCommitmentWarnings({ devDaysPerWeekTenths: 10, deployDaysPerWeekTenths: 20 })).toEqual([]);
    expect(fastCommitmentWarnings({ devDaysPerWeekTenths: 5, deployDaysPerWeekTenths: 15 })).toEqual([
      "Développement : 0,5 jour par semaine, sous le minimum FAST de 1 jour.",
      "Déploiement : 1,5 jour par semaine, sous le minimum FAST de 2 jours.",
    ]);
    expect(fastCommitmentWarnings({ devDaysPerWeekTenths: null, deployDaysPerWeekTenths: 25 })).toEqual(["Jours de développement par semaine non renseignés."]);
    expect(formatDays(25)).toBe("2,5 jours");
    expect(formatDays(10)).toBe("1 jour");
  });
});
