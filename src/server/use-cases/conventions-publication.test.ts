// What follows a convention's drafting, against the real database, through the server actions (session,
// permission before validation, zod, one transaction, audit): DINUM publishes a signed convention (article 7)
// and it appears on the public list and in the open data, or withdraws the publication with a reason; DINUM
// edits a promotion (its name only while all its conventions are drafts); the parties comment a draft until it
// is signed. Role by role, every refusal coded and leaving no partial state, every change audited.
import { describe, expect, it, vi } from "vitest";
import { ACCOUNTS, actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { isoDate } from "@/domain/dates";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { createPromotionAction, createConventionDraftAction, updatePromotionAction, publishConventionAction, unpublishConventionAction, commentDraftAction } = await import("../actions/conventions");
const { publishedConventionsPage } = await import("../repositories/public");
const { findDraft } = await import("../repositories/promotions");
const jsonRoute = await import("@/app/publiques/conventions/export.json/route");
const csvRoute = await import("@/app/publiques/conventions/export.csv/route");

const h = actionHarness({ writes: ["fastPromotion", "convention", "conventionParty", "creditAllocation", "tranche", "obligation", "draftComment"] });
const fast14 = h.seeded(SEEDED.FAST14);
const demo = h.seeded(SEEDED.FAST16_DEMO);

const FCU = "France Chaleur Urbaine";
const org = (slug: string) => h.prisma.organisation.findUniqueOrThrow({ where: { slug } });
const auditOf = (kind: string, entityId: string) => h.prisma.auditEntry.findMany({ where: { kind, entityId }, orderBy: { id: "asc" } });

/** The references in the open data, CSV and JSON alike, and on the public list. */
async function publicReferences() {
  const json = ((await (await jsonRoute.GET()).json()) as { conventions: { referenceDecision: string }[] }).conventions.map((r) => r.referenceDecision);
  const csv = await (await csvRoute.GET()).text();
  const list = (await publishedConventionsPage({ q: "", page: 1 })).rows.map((c) => c.startupName);
  return { json, csvHasDemo: csv.includes(SEEDED.FAST16_DEMO), list };
}

/** A FAST 15 promotion and one draft of it (DRIEAT partner, DNUM délégataire), made by DINUM's pilot. */
async function promotionWithDraft(name: string, reference: string) {
  h.signInAs(ACCOUNTS.PILOTE);
  const promotion = await createPromotionAction(null, form({ name, envelope: "1 000 000", announcedOn: "2026-11-20" }));
  expect(promotion.ok, JSON.stringify(promotion)).toBe(true);
  const promotionId = (promotion as { data: string }).data;
  const draft = await createConventionDraftAction(
    null,
    form({ promotionId, reference, startupName: "Chaleur Solidaire", startupSlug: `chaleur-${reference.toLowerCase()}`, partnerId: (await org("drieat")).id, delegataireId: (await org("dnum-mte")).id, endsOn: "2027-12-31" }),
  );
  expect(draft.ok, JSON.stringify(draft)).toBe(true);
  h.signInAs(null);
  return { promotionId, conventionId: (draft as { data: string }).data };
}

describe("publication (article 7)", () => {
  it("the seed published FAST 14 through the use case, on its story date", async () => {
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: fast14.id } });
    expect([c.published, isoDate(c.publishedOn!), isoDate(c.cbcmCopySentOn!)]).toEqual([true, "2024-03-15", "2024-03-08"]);
    const [entry] = await auditOf("convention.publish", fast14.id);
    expect(isoDate(entry!.at)).toBe("2024-03-15");
    expect(entry!.userId).toBe(h.actor(ACCOUNTS.PILOTE).userId);
  });

  it("is DINUM's pilot's only: the parties, another party, the administrator and nobody are refused, writing nothing", async () => {
    const run = () => publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: TEST_TODAY }));
    await h.expectForbidden([ACCOUNTS.DEMO_PARTNER, ACCOUNTS.DEMO_GESTIONNAIRE, ACCOUNTS.FAST14_PARTNER, ACCOUNTS.ADMIN, null], run);
    await h.expectForbidden([ACCOUNTS.DEMO_PARTNER, ACCOUNTS.ADMIN, null], () => unpublishConventionAction(null, form({ conventionId: fast14.id, reason: "Essai" })));
    expect((await h.prisma.convention.findUniqueOrThrow({ where: { id: demo.id } })).published).toBe(false);
    expect((await h.prisma.convention.findUniqueOrThrow({ where: { id: fast14.id } })).published).toBe(true);
  });

  it("refuses a convention not yet signed, a copy to the CBCM missing, before the signature or in the future, a link that is not https, leaving it unpublished", async () => {
    const { conventionId } = await promotionWithDraft("FAST 15", "FAST15-PUBLI");
    h.signInAs(ACCOUNTS.PILOTE);
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId, cbcmCopySentOn: TEST_TODAY })), { code: "CONVENTION_NOT_SIGNED_FOR_PUBLICATION" });
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId: demo.id })), { code: "INVALID_INPUT", field: "cbcmCopySentOn" });
    // FAST16-DEMO is signed on 3 April 2026 (eight months before the tests' day).
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: "2026-04-02" })), { code: "CONVENTION_CBCM_COPY_BEFORE_SIGNATURE", field: "cbcmCopySentOn" });
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: "2026-12-04" })), { code: "FUTURE_DATE", field: "cbcmCopySentOn" });
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: "2026-04-10", dataGouvUrl: "http://www.data.gouv.fr/" })), { code: "INVALID_INPUT", field: "dataGouvUrl" });
    for (const id of [conventionId, demo.id]) {
      expect(await h.prisma.convention.findUniqueOrThrow({ where: { id }, select: { published: true, publishedOn: true, cbcmCopySentOn: true } })).toEqual({ published: false, publishedOn: null, cbcmCopySentOn: null });
    }
    expect(await auditOf("convention.publish", demo.id)).toEqual([]);
  });

  it("puts a signed convention on the public list and in the open data, today, once; audited", async () => {
    expect(await publicReferences()).toEqual({ json: [SEEDED.FAST14], csvHasDemo: false, list: [FCU] });
    h.signInAs(ACCOUNTS.PILOTE);
    const published = await publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: "2026-04-10", dataGouvUrl: "https://www.data.gouv.fr/fr/datasets/conventions-fast/" }));
    expect(published.ok, JSON.stringify(published)).toBe(true);
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: demo.id } });
    expect([c.published, isoDate(c.publishedOn!), isoDate(c.cbcmCopySentOn!), c.dataGouvUrl, c.publicationUrl]).toEqual([true, TEST_TODAY, "2026-04-10", "https://www.data.gouv.fr/fr/datasets/conventions-fast/", null]);
    const refs = await publicReferences();
    expect(refs.json).toContain(SEEDED.FAST16_DEMO);
    expect(refs.csvHasDemo).toBe(true);
    expect(refs.list).toContain("Signalement Démo (fictive)");
    const [entry] = await auditOf("convention.publish", demo.id);
    expect(entry).toMatchObject({ userId: h.actor(ACCOUNTS.PILOTE).userId, role: "PILOTE_FAST", conventionId: demo.id, after: { publishedOn: TEST_TODAY, cbcmCopySentOn: "2026-04-10" } });
    await h.expectRefused(() => publishConventionAction(null, form({ conventionId: demo.id, cbcmCopySentOn: "2026-04-10" })), { code: "CONVENTION_ALREADY_PUBLISHED" });
  });

  it("is withdrawn with a reason: off the public list and the open data, the convention kept; audited with the reason", async () => {
    h.signInAs(ACCOUNTS.PILOTE);
    await h.expectRefused(() => unpublishConventionAction(null, form({ conventionId: demo.id, reason: "  " })), { code: "INVALID_INPUT", field: "reason" });
    expect((await h.prisma.convention.findUniqueOrThrow({ where: { id: demo.id } })).published).toBe(true);
    const withdrawn = await unpublishConventionAction(null, form({ conventionId: demo.id, reason: "Publiée avant la copie au CBCM." }));
    expect(withdrawn.ok, JSON.stringify(withdrawn)).toBe(true);
    const c = await h.prisma.convention.findUniqueOrThrow({ where: { id: demo.id }, include: { signatures: true } });
    // The copy to the CBCM stays a fact of the convention.
    expect([c.published, c.publishedOn, isoDate(c.cbcmCopySentOn!), c.signatures.length]).toEqual([false, null, "2026-04-10", 3]);
    expect(await publicReferences()).toEqual({ json: [SEEDED.FAST14], csvHasDemo: false, list: [FCU] });
    const [entry] = await auditOf("convention.unpublish", demo.id);
    expect(entry).toMatchObject({ userId: h.actor(ACCOUNTS.PILOTE).userId, before: { publishedOn: TEST_TODAY }, after: { withdrawnOn: TEST_TODAY, reason: "Publiée avant la copie au CBCM." } });
    await h.expectRefused(() => unpublishConventionAction(null, form({ conventionId: demo.id, reason: "Encore" })), { code: "CONVENTION_NOT_PUBLISHED" });
  });
});

describe("editing a promotion", () => {
  it("is DINUM's: the parties' agents and nobody are refused, writing nothing", async () => {
    const promotion = await h.prisma.fastPromotion.findUniqueOrThrow({ where: { name: "FAST 14" } });
    const fields = { promotionId: promotion.id, name: "FAST 14", envelope: "2 000 000", announcedOn: "2024-01-25" };
    await h.expectForbidden([ACCOUNTS.FAST14_PARTNER, ACCOUNTS.FAST14_GESTIONNAIRE, ACCOUNTS.DEMO_PARTNER, null], () => updatePromotionAction(null, form(fields)));
    expect((await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotion.id } })).envelopeCents).toBe(promotion.envelopeCents);
  });

  it("changes the envelope and dates; renames a promotion of drafts and its drafts' titles; audited", async () => {
    const { promotionId, conventionId } = await promotionWithDraft("FAST 17", "FAST17-RENOMMEE");
    h.signInAs(ACCOUNTS.PILOTE);
    const fields = { promotionId, name: "FAST 17 bis", envelope: "1 250 000,50", announcedOn: "2026-11-21", startsOn: "2027-01-04", endsOn: "2027-06-30" };
    await h.expectRefused(() => updatePromotionAction(null, form({ ...fields, endsOn: "2026-12-01" })), { code: "INVALID_INPUT", field: "endsOn" });
    await h.expectRefused(() => updatePromotionAction(null, form({ ...fields, name: "FAST 14" })), { code: "PROMOTION_NAME_TAKEN", field: "name" });
    await h.expectRefused(() => updatePromotionAction(null, form({ ...fields, promotionId: "00000000-0000-4000-8000-000000000000" })), { code: "PROMOTION_UNKNOWN" });
    expect(await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotionId } })).toMatchObject({ name: "FAST 17", envelopeCents: 100_000_000n, startsOn: null });
    const updated = await updatePromotionAction(null, form(fields));
    expect(updated.ok, JSON.stringify(updated)).toBe(true);
    const p = await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotionId } });
    expect([p.name, p.envelopeCents, isoDate(p.announcedOn), isoDate(p.startsOn!), isoDate(p.endsOn!)]).toEqual(["FAST 17 bis", 125_000_050n, "2026-11-21", "2027-01-04", "2027-06-30"]);
    expect(await h.prisma.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { fastCall: true, title: true } })).toEqual({
      fastCall: "FAST 17 bis",
      title: "Convention de délégation de gestion FAST 17 bis | Chaleur Solidaire",
    });
    const [entry] = await auditOf("promotion.update", promotionId);
    expect(entry).toMatchObject({
      userId: h.actor(ACCOUNTS.PILOTE).userId,
      before: { name: "FAST 17", envelopeCents: "100000000", announcedOn: "2026-11-20", startsOn: null, endsOn: null },
      after: { name: "FAST 17 bis", envelopeCents: "125000050", announcedOn: "2026-11-21", startsOn: "2027-01-04", endsOn: "2027-06-30" },
    });
  });

  it("keeps the name of a promotion whose conventions are signed (their text says it); its envelope still changes", async () => {
    const promotion = await h.prisma.fastPromotion.findUniqueOrThrow({ where: { name: "FAST 14" } });
    const fields = { promotionId: promotion.id, name: "FAST 14 (renommée)", envelope: "1 537 000", announcedOn: "2024-01-25" };
    h.signInAs(ACCOUNTS.PILOTE);
    await h.expectRefused(() => updatePromotionAction(null, form(fields)), { code: "PROMOTION_NAME_FROZEN", field: "name" });
    expect(await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotion.id } })).toMatchObject({ name: "FAST 14", envelopeCents: promotion.envelopeCents });
    expect((await h.prisma.convention.findUniqueOrThrow({ where: { id: fast14.id } })).fastCall).toBe("FAST 14");
    expect((await updatePromotionAction(null, form({ ...fields, name: "FAST 14" }))).ok).toBe(true);
    expect((await h.prisma.fastPromotion.findUniqueOrThrow({ where: { id: promotion.id } })).envelopeCents).toBe(153_700_000n);
    const [entry] = await auditOf("promotion.update", promotion.id);
    expect(entry).toMatchObject({ before: { name: "FAST 14", envelopeCents: "100000000" }, after: { name: "FAST 14", envelopeCents: "153700000" } });
    expect(Object.keys(entry!.after as object).sort()).toEqual(["envelopeCents", "name"]);
  });
});

describe("comments on a draft", () => {
  it("are written by the agents of its parties, each as its party, in order; audited; refused to others, writing nothing", async () => {
    const { conventionId } = await promotionWithDraft("FAST 18", "FAST18-COMMENTS");
    const comment = (body: string) => commentDraftAction(null, form({ conventionId, body }));
    await h.expectForbidden([ACCOUNTS.DEMO_PARTNER, ACCOUNTS.DEMO_GESTIONNAIRE, ACCOUNTS.ADMIN, null], () => comment("Je ne suis pas partie."));
    h.signInAs(ACCOUNTS.FAST14_PARTNER);
    await h.expectRefused(() => comment("   "), { code: "INVALID_INPUT", field: "body" });
    await h.expectRefused(() => comment("x".repeat(4001)), { code: "INVALID_INPUT", field: "body" });
    expect((await comment("L'intrapreneur sera Dominique Chaleur.")).ok).toBe(true);
    h.signInAs(ACCOUNTS.FAST14_GESTIONNAIRE);
    expect((await comment("Le service exécutant est SGDFNUM092.\nÀ reporter dans l'imputation.")).ok).toBe(true);
    h.signInAs(ACCOUNTS.PILOTE);
    expect((await comment("Noté, merci : c'est reporté.")).ok).toBe(true);
    const draft = await findDraft(conventionId);
    expect(draft!.comments.map((m) => [m.party, m.author, m.body])).toEqual([
      ["PARTENAIRE", "Alex Bernard (démo)", "L'intrapreneur sera Dominique Chaleur."],
      ["DELEGATAIRE", expect.any(String), "Le service exécutant est SGDFNUM092.\nÀ reporter dans l'imputation."],
      ["DELEGANT", expect.any(String), "Noté, merci : c'est reporté."],
    ]);
    const entries = await h.prisma.auditEntry.findMany({ where: { conventionId, kind: "convention.comment" }, orderBy: { id: "asc" } });
    expect(entries.map((e) => [e.userId, (e.after as { party: string }).party])).toEqual([
      [h.actor(ACCOUNTS.FAST14_PARTNER).userId, "PARTENAIRE"],
      [h.actor(ACCOUNTS.FAST14_GESTIONNAIRE).userId, "DELEGATAIRE"],
      [h.actor(ACCOUNTS.PILOTE).userId, "DELEGANT"],
    ]);
    // Another convention's page never lists them: each draft reads its own.
    expect((await findDraft(demo.id))!.comments).toEqual([]);
  });

  it("are closed once the convention is signed (it changes only by avenant): refused, writing nothing", async () => {
    h.signInAs(ACCOUNTS.FAST14_PARTNER);
    await h.expectRefused(() => commentDraftAction(null, form({ conventionId: fast14.id, body: "Trop tard ?" })), { code: "DRAFT_COMMENTS_CLOSED" });
  });
});
