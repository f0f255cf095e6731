// Issue 19 §2: the obligations register follows the terms in force. On a 2026 convention of its own (80 000 €,
// ending 2026-10-31), an avenant moves the term to 2026-12-31 and the AE to 90 000 €: the report obligation, the
// co-financing envelope, the calendar feed and the late counts all follow; the accepted final report fulfils
// the report obligation. The use cases run on the days the test gives.
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, actionHarness } from "../../../tests/support/action-harness";
import { createConvention, type FactoryConvention } from "../../../tests/factories/conventions";
import { toDbDate, type IsoDate } from "@/domain/dates";
import { fastObligations, obligationDueOn } from "@/domain/fast-template";
import type { PrismaClient } from "@/generated/prisma/client";
import { loadConventionFacts } from "./convention-facts";
import { lateObligationCounts, loadObligations } from "./obligations";
import { calendarEntries } from "../calendar-ics";
import { recordAvenant, recordAvenantInput, recordTermination, recordTerminationInput } from "../use-cases/convention-life";
import { acceptFinalReport, submitFinalReport } from "../use-cases/final-report";
import { useCaseContext, type UseCaseContext } from "../use-cases/context";

const h = actionHarness();
const { PILOTE, FAST14_GESTIONNAIRE: GESTIONNAIRE, FAST14_PARTNER: PARTNER } = ACCOUNTS;

/** The register of articles 2 to 4, stored as a new convention gets it: due dates of the signed terms. */
async function withRegister(prisma: PrismaClient, c: FactoryConvention) {
  const obligations = fastObligations({ startupName: "Démo", coFinancingCents: 8_000_000n });
  await prisma.obligation.createMany({
    data: obligations.map((o, position) => {
      const dueOn = obligationDueOn(o.due, { signedOn: c.signedOn, endsOn: c.endsOn });
      return { conventionId: c.id, code: o.code, article: o.article, owedBy: o.owedBy, title: o.title, description: o.description, kind: o.kind, position, dueOn: dueOn ? toDbDate(dueOn) : null };
    }),
  });
}

function on<T>(day: IsoDate, who: string, c: FactoryConvention, write: (ctx: UseCaseContext) => Promise<T>): Promise<T> {
  return h.prisma.$transaction((tx) => write(useCaseContext({ tx, actor: h.actor(who), conventionId: c.id, parties: c.parties, today: day })));
}

const byCode = async (id: string, today: IsoDate) => new Map((await loadObligations(id, today)).map((o) => [o.code, o]));

let c: FactoryConvention;

beforeAll(async () => {
  c = await createConvention(h.prisma, { signedOn: "2026-01-05", endsOn: "2026-10-31", credits: [{ year: 2026, aeCents: 8_000_000n, cpCents: 8_000_000n }] });
  await withRegister(h.prisma, c);
});

describe("the register after an avenant", () => {
  it("dates the report at the avenant's term, states the envelope it sets, and the calendar agrees", async () => {
    const before = await byCode(c.id, "2026-05-31");
    expect(before.get("COMPTE_RENDU_TERME")!.dueOn).toBe("2026-10-31");
    expect(before.get("COFINANCEMENT")!.title).toBe("Engager une enveloppe de cofinancement de 80 000 €");

    const form = { conventionId: c.id, number: "1", signedOn: "2026-06-01", object: "Prolongation et abondement", endsOn: "2026-12-31", creditYears: "2026", "ae-2026": "90 000" };
    await on("2026-06-01", PILOTE, c, (ctx) => recordAvenant(ctx, recordAvenantInput.parse(form)));

    const after = await byCode(c.id, "2026-06-01");
    expect(after.get("COMPTE_RENDU_TERME")).toMatchObject({ dueOn: "2026-12-31", status: "A_FAIRE" });
    expect(after.get("COFINANCEMENT")).toMatchObject({ dueOn: "2026-07-05", title: "Engager une enveloppe de cofinancement de 90 000 €" });
    expect(after.get("COFINANCEMENT")!.description).toContain("à hauteur de 90 000 €");

    const entries = await calendarEntries([await loadConventionFacts(c.id)], "2026-06-01");
    expect(entries.find((e) => e.uid === `${c.id}-obligation-COMPTE_RENDU_TERME@suivi-fast`)!.date).toBe("2026-12-31");
    expect(entries.find((e) => e.category === "FIN")!.date).toBe("2026-12-31");

    // Not late on 2026-11-02 (the signed end has passed, not the one in force).
    const late = await lateObligationCounts([await loadConventionFacts(c.id)], "2026-11-02");
    expect((await loadObligations(c.id, "2026-11-02")).filter((o) => o.status === "EN_RETARD").map((o) => o.code)).toEqual(["COFINANCEMENT", "HABILITATIONS_CHORUS"]);
    expect(late.get(c.id)).toBe(2);
  });

  it("counts the report obligation as met once DINUM accepted the final report, not late", async () => {
    expect((await byCode(c.id, "2027-01-15")).get("COMPTE_RENDU_TERME")!.status).toBe("EN_RETARD");
    const reportId = await on("2026-12-20", GESTIONNAIRE, c, (ctx) =>
      submitFinalReport(ctx, { conventionId: c.id, progress: "Service déployé.", orderForecast: "Aucune commande prévue.", budgetForecast: "Crédits consommés." }),
    );
    await on("2027-01-10", PILOTE, c, (ctx) => acceptFinalReport(ctx, { conventionId: c.id, reportId }));
    const report = (await byCode(c.id, "2027-01-15")).get("COMPTE_RENDU_TERME")!;
    expect(report).toMatchObject({ status: "RESPECTEE", reason: "Compte rendu final accepté par la DINUM le 10 janvier 2027." });
    const facts = await loadConventionFacts(c.id);
    expect((await lateObligationCounts([facts], "2027-01-15")).get(c.id)).toBe(2);
  });
});

describe("the register after a termination notice", () => {
  it("dates the report when the termination takes effect", async () => {
    const t = await createConvention(h.prisma, { signedOn: "2026-01-05", endsOn: "2026-12-31", credits: [{ year: 2026, aeCents: 8_000_000n, cpCents: 8_000_000n }] });
    await withRegister(h.prisma, t);
    await on("2026-04-15", PARTNER, t, (ctx) => recordTermination(ctx, recordTerminationInput.parse({ conventionId: t.id, noticeOn: "2026-04-15", reason: "Projet arrêté." })));
    expect((await byCode(t.id, "2026-04-15")).get("COMPTE_RENDU_TERME")!.dueOn).toBe("2026-07-15");
    const entries = await calendarEntries([await loadConventionFacts(t.id)], "2026-04-15");
    expect(entries.find((e) => e.uid === `${t.id}-obligation-COMPTE_RENDU_TERME@suivi-fast`)!.date).toBe("2026-07-15");
  });
});
