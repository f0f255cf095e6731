// The stored standing (convention_standing) after each kind of write, on the real database: every server action
// runs through the use-case runner, which rewrites the convention's standing in the action's transaction; the
// row read back must tell, on the write's day and on later days, exactly what the domain derives in full from
// the facts then (src/domain/portfolio-standing.ts). The convention is the demo's FAST16-DEMO (in force on the
// tests' day, its review overdue), whose standing the seed computed.
import { createReadStream } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { createConvention } from "../../../tests/factories/conventions";
import { addDays, addMonths, isoDate, type IsoDate } from "@/domain/dates";
import { figuresOn, portfolioFigures, STANDING_RULES_VERSION, type StandingSegment } from "@/domain/portfolio-standing";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const life = await import("../actions/convention-life");
const expenditures = await import("../actions/expenditures");
const obligations = await import("../actions/obligations");
const notices = await import("../actions/notices");
const steering = await import("../actions/steering");
const { ensureStandings, loadPortfolioFacts } = await import("./standing");
const { loadPortfolioRows, loadPortfolio } = await import("./portfolio");
const { portfolioRows } = await import("@/domain/portfolio");
const { applyExtract, readExtract } = await import("../chorus/import");

const h = actionHarness();
const demo = h.seeded(SEEDED.FAST16_DEMO);
const fast14 = h.seeded(SEEDED.FAST14);
const today = TEST_TODAY;
const { PILOTE, DEMO_PARTNER, DEMO_GESTIONNAIRE } = ACCOUNTS;

/** The stored standing of the convention equals the domain's full derivation, today and on later days. */
async function expectStandingIsTheDerivation(conventionId: string, rewrittenAfter?: Date): Promise<Date> {
  const row = await h.prisma.conventionStanding.findUniqueOrThrow({ where: { conventionId } });
  expect(row.rulesVersion).toBe(STANDING_RULES_VERSION);
  expect(isoDate(row.computedOn)).toBe(today);
  if (rewrittenAfter) expect(row.updatedAt.getTime()).toBeGreaterThan(rewrittenAfter.getTime());
  const [facts] = await loadPortfolioFacts({ id: conventionId });
  const stored = { rulesVersion: row.rulesVersion, computedOn: isoDate(row.computedOn), segments: row.segments as unknown as StandingSegment[] };
  const days: IsoDate[] = [today, addDays(today, 1), addDays(today, 30), addMonths(today, 3), addMonths(today, 5), addMonths(today, 8), addMonths(today, 14)];
  // And the days its timeline turns, with the day before each.
  for (const s of stored.segments) days.push(s.from, addDays(s.from, -1));
  for (const day of days.filter((d) => d >= today)) expect(figuresOn(stored, day), day).toEqual(portfolioFigures(facts!, day));
  return row.updatedAt;
}

/** A server action that ends with a redirect (Next's redirect() throws it) or answers ok. */
async function done(act: () => Promise<unknown>): Promise<void> {
  const outcome = await act().then(
    (r) => r,
    (e: unknown) => {
      if ((e as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return { ok: true };
      throw e;
    },
  );
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
}

describe("the standing after each kind of write", () => {
  let last: Date;

  it("the seed computed it", async () => {
    last = await expectStandingIsTheDerivation(demo.id);
  });

  it("a suspension and its lifting", async () => {
    h.signInAs(PILOTE);
    await done(() => life.recordSuspensionAction(null, form({ conventionId: demo.id, startsOn: today, reason: "Attente du comité" })));
    last = await expectStandingIsTheDerivation(demo.id, last);
    const suspension = await h.prisma.suspension.findFirstOrThrow({ where: { conventionId: demo.id } });
    await done(() => life.liftSuspensionAction(null, form({ conventionId: demo.id, suspensionId: suspension.id, liftedOn: today })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("a mid-term review", async () => {
    h.signInAs(PILOTE);
    await done(() => life.recordReviewAction(null, form({ conventionId: demo.id, reviewedOn: today, verdict: "SATISFAISANTE", comments: "Équipe mobilisée." })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("a release", async () => {
    const t2 = await h.prisma.tranche.findFirstOrThrow({ where: { conventionId: demo.id, rank: 2, creditType: "AE", year: demo.year } });
    h.signInAs(PILOTE);
    await done(() => life.releaseTrancheAction(null, form({ conventionId: demo.id, trancheId: t2.id, confirmedAmountCents: "4000000" })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("an engagement and a payment", async () => {
    h.signInAs(DEMO_GESTIONNAIRE);
    const orderedOn = addDays(today, -10);
    await done(() =>
      expenditures.recordEjAction(
        null,
        form({ conventionId: demo.id, chorusNumber: "1300000077", lineNumber: "1", orderedOn, supplierName: "Société Coopérative Produit", supplierSiret: "123 456 789 00007", object: "Développement", amount: "10 000,00" }),
      ),
    );
    last = await expectStandingIsTheDerivation(demo.id, last);
    const ej = await h.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: demo.id, chorusNumber: "1300000077" } });
    await done(() => expenditures.recordServiceFaitAction(null, form({ conventionId: demo.id, ejId: ej.id, doneOn: orderedOn, reference: "SF-77", amount: "4 000,00" })));
    await done(() => expenditures.recordPaymentAction(null, form({ conventionId: demo.id, ejId: ej.id, dpNumber: "5100000077", paidOn: today, amount: "4 000,00" })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("an obligation's follow-up", async () => {
    const obligation = await h.prisma.obligation.findFirstOrThrow({ where: { conventionId: demo.id, owedBy: "PARTENAIRE", code: "COFINANCEMENT" } });
    h.signInAs(DEMO_PARTNER);
    await done(() => obligations.updateObligationAction(null, form({ conventionId: demo.id, obligationId: obligation.id, status: "EN_COURS", note: "En cours." })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("a notice to DINUM, which the portfolio read before it shows at once", async () => {
    // The portfolio keeps each standing parsed, keyed by its stored text: one read before the write, one after.
    const rowOfDemo = async () => (await loadPortfolioRows(h.actor(PILOTE), today)).find((r) => r.id === demo.id)!;
    const before = await rowOfDemo();
    h.signInAs(DEMO_GESTIONNAIRE);
    await done(() => notices.sendNoticeAction(null, form({ conventionId: demo.id, kind: "CREDITS_INSUFFISANTS", year: String(demo.year), creditType: "AE", neededAmount: "500 000", message: "Recrutement d'un second développeur." })));
    last = await expectStandingIsTheDerivation(demo.id);
    expect((await rowOfDemo()).pendingNotices).toBe(before.pendingNotices + 1);
  });

  it("a committee deciding arrêt", async () => {
    h.signInAs(DEMO_PARTNER);
    await done(() =>
      steering.recordCommitteeAction(
        null,
        form({ conventionId: demo.id, heldOn: addDays(today, -1), decisionKind: "ARRET", chairedBy: "Claude Exemple", dinumInvited: "oui", dinumAttended: "oui", sponsorAttended: "non", decision: "Motifs.", orientation: "Orientations." }),
      ),
    );
    last = await expectStandingIsTheDerivation(demo.id, last);
    const [row] = (await loadPortfolioRows(h.actor(PILOTE), today)).filter((r) => r.id === demo.id);
    expect(row!.arretDecidedOn).toBe(addDays(today, -1));
  });

  it("an avenant moving the end date", async () => {
    h.signInAs(PILOTE);
    await done(() => life.recordAvenantAction(null, form({ conventionId: demo.id, number: "1", signedOn: today, object: "Prolongation", creditYears: String(demo.year), endsOn: addMonths(today, 7) })));
    last = await expectStandingIsTheDerivation(demo.id, last);
  });

  it("a termination notice", async () => {
    h.signInAs(PILOTE);
    await done(() => life.recordTerminationAction(null, form({ conventionId: demo.id, noticeOn: today, reason: "Arrêt décidé en comité" })));
    last = await expectStandingIsTheDerivation(demo.id, last);
    // In three months it reads "résiliée", as the derivation says then.
    const [facts] = await loadPortfolioFacts({ id: demo.id });
    expect(portfolioFigures(facts!, addMonths(today, 4)).state).toBe("RESILIEE");
  });

  it("a Chorus import (FAST 14's AE then CP sample extracts)", async () => {
    let before = await expectStandingIsTheDerivation(fast14.id);
    const actor = h.actor("gestionnaire@dnum-mte.example.fr");
    for (const file of ["inf-bud-53-ae-fast14.csv", "inf-bud-53-cp-fast14.csv"]) {
      const applied = await applyExtract(fast14.id, await readExtract(fast14.id, createReadStream(`tests/fixtures/chorus/${file}`)), actor, file);
      expect(applied.importId).not.toBeNull();
      before = await expectStandingIsTheDerivation(fast14.id, before);
    }
  });

  it("the portfolio's rows are the full derivation's, for DINUM", async () => {
    const actor = h.actor(PILOTE);
    expect(await loadPortfolioRows(actor, today)).toEqual(portfolioRows(await loadPortfolio(actor, today), today));
    const later = addMonths(today, 4);
    expect(await loadPortfolioRows(actor, later)).toEqual(portfolioRows(await loadPortfolio(actor, later), later));
  });
});

describe("ensureStandings", () => {
  it("computes the standings missing (a convention written around the app) and of older rules, and no other", async () => {
    const written = await createConvention(h.prisma, { parties: { DELEGANT: "dinum", PARTENAIRE: "ddt-demo", DELEGATAIRE: "sg-demo" }, signedOn: addMonths(today, -2) });
    await h.prisma.conventionStanding.update({ where: { conventionId: demo.id }, data: { rulesVersion: STANDING_RULES_VERSION - 1 } });
    // Until then the portfolio derives them in full.
    const actor = h.actor(PILOTE);
    expect(await loadPortfolioRows(actor, today)).toEqual(portfolioRows(await loadPortfolio(actor, today), today));
    expect(await ensureStandings(h.prisma, today)).toBe(2);
    await expectStandingIsTheDerivation(written.id);
    await expectStandingIsTheDerivation(demo.id);
    expect(await ensureStandings(h.prisma, today)).toBe(0);
  });
});
