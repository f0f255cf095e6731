import { describe, expect, it } from "vitest";
import { releasesOf, originalTerms } from "./convention-view";
import { creditSummary } from "./credits";
import { messageOf, type Failure } from "./failures";
import { FAST14, plain, withReleases } from "./fast14.fixture";
import { checkNotice, checkNoticeAnswer } from "./notices";

// FAST 14 with its first tranches released (60 500 € of AE and of CP made available), 20 000 € engaged and paid.
const T1 = withReleases(FAST14, [{ rank: 1, releasedOn: "2024-03-04" }]);
const credits = creditSummary({ terms: originalTerms(FAST14), releases: releasesOf(T1), engaged: [{ ejId: "a", year: 2024, amountCents: 2_000_000n }], paid: [{ ejId: "a", year: 2024, amountCents: 2_000_000n }] });
const insufficient = (neededCents: bigint) => ({ kind: "CREDITS_INSUFFISANTS" as const, year: 2024, creditType: "AE" as const, neededCents, message: "Second développeur." });
const unconsumed = (forecastCents: bigint) => ({ kind: "CREDITS_NON_CONSOMMES" as const, year: 2024, forecastCents, message: "Fin anticipée." });

describe("checkNotice", () => {
  it("is sent only while the convention runs (in force or suspended)", () => {
    for (const state of ["BROUILLON", "RESILIEE", "EXPIREE", "CLOTUREE"] as const) {
      expect(checkNotice(state, credits, unconsumed(1n))).toEqual({ ok: false, code: "NOTICE_CONVENTION_NOT_RUNNING" });
    }
    expect(checkNotice("SUSPENDUE", credits, unconsumed(1n))).toMatchObject({ ok: true });
  });

  it("refuses credits said insufficient when what is left covers the need", () => {
    const covered = checkNotice("EN_VIGUEUR", credits, insufficient(4_050_000n));
    expect(covered).toEqual({ ok: false, code: "NOTICE_NOT_NEEDED", params: { neededCents: 4_050_000n }, field: "neededAmount" });
    expect(plain(messageOf(covered as Failure))).toBe("Les crédits disponibles couvrent ce besoin (40 500,00 €) : aucun avis n'est nécessaire.");
  });

  it("states the amount missing and adds to the motive what could cover it", () => {
    const notice = checkNotice("EN_VIGUEUR", credits, insufficient(5_050_000n));
    expect(notice).toMatchObject({ ok: true, amountCents: 1_000_000n });
    expect(plain(notice.ok ? notice.message : "")).toBe(
      "Second développeur.\n\nIl manque 10 000,00 € : Reste à engager (AE 2024) : 40 500,00 €, besoin : 50 500,00 €. 10 000,00 € peuvent venir du déblocage des tranches restantes.",
    );
  });

  it("bounds a forecast of credits not consumed by the year's CP not yet paid", () => {
    // 121 000 € of CP allocated, 20 000 € paid: at most 101 000 € left unconsumed.
    expect(checkNotice("EN_VIGUEUR", credits, unconsumed(10_100_000n))).toEqual({ ok: true, amountCents: 10_100_000n, message: "Fin anticipée." });
    const over = checkNotice("EN_VIGUEUR", credits, unconsumed(10_100_001n));
    expect(over).toMatchObject({ ok: false, code: "NOTICE_FORECAST_ABOVE_UNPAID", field: "forecastAmount" });
    expect(plain(messageOf(over as Failure))).toBe("La prévision (101 000,01 €) dépasse les CP 2024 non encore payés (101 000,00 €).");
  });
});

describe("checkNoticeAnswer", () => {
  it("lets DINUM answer a notice once", () => {
    expect(checkNoticeAnswer({ answered: false })).toEqual({ ok: true });
    expect(checkNoticeAnswer({ answered: true })).toEqual({ ok: false, code: "NOTICE_ALREADY_ANSWERED" });
  });
});
