// The obligations register written through its server action against the real database: only the party
// that owes an obligation declares its follow-up; a refusal says why and writes nothing; "en retard" is
// derived from the due date, never typed.
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { updateObligationAction } = await import("./obligations");
const { loadObligations, lateObligationsOf } = await import("../repositories/obligations");

const h = actionHarness({ writes: ["obligationUpdate"] });
const { signInAs: as, expectRefused } = h;
const fast14 = h.seeded(SEEDED.FAST14);
const fictive = h.seeded(SEEDED.FAST16_DEMO);
const today = TEST_TODAY;

const { PILOTE, ADMIN, FAST14_PARTNER: PARTNER, DEMO_PARTNER: OTHER_PARTNER, FAST14_GESTIONNAIRE: GESTIONNAIRE } = ACCOUNTS;

const obligation = (conventionId: string, code: string) => h.prisma.obligation.findFirstOrThrow({ where: { conventionId, code } });

describe("the register of FAST 14", () => {
  it("derives the late ones from their due dates", async () => {
    const register = await loadObligations(fast14.id, "2024-09-01");
    expect(register).toHaveLength(31);
    const cofinancing = register.find((o) => o.code === "COFINANCEMENT")!;
    expect(cofinancing).toMatchObject({ dueOn: "2024-08-29", owedBy: "PARTENAIRE", status: "EN_RETARD" });
    expect(register.find((o) => o.code === "MANIFESTE")!.status).not.toBe("EN_RETARD");
    expect((await lateObligationsOf(fast14.id, "2024-08-29")).map((o) => o.code)).not.toContain("COFINANCEMENT");
  });
});

describe("declaring the follow-up of an obligation", () => {
  const payload = async (code: string, values: Record<string, string> = {}, conventionId = fast14.id) =>
    form({ conventionId, obligationId: (await obligation(conventionId, code)).id, status: "RESPECTEE", note: "Engagement juridique n° 1300000001 du 20 août 2024.", evidenceOn: "2024-08-20", ...values });

  it("is refused to every party but the one that owes it, to the administrator and to nobody", async () => {
    for (const email of [PILOTE, GESTIONNAIRE]) {
      as(email);
      await expectRefused(async () => updateObligationAction(null, await payload("COFINANCEMENT")), { code: "OBLIGATION_NOT_OWED" });
    }
    await h.expectForbidden([OTHER_PARTNER, ADMIN, null], async () => updateObligationAction(null, await payload("COFINANCEMENT")));
  });

  it("refuses an obligation of another convention, a met one without evidence, a future evidence date and bad input", async () => {
    as(PARTNER);
    const foreign = await obligation(fictive.id, "COFINANCEMENT");
    await expectRefused(async () => updateObligationAction(null, form({ conventionId: fast14.id, obligationId: foreign.id, status: "EN_COURS" })), { code: "OBLIGATION_NOT_IN_CONVENTION" });
    await expectRefused(async () => updateObligationAction(null, await payload("COFINANCEMENT", { note: "" })), { code: "EVIDENCE_REQUIRED", field: "evidenceUrl" });
    await expectRefused(async () => updateObligationAction(null, await payload("COFINANCEMENT", { evidenceOn: "2026-12-04" })), { code: "EVIDENCE_DATE_IN_FUTURE", field: "evidenceOn" });
    const bad = await expectRefused(async () => updateObligationAction(null, await payload("COFINANCEMENT", { status: "FAIT", evidenceUrl: "javascript:alert(1)", evidenceOn: "hier" })), /corriger/);
    expect(bad).toMatchObject({ fieldErrors: { status: expect.stringContaining("Choisissez le statut"), evidenceUrl: expect.stringContaining("https://"), evidenceOn: expect.stringContaining("AAAA-MM-JJ") } });
  });

  it("records the partner's follow-up with its evidence and author, audited; the obligation is no longer late", async () => {
    as(PARTNER);
    expect(await updateObligationAction(null, await payload("COFINANCEMENT", { evidenceUrl: "https://example.fr/ej-1300000001.pdf" }))).toMatchObject({ ok: true, message: "Le suivi de l'obligation est enregistré." });
    const register = await loadObligations(fast14.id, "2024-09-01");
    const cofinancing = register.find((o) => o.code === "COFINANCEMENT")!;
    expect(cofinancing.status).toBe("RESPECTEE");
    expect(cofinancing.updates[0]).toMatchObject({ status: "RESPECTEE", evidenceUrl: "https://example.fr/ej-1300000001.pdf", evidenceOn: "2024-08-20", authorName: "Alex Bernard (démo)" });
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: fast14.id, kind: "obligation.update" }, orderBy: { id: "desc" } });
    // The demo data had declared it in progress.
    expect(entry.before).toMatchObject({ code: "COFINANCEMENT", status: "En cours" });
    expect(entry.after).toMatchObject({ code: "COFINANCEMENT", status: "Respectée", evidenceOn: "2024-08-20" });
  });

  it("lets DINUM update its own obligations and the délégataire its own; the latest follow-up is in force", async () => {
    as(PILOTE);
    expect(await updateObligationAction(null, await payload("ACCOMPAGNEMENT_FAST", { status: "EN_COURS", note: "" }))).toMatchObject({ ok: true });
    expect(await updateObligationAction(null, await payload("ACCOMPAGNEMENT_FAST", { note: "Habilitations ouvertes le 4 mars 2024.", evidenceOn: "2024-03-04" }))).toMatchObject({ ok: true });
    as(GESTIONNAIRE);
    expect(await updateObligationAction(null, await payload("COMPTE_RENDU_TERME", { status: "SANS_OBJET", note: "" }))).toMatchObject({ ok: true });
    const register = await loadObligations(fast14.id, today);
    expect(register.find((o) => o.code === "ACCOMPAGNEMENT_FAST")).toMatchObject({ status: "RESPECTEE", updates: [{ status: "RESPECTEE" }, { status: "EN_COURS" }] });
    expect(register.find((o) => o.code === "COMPTE_RENDU_TERME")!.status).toBe("SANS_OBJET");
  });
});
