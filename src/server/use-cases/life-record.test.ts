// Issue 19: dated life events are checked against what is already recorded. The use cases run on the days the
// test gives, on a 2026 convention of its own (FAST 14's parties: DINUM, DRIEAT, the DNUM of the MTE).
import { beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, actionHarness } from "../../../tests/support/action-harness";
import { createConvention, type FactoryConvention } from "../../../tests/factories/conventions";
import { createEj } from "../../../tests/factories/expenditures";
import { isoDate, type IsoDate } from "@/domain/dates";
import { messageOf } from "@/domain/failures";
import { deriveConvention } from "@/domain/convention-view";
import { loadConventionFacts } from "../repositories/convention-facts";
import { recordAvenant, recordAvenantInput, recordSuspension, recordTermination as recordTerminationParsed, recordTerminationInput, withdrawTermination } from "./convention-life";
import { Refusal, useCaseContext, type UseCaseContext } from "./context";

const h = actionHarness({ writes: ["terminationNotice", "suspension"] });
const { PILOTE, FAST14_PARTNER: PARTNER } = ACCOUNTS;

let c: FactoryConvention;

/** The use case on its input as the form's schema parses it. */
const recordTermination = (ctx: UseCaseContext, input: Record<string, string>) => recordTerminationParsed(ctx, recordTerminationInput.parse(input));

function on<T>(day: IsoDate, who: string, write: (ctx: UseCaseContext) => Promise<T>, conv: FactoryConvention = c): Promise<T> {
  return h.prisma.$transaction((tx) => write(useCaseContext({ tx, actor: h.actor(who), conventionId: conv.id, parties: conv.parties, today: day })));
}

async function refusal(run: Promise<unknown>): Promise<Refusal> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

beforeAll(async () => {
  // Signed 2026-01-05, ending 2026-12-31; T1 released on 2026-01-09; an EJ of 2026-03-10 paid on 2026-05-20.
  c = await createConvention(h.prisma, {
    signedOn: "2026-01-05",
    endsOn: "2026-12-31",
    credits: [{ year: 2026, aeCents: 9_000_000n, cpCents: 9_000_000n }],
    released: [{ rank: 1, releasedOn: "2026-01-09" }],
  });
  await createEj(h.prisma, {
    conventionId: c.id,
    chorusNumber: "1300000001",
    orderedOn: "2026-03-10",
    amountCents: 2_000_000n,
    payments: [{ dpNumber: "DP-0004", paidOn: "2026-05-20", amountCents: 500_000n }],
  });
});

describe("a termination notice dated before the day it is recorded", () => {
  const notice = (noticeOn: IsoDate, extra: Record<string, string> = {}) => ({ conventionId: c.id, noticeOn, reason: "Fin anticipée du projet.", ...extra });

  it("is refused to a party recording it late: it is dated the day it is recorded", async () => {
    const r = await refusal(on("2026-06-01", PARTNER, (ctx) => recordTermination(ctx, notice("2026-02-01"))));
    expect(r.failure).toMatchObject({ code: "TERMINATION_BACKDATED", params: { noticeOn: "2026-02-01", today: "2026-06-01" }, field: "noticeOn" });
    // Even with a reason: only DINUM regularises.
    const r2 = await refusal(on("2026-06-01", PARTNER, (ctx) => recordTermination(ctx, notice("2026-02-01", { regularisationReason: "Courrier égaré." }))));
    expect(r2.failure.code).toBe("REGULARISATION_DELEGANT_ONLY");
  });

  it("as DINUM's regularisation, is refused while records dated after its effective date exist, naming them", async () => {
    // Given on 2026-02-01, it would take effect on 2026-05-01: the payment of 2026-05-20 contradicts it.
    const r = await refusal(
      on("2026-06-01", PILOTE, (ctx) => recordTermination(ctx, notice("2026-02-01", { regularisationReason: "Courrier reçu le 3 février, enregistré en retard.", byParty: "PARTENAIRE" }))),
    );
    expect(r.failure).toMatchObject({ code: "LIFE_EVENT_CONFLICTS", field: "noticeOn", params: { period: "RESILIATION", from: "2026-05-01" } });
    expect(messageOf(r.failure)).toContain("la demande de paiement DP-0004 (payée le 20 mai 2026)");
    // Given on 2025-12-… is before signature; on 2026-01-05 it would end on 2026-04-05, before the EJ's payment too.
    const r2 = await refusal(on("2026-06-01", PILOTE, (ctx) => recordTermination(ctx, notice("2026-01-05", { regularisationReason: "Courrier.", byParty: "PARTENAIRE" }))));
    expect((r2.failure.params as { records: { kind: string }[] }).records.map((x) => x.kind)).toEqual(["PAIEMENT"]);
    expect(await h.prisma.terminationNotice.count({ where: { conventionId: c.id } })).toBe(0);
  });

  it("as DINUM's regularisation that contradicts nothing, is recorded for the party that gave it, with its reason", async () => {
    const conv = await createConvention(h.prisma, { signedOn: "2026-01-05", endsOn: "2026-12-31", credits: [{ year: 2026, aeCents: 9_000_000n, cpCents: 9_000_000n }] });
    await createEj(h.prisma, { conventionId: conv.id, orderedOn: "2026-03-10", amountCents: 1_000_000n });
    await on("2026-06-01", PILOTE, (ctx) => recordTermination(ctx, { conventionId: conv.id, noticeOn: "2026-03-15", reason: "Fin anticipée.", regularisationReason: "Courrier du 15 mars enregistré en retard.", byParty: "PARTENAIRE" }), conv);
    const row = await h.prisma.terminationNotice.findFirstOrThrow({ where: { conventionId: conv.id } });
    expect(row).toMatchObject({ byParty: "PARTENAIRE", regularisationReason: "Courrier du 15 mars enregistré en retard." });
    expect(isoDate(row.noticeOn)).toBe("2026-03-15");
    expect(deriveConvention(await loadConventionFacts(conv.id), "2026-06-15").situation.state).toBe("RESILIEE");
  });
});

describe("a backdated suspension", () => {
  it("is refused when it would cover an EJ, a payment already recorded, naming them", async () => {
    const r = await refusal(on("2026-06-01", PILOTE, (ctx) => recordSuspension(ctx, { conventionId: c.id, startsOn: "2026-03-01", reason: "Crédits insuffisants." })));
    expect(r.failure).toMatchObject({ code: "LIFE_EVENT_CONFLICTS", field: "startsOn", params: { period: "SUSPENSION", from: "2026-03-01" } });
    const message = messageOf(r.failure);
    expect(message).toContain("l'EJ 1300000001 ligne 1 (commandé le 10 mars 2026)");
    expect(message).toContain("la demande de paiement DP-0004 (payée le 20 mai 2026)");
    // After the last record, it is accepted.
    await on("2026-06-01", PILOTE, (ctx) => recordSuspension(ctx, { conventionId: c.id, startsOn: "2026-05-21", reason: "Crédits insuffisants." }));
    expect(await h.prisma.suspension.count({ where: { conventionId: c.id } })).toBe(1);
  });
});

describe("an avenant moving the end earlier", () => {
  it("is refused when records are dated after its new end, naming them", async () => {
    const form = { conventionId: c.id, number: "1", signedOn: "2026-06-01", object: "Fin anticipée", endsOn: "2026-05-15", creditYears: "2026" };
    const r = await refusal(on("2026-06-01", PILOTE, (ctx) => recordAvenant(ctx, recordAvenantInput.parse({ ...form, signedOn: "2026-05-10" }))));
    expect(r.failure).toMatchObject({ code: "LIFE_EVENT_CONFLICTS", field: "endsOn", params: { period: "FIN", from: "2026-05-16" } });
    expect(messageOf(r.failure)).toContain("la demande de paiement DP-0004 (payée le 20 mai 2026)");
    expect(await h.prisma.avenant.count({ where: { conventionId: c.id } })).toBe(0);
  });
});

describe("withdrawing a termination notice", () => {
  it("is for the party that gave it, once, before it takes effect, and audited", async () => {
    const conv = await createConvention(h.prisma, { signedOn: "2026-01-05", endsOn: "2026-12-31", credits: [{ year: 2026, aeCents: 9_000_000n, cpCents: 9_000_000n }] });
    await on("2026-06-01", PARTNER, (ctx) => recordTermination(ctx, { conventionId: conv.id, noticeOn: "2026-06-01", reason: "Projet arrêté." }), conv);
    const notice = await h.prisma.terminationNotice.findFirstOrThrow({ where: { conventionId: conv.id } });
    expect(deriveConvention(await loadConventionFacts(conv.id), "2026-09-01").situation.state).toBe("RESILIEE");

    const byOther = await refusal(on("2026-07-01", PILOTE, (ctx) => withdrawTermination(ctx, { conventionId: conv.id, noticeId: notice.id }), conv));
    expect(byOther.failure).toMatchObject({ code: "TERMINATION_WITHDRAWAL_NOT_AUTHOR", params: { byParty: "PARTENAIRE" } });

    await on("2026-07-01", PARTNER, (ctx) => withdrawTermination(ctx, { conventionId: conv.id, noticeId: notice.id }), conv);
    const withdrawn = await h.prisma.terminationNotice.findUniqueOrThrow({ where: { id: notice.id } });
    expect(isoDate(withdrawn.withdrawnOn!)).toBe("2026-07-01");
    expect(withdrawn.withdrawnById).toBe(h.actor(PARTNER).userId);
    expect(deriveConvention(await loadConventionFacts(conv.id), "2026-09-01").situation.state).toBe("EN_VIGUEUR");
    const audit = await h.prisma.auditEntry.findFirstOrThrow({ where: { conventionId: conv.id, kind: "termination.withdraw" } });
    expect(audit.entityId).toBe(notice.id);

    const again = await refusal(on("2026-07-02", PARTNER, (ctx) => withdrawTermination(ctx, { conventionId: conv.id, noticeId: notice.id }), conv));
    expect(again.failure.code).toBe("TERMINATION_ALREADY_WITHDRAWN");

    await on("2026-07-02", PARTNER, (ctx) => recordTermination(ctx, { conventionId: conv.id, noticeOn: "2026-07-02", reason: "Projet arrêté, confirmé." }), conv);
    const second = await h.prisma.terminationNotice.findFirstOrThrow({ where: { conventionId: conv.id, withdrawnOn: null } });
    const late = await refusal(on("2026-10-02", PARTNER, (ctx) => withdrawTermination(ctx, { conventionId: conv.id, noticeId: second.id }), conv));
    expect(late.failure).toMatchObject({ code: "TERMINATION_ALREADY_EFFECTIVE", params: { effectiveOn: "2026-10-02" } });
  });
});
