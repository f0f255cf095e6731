// The portfolio against the real seeded database: FAST 14 (2024, both tranches released in the demo
// history, its demo expenditure recorded) and the fictitious FAST16-DEMO (in force, T1 released, review late).
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../../tests/support/action-harness";
import { createEj } from "../../../tests/factories/expenditures";
import { addDays } from "@/domain/dates";
import { DEFAULT_PARAMS, portfolio, portfolioRows } from "@/domain/portfolio";
import { FAST14, FAST14_DEMO_HISTORY, demoFictive } from "../../../prisma/seed/fast14";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureTotals } from "../../../prisma/seed/fast14-expenditures";
import { TEST_TODAY } from "../../../tests/support/test-clock";

const FAST14_SPENT = demoExpenditureTotals(FAST14_DEMO_EXPENDITURES);

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
const { loadPortfolio, lateObligationCounts } = await import("./portfolio");
const { loadObligations } = await import("./obligations");
const { loadConventionsFacts } = await import("./convention-facts");

const h = actionHarness();
const today = TEST_TODAY;

describe("loadPortfolio", () => {
  it("derives FAST 14 and FAST16-DEMO with their figures, for DINUM", async () => {
    const inputs = await loadPortfolio(h.actor("pilote@dinum.example.fr"), today);
    expect(inputs.map((i) => i.reference)).toEqual(["FAST14-FCU", "FAST16-DEMO"]);
    const [fcu, demo] = portfolioRows(inputs, today);

    // FAST 14: 121 000 € of AE and of CP for 2024; both 50 % tranches released in the demo history, for AE
    // and CP alike (60 500 € each); the demo's EJs and payments; ended on 31 December 2024.
    expect(FAST14.credits).toEqual([{ year: 2024, aeCents: 12_100_000n, cpCents: 12_100_000n }]);
    expect(FAST14_DEMO_HISTORY.releases.map((r) => r.rank)).toEqual([1, 2]);
    expect(fcu).toMatchObject({
      reference: "FAST14-FCU",
      startupName: "France Chaleur Urbaine",
      partner: "DRIEAT",
      state: "EXPIREE",
      endsOn: "2024-12-31",
      ae: { allocated: 12_100_000n, madeAvailable: 12_100_000n, toMakeAvailable: 0n, engaged: FAST14_SPENT.engagedCents, leftToEngage: 12_100_000n - FAST14_SPENT.engagedCents },
      cp: { allocated: 12_100_000n, madeAvailable: 12_100_000n, toMakeAvailable: 0n, paid: FAST14_SPENT.paidCents, leftToPay: 12_100_000n - FAST14_SPENT.paidCents },
      releasable: [],
      reviewLate: false,
      endingSoon: false,
    });
    expect(inputs[0]!.view.tranches.map((t) => `${t.rank}${t.creditType}:${t.status}`)).toEqual(["1AE:DEBLOQUEE", "2AE:DEBLOQUEE", "1CP:DEBLOQUEE", "2CP:DEBLOQUEE"]);

    // FAST16-DEMO: 80 000 € of AE and of CP, signed eight months ago, ending in four; T1 (40 000 €) released
    // four days after signature; the review, due two months after signature, is not recorded: T2 is late.
    const fictive = demoFictive(today);
    expect(fictive.credits).toEqual([{ year: fictive.credits[0]!.year, aeCents: 8_000_000n, cpCents: 8_000_000n }]);
    expect(demo).toMatchObject({
      reference: "FAST16-DEMO",
      startupName: "Signalement Démo (fictive)",
      partner: "DDT Démo",
      state: "EN_VIGUEUR",
      endsOn: "2027-04-03",
      ae: { allocated: 8_000_000n, madeAvailable: 4_000_000n, toMakeAvailable: 4_000_000n, engaged: 0n, leftToEngage: 4_000_000n },
      cp: { allocated: 8_000_000n, madeAvailable: 4_000_000n, toMakeAvailable: 4_000_000n, paid: 0n, leftToPay: 4_000_000n },
      releasable: [],
      reviewLate: true,
      endingSoon: false,
    });
    expect(inputs[1]!.view.tranches.map((t) => `${t.rank}${t.creditType}:${t.status}`)).toEqual(["1AE:DEBLOQUEE", "2AE:EN_RETARD", "1CP:DEBLOQUEE", "2CP:EN_RETARD"]);

    const { totals } = portfolio(inputs, today, DEFAULT_PARAMS);
    expect(totals).toMatchObject({
      conventions: 2,
      ae: { allocated: 20_100_000n, madeAvailable: 16_100_000n, engaged: FAST14_SPENT.engagedCents, leftToEngage: 16_100_000n - FAST14_SPENT.engagedCents },
      cp: { allocated: 20_100_000n, madeAvailable: 16_100_000n, paid: FAST14_SPENT.paidCents, leftToPay: 16_100_000n - FAST14_SPENT.paidCents },
      releasableTranches: 0,
      reviewsLate: 1,
      endingSoon: 0,
    });
  });

  it("shows the administrator everything, and another organisation only its conventions", async () => {
    expect((await loadPortfolio(h.actor("admin@suivi-fast.example.fr"), today)).map((i) => i.reference)).toEqual(["FAST14-FCU", "FAST16-DEMO"]);
    expect((await loadPortfolio(h.actor("intrapreneur@ddt-demo.example.fr"), today)).map((i) => i.reference)).toEqual(["FAST16-DEMO"]);
  });

  it("counts engagements and payments recorded in Chorus, to the cent", async () => {
    const c = h.seeded(SEEDED.FAST16_DEMO);
    // Ordered on the signature day, in the year of the credits.
    const orderedOn = "2026-04-03";
    expect(demoFictive(today).signedOn).toBe(orderedOn);
    expect(c.years).toEqual([2026]);
    await createEj(h.prisma, { conventionId: c.id, orderedOn, amountCents: 1_234_567n, payments: [{ dpNumber: "DP-1", paidOn: orderedOn, amountCents: 345_601n }] });
    const [, demo] = portfolioRows(await loadPortfolio(h.actor("pilote@dinum.example.fr"), today), today);
    expect(demo!.ae).toMatchObject({ engaged: 1_234_567n, leftToEngage: 4_000_000n - 1_234_567n });
    expect(demo!.cp).toMatchObject({ paid: 345_601n, leftToPay: 4_000_000n - 345_601n });
  });

  it("counts late obligations exactly as the register derives them, at any date", async () => {
    const conventions = await loadConventionsFacts({});
    const dueDates = (await h.prisma.obligation.findMany({ where: { dueOn: { not: null } }, select: { dueOn: true } })).map((o) => o.dueOn!.toISOString().slice(0, 10));
    expect(dueDates.length).toBeGreaterThan(0);
    // Around each due date (the day before, the day itself, the day after) and today.
    const dates = [...new Set([today, ...dueDates.flatMap((d) => [addDays(d, -1), d, addDays(d, 1)])])];
    let lateSeen = 0;
    for (const on of dates) {
      const counts = await lateObligationCounts(conventions, on);
      for (const c of conventions) {
        const late = (await loadObligations(c.id, on)).filter((o) => o.status === "EN_RETARD").length;
        expect(counts.get(c.id) ?? 0, `${c.id} at ${on}`).toBe(late);
        lateSeen += late;
      }
    }
    expect(lateSeen).toBeGreaterThan(0);
  });

  it("counts the notices awaiting DINUM's answer", async () => {
    const p = h.prisma;
    const c = await p.convention.findUniqueOrThrow({ where: { reference: "FAST16-DEMO" } });
    const pending = async () => (await loadPortfolio(h.actor("pilote@dinum.example.fr"), today)).find((i) => i.id === c.id)!.pendingNotices;
    const before = await pending();
    const notice = await p.partyNotice.create({
      data: { conventionId: c.id, kind: "CREDITS_INSUFFISANTS", fromParty: "DELEGATAIRE", toParty: "DELEGANT", amountCents: 100_000n, message: "Test", authorId: h.actor("gestionnaire@sg-demo.example.fr").userId },
    });
    expect(await pending()).toBe(before + 1);
    await p.partyNotice.update({ where: { id: notice.id }, data: { answeredAt: new Date(), answer: "Avenant en préparation" } });
    expect(await pending()).toBe(before);
  });
});
