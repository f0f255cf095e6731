// Notices from the délégataire to the délégant, against the real database, role by role.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness, formData as form } from "../../../tests/support/action-harness";
import { createRunningConvention, type FactoryConvention } from "../../../tests/factories/conventions";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { sendNoticeAction, answerNoticeAction } = await import("./notices");

const h = actionHarness({ writes: ["partyNotice"] });
const as = h.signInAs;
/** A running convention of the fictive SG (délégataire) and DDT (partner): 40 000 € of 80 000 € made available. */
let demo: FactoryConvention & { year: number };
beforeAll(async () => {
  const convention = await createRunningConvention(h.prisma, { reference: "TEST-AVIS" });
  demo = { ...convention, year: convention.years[0]! };
});

const GESTIONNAIRE = "gestionnaire@sg-demo.example.fr";

describe("notices", () => {
  const insufficient = (values: Record<string, string> = {}) =>
    form({ conventionId: demo.id, kind: "CREDITS_INSUFFISANTS", year: String(demo.year), creditType: "AE", neededAmount: "50 000", message: "Recrutement d'un second développeur.", ...values });

  it("are sent only by the délégataire's budget staff", async () => {
    await h.expectForbidden(["pilote@dinum.example.fr", "intrapreneur@ddt-demo.example.fr", "gestionnaire@dnum-mte.example.fr", "admin@suivi-fast.example.fr"], () => sendNoticeAction(null, insufficient()));
  });

  it("refuse a notice of insufficient credits when the credits cover the need", async () => {
    as(GESTIONNAIRE);
    await h.expectRefused(() => sendNoticeAction(null, insufficient({ neededAmount: "40 000" })), { code: "NOTICE_NOT_NEEDED", field: "neededAmount" });
    await h.expectRefused(() => sendNoticeAction(null, insufficient({ kind: "AUTRE" })), /./);
  });

  it("state what is missing and what could cover it; DINUM answers once", async () => {
    as(GESTIONNAIRE);
    expect(await sendNoticeAction(null, insufficient())).toMatchObject({ ok: true });
    const notice = await h.prisma.partyNotice.findFirstOrThrow({ where: { conventionId: demo.id } });
    // 40 000 € made available, 50 000 € needed: 10 000 € missing, all coverable by releasing T2.
    expect(notice.amountCents).toBe(1_000_000n);
    expect(notice.message).toContain("peuvent venir du déblocage des tranches restantes");
    expect(notice).toMatchObject({ fromParty: "DELEGATAIRE", toParty: "DELEGANT", kind: "CREDITS_INSUFFISANTS" });

    as("intrapreneur@ddt-demo.example.fr");
    expect(await answerNoticeAction(null, form({ conventionId: demo.id, noticeId: notice.id, answer: "Vu" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as("pilote@dinum.example.fr");
    expect(await answerNoticeAction(null, form({ conventionId: demo.id, noticeId: notice.id, answer: "La tranche 2 sera débloquée après le bilan." }))).toMatchObject({ ok: true });
    expect(await answerNoticeAction(null, form({ conventionId: demo.id, noticeId: notice.id, answer: "Encore" }))).toMatchObject({ ok: false, code: "NOTICE_ALREADY_ANSWERED" });
  });

  it("bound a forecast of unconsumed credits by what is left to pay", async () => {
    as(GESTIONNAIRE);
    const unconsumed = (amount: string) => form({ conventionId: demo.id, kind: "CREDITS_NON_CONSOMMES", year: String(demo.year), forecastAmount: amount, message: "Fin anticipée." });
    expect(await sendNoticeAction(null, unconsumed("80 000,01"))).toMatchObject({ ok: false, code: "NOTICE_FORECAST_ABOVE_UNPAID" });
    expect(await sendNoticeAction(null, unconsumed("20 000"))).toMatchObject({ ok: true });
  });
});
