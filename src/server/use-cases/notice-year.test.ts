// Issue 19 §3: a notice for a year the convention does not cover is refused; a notice keeps its year, its credit
// type and who answered it. A 2026 convention of its own (FAST 14's parties), the use cases on given days.
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, actionHarness } from "../../../tests/support/action-harness";
import { createConvention, type FactoryConvention } from "../../../tests/factories/conventions";
import type { IsoDate } from "@/domain/dates";
import { listNotices } from "../repositories/notices";
import { answerNotice, sendNotice, sendNoticeInput } from "./notices";
import { Refusal, useCaseContext, type UseCaseContext } from "./context";

const h = actionHarness({ writes: ["partyNotice"] });
const { PILOTE, FAST14_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;
let c: FactoryConvention;

function on<T>(day: IsoDate, who: string, write: (ctx: UseCaseContext) => Promise<T>): Promise<T> {
  return h.prisma.$transaction((tx) => write(useCaseContext({ tx, actor: h.actor(who), conventionId: c.id, parties: c.parties, today: day })));
}

beforeAll(async () => {
  c = await createConvention(h.prisma, { signedOn: "2026-01-05", endsOn: "2026-12-31", credits: [{ year: 2026, aeCents: 8_000_000n, cpCents: 8_000_000n }] });
});

describe("a notice of the délégataire", () => {
  it("for 2031 on a 2026 convention is refused, writing nothing", async () => {
    const before = await h.footprint();
    const input = sendNoticeInput.parse({ conventionId: c.id, kind: "CREDITS_INSUFFISANTS", year: "2031", creditType: "AE", neededAmount: "10 000", message: "Besoin en 2031." });
    const error = await on("2026-06-01", GESTIONNAIRE, (ctx) => sendNotice(ctx, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).failure).toMatchObject({ code: "NOTICE_YEAR_NOT_COVERED", field: "year", params: { year: 2031, years: [2026] } });
    expect(await h.footprint()).toEqual(before);
  });

  it("keeps its year and credit type, and who answered it", async () => {
    // Nothing released yet: 40 000 € of AE needed in 2026 are all missing.
    const input = sendNoticeInput.parse({ conventionId: c.id, kind: "CREDITS_INSUFFISANTS", year: "2026", creditType: "AE", neededAmount: "40 000", message: "Commande à passer." });
    const id = await on("2026-06-01", GESTIONNAIRE, (ctx) => sendNotice(ctx, input));
    await on("2026-06-03", PILOTE, (ctx) => answerNotice(ctx, { conventionId: c.id, noticeId: id, answer: "Tranche 1 débloquée." }));
    const [notice] = await listNotices(c.id);
    expect(notice).toMatchObject({ id, year: 2026, creditType: "AE", answer: "Tranche 1 débloquée.", answeredByName: "Camille Martin (démo)" });
    const unconsumed = sendNoticeInput.parse({ conventionId: c.id, kind: "CREDITS_NON_CONSOMMES", year: "2026", forecastAmount: "5 000", message: "Moins de commandes." });
    const second = await on("2026-06-04", GESTIONNAIRE, (ctx) => sendNotice(ctx, unconsumed));
    expect((await listNotices(c.id)).find((n) => n.id === second)).toMatchObject({ year: 2026, creditType: null, answeredByName: null });
  });
});
