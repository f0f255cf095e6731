import "server-only";
// FAST promotions and conventions from the draft to the signature (issue 15): DINUM creates a promotion, drafts
// each laureate's convention from the FAST template (src/domain/fast-template.ts), edits the draft (it may be
// incomplete, and says what it lacks), sends it for signature (frozen), and records each party's signature —
// partner first, délégataire next, DINUM last (src/domain/convention-drafts.ts). DINUM's signature date is
// the convention's signedOn: the convention is in force from it and tranche 1 can be released. The demo seed
// creates FAST 14 through these same functions, on its story dates.
import { z } from "zod";
import { checkDraftComment, checkDraftEditable, checkDraftTerms, checkPromotionRename, checkPublish, checkSendForSignature, checkSignature, checkUnpublish, signatureStage, type SignatureStage } from "@/domain/convention-drafts";
import { draftFactsOf } from "../repositories/promotions";
import { compareDates, isoDate, toDbDate, type IsoDate } from "@/domain/dates";
import { failure, messageOf } from "@/domain/failures";
import { eurosField, isoDateField, optionalIsoDateField, optionalTextField, positiveEurosField, textField, uuidField } from "@/domain/fields";
import { FAST_MARCHE, fastObligations, fastPurpose, fastTitle, obligationDueOn } from "@/domain/fast-template";
import { sum } from "@/domain/money";
import { PARTY_ROLES, type PartyRole } from "@/domain/permissions";
import type { Tx } from "../db/audit";
import { lockConvention } from "../db/lock";
import { Refusal, type ActorContext, type UseCaseContext } from "./context";

// ───────────────────────────── Promotions ─────────────────────────────

const promotionFields = {
  name: textField("Nom de la promotion", 60),
  envelope: positiveEurosField,
  announcedOn: isoDateField,
  startsOn: optionalIsoDateField,
  endsOn: optionalIsoDateField,
};

/** The programme ends after it starts (the catalogue's words, under the end date). */
function programmeDatesInOrder(p: { startsOn?: IsoDate; endsOn?: IsoDate }, ctx: z.RefinementCtx) {
  if (p.startsOn && p.endsOn && compareDates(p.endsOn, p.startsOn) < 0) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: messageOf(failure("PROMOTION_DATES_ORDER", { startsOn: p.startsOn, endsOn: p.endsOn })) });
  }
}

export const promotionInput = z.object(promotionFields).superRefine(programmeDatesInOrder);
export type PromotionInput = z.infer<typeof promotionInput>;

export const updatePromotionInput = z.object({ promotionId: uuidField, ...promotionFields }).superRefine(programmeDatesInOrder);
export type UpdatePromotionInput = z.infer<typeof updatePromotionInput>;

/** Creates a FAST promotion. Answers its id. */
export async function createPromotion(ctx: ActorContext, input: PromotionInput): Promise<string> {
  const { tx } = ctx;
  if (await tx.fastPromotion.findUnique({ where: { name: input.name }, select: { id: true } })) {
    throw new Refusal(failure("PROMOTION_NAME_TAKEN", { name: input.name }, "name"));
  }
  const created = await tx.fastPromotion.create({
    data: {
      name: input.name,
      envelopeCents: input.envelope,
      announcedOn: toDbDate(input.announcedOn),
      startsOn: input.startsOn ? toDbDate(input.startsOn) : null,
      endsOn: input.endsOn ? toDbDate(input.endsOn) : null,
      createdAt: ctx.now,
    },
  });
  await ctx.audit({ kind: "promotion.create", entity: "fastPromotion", entityId: created.id, after: { name: input.name, envelopeCents: input.envelope, announcedOn: input.announcedOn, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null } });
  return created.id;
}

const promotionSnapshot = (p: { name: string; envelopeCents: bigint; announcedOn: IsoDate; startsOn: IsoDate | null; endsOn: IsoDate | null }) => ({
  name: p.name,
  envelopeCents: p.envelopeCents,
  announcedOn: p.announcedOn,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

/**
 * Edits a promotion's name, envelope and dates (DINUM). Its conventions' texts say its name: a new name is
 * refused once one of them is in signature or signed, and carried to its drafts' title and FAST call otherwise
 * (their rows locked, so none is sent for signature meanwhile).
 */
export async function updatePromotion(ctx: ActorContext, input: UpdatePromotionInput): Promise<void> {
  const { tx } = ctx;
  const promotion = await tx.fastPromotion.findUnique({ where: { id: input.promotionId }, include: { conventions: { select: { id: true }, orderBy: { id: "asc" } } } });
  if (!promotion) throw new Refusal(failure("PROMOTION_UNKNOWN", undefined, "promotionId"));
  const before = promotionSnapshot({ ...promotion, announcedOn: isoDate(promotion.announcedOn), startsOn: promotion.startsOn && isoDate(promotion.startsOn), endsOn: promotion.endsOn && isoDate(promotion.endsOn) });
  const after = promotionSnapshot({ name: input.name, envelopeCents: input.envelope, announcedOn: input.announcedOn, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null });
  if (input.name !== promotion.name) {
    if (await tx.fastPromotion.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new Refusal(failure("PROMOTION_NAME_TAKEN", { name: input.name }, "name"));
    }
    for (const c of promotion.conventions) await lockConvention(tx, c.id);
    const conventions = await tx.convention.findMany({ where: { promotionId: promotion.id }, select: { id: true, reference: true, startupName: true, sentForSignatureOn: true, signedOn: true }, orderBy: { reference: "asc" } });
    const stages = conventions.map((c) => ({ reference: c.reference, stage: signatureStage({ sentForSignatureOn: c.sentForSignatureOn && isoDate(c.sentForSignatureOn), signedOn: c.signedOn && isoDate(c.signedOn) }) }));
    const frozen = checkPromotionRename(stages);
    if (frozen) throw new Refusal({ ...frozen, field: "name" });
    for (const c of conventions) {
      await tx.convention.update({ where: { id: c.id }, data: { fastCall: input.name, title: fastTitle(input.name, c.startupName) } });
    }
  }
  await tx.fastPromotion.update({
    where: { id: promotion.id },
    data: { name: input.name, envelopeCents: input.envelope, announcedOn: toDbDate(input.announcedOn), startsOn: input.startsOn ? toDbDate(input.startsOn) : null, endsOn: input.endsOn ? toDbDate(input.endsOn) : null },
  });
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
  await ctx.audit({
    kind: "promotion.update",
    entity: "fastPromotion",
    entityId: promotion.id,
    before: { name: promotion.name, ...Object.fromEntries(changed.map((k) => [k, before[k]])) },
    after: { name: input.name, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
  });
}

// ───────────────────────────── The draft's fields ─────────────────────────────

const MAX_CREDIT_ROWS = 4;

/** A percentage typed "50", "33,33" as basis points (5000, 3333). */
const shareField = (label: string) =>
  z
    .string({ error: `${label} : pourcentage attendu.` })
    .optional()
    .transform((v, ctx) => {
      const text = (v ?? "").trim().replace(/\s*%$/, "").replace(",", ".");
      if (text === "") return 5000;
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(text) || Number(text) > 100) {
        ctx.addIssue({ code: "custom", message: `${label} : pourcentage entre 0 et 100 attendu (par exemple 50 ou 33,33).` });
        return z.NEVER;
      }
      const [units, decimals = ""] = text.split(".");
      return Number(units) * 100 + Number(decimals.padEnd(2, "0"));
    });

const yearField = z.coerce
  .number({ error: "Année attendue (par exemple 2025)." })
  .int({ error: "Année attendue (par exemple 2025)." })
  .min(2015, { error: "Année attendue entre 2015 et 2100." })
  .max(2100, { error: "Année attendue entre 2015 et 2100." });

const creditRow = z.object({ year: yearField, ae: eurosField, cp: eurosField });

/** A slug of a startup: lower case letters, digits and dashes (its beta.gouv.fr page's name). */
const slugField = z
  .string({ error: "Identifiant attendu." })
  .trim()
  .min(1, { error: "Identifiant de la startup : champ obligatoire." })
  .max(80, { error: "Identifiant de la startup : 80 caractères au plus." })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: "Identifiant de la startup : lettres minuscules sans accent, chiffres et tirets (par exemple france-chaleur-urbaine)." });

const optionalUrlField = z
  .string({ error: "Adresse attendue." })
  .optional()
  .transform((v) => v?.trim() ?? "")
  .refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), { error: "Adresse invalide : elle commence par https:// (par exemple https://beta.gouv.fr/startups/ma-startup.html)." })
  .transform((v) => (v === "" ? null : v));

const referenceField = z
  .string({ error: "Référence attendue." })
  .trim()
  .toUpperCase()
  .min(1, { error: "Référence : champ obligatoire." })
  .max(40, { error: "Référence : 40 caractères au plus." })
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { error: "Référence : lettres, chiffres et tirets (par exemple FAST15-MONSERVICE)." });

/** Lines of a text area, trimmed, empty ones dropped. */
const linesField = (label: string) =>
  z
    .string({ error: `${label} : texte attendu.` })
    .optional()
    .transform((v) => (v ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean))
    .refine((lines) => lines.length <= 20 && lines.every((l) => l.length <= 500), { error: `${label} : 20 lignes de 500 caractères au plus.` });

const longTextField = (label: string) => optionalTextField(label, 4000);

/**
 * The form sends the credit rows flat (creditYear0, creditAe0, creditCp0…): gathered here into `credits`, a
 * row left blank dropped. Other callers (the seed, tests) give `credits` directly.
 */
function gatherCredits(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || "credits" in raw) return raw;
  const fields = raw as Record<string, unknown>;
  const credits: Record<string, unknown>[] = [];
  for (let i = 0; i < MAX_CREDIT_ROWS; i++) {
    const row = { year: fields[`creditYear${i}`], ae: fields[`creditAe${i}`], cp: fields[`creditCp${i}`] };
    if ([row.year, row.ae, row.cp].every((v) => v === undefined || String(v).trim() === "")) continue;
    credits.push({ year: row.year ?? "", ae: row.ae || "0", cp: row.cp || "0" });
  }
  return { ...fields, credits };
}

const draftFields = {
  startupName: textField("Nom de la startup", 120),
  startupSlug: slugField,
  startupBetaUrl: optionalUrlField,
  partnerId: uuidField,
  delegataireId: uuidField,
  partnerRepresentativeName: optionalTextField("Représentant du partenaire"),
  partnerRepresentativeTitle: optionalTextField("Qualité du représentant du partenaire"),
  delegataireRepresentativeName: optionalTextField("Représentant du délégataire"),
  delegataireRepresentativeTitle: optionalTextField("Qualité du représentant du délégataire"),
  delegantRepresentativeName: optionalTextField("Représentant de la DINUM"),
  delegantRepresentativeTitle: optionalTextField("Qualité du représentant de la DINUM"),
  /** How the text names the délégataire ("DNUM ministérielle, le délégataire"); empty: "le délégataire". */
  delegataireDesignation: optionalTextField("Désignation du délégataire"),
  intrapreneurName: optionalTextField("Intrapreneur"),
  sponsorName: optionalTextField("Sponsor"),
  credits: z.array(creditRow).max(MAX_CREDIT_ROWS, { error: `${MAX_CREDIT_ROWS} années au plus.` }),
  tranche1Share: shareField("Part de la tranche 1"),
  tranche2Share: shareField("Part de la tranche 2"),
  coFinancing: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .pipe(z.union([z.literal("").transform(() => null), eurosField])),
  midTermReviewDueOn: optionalIsoDateField,
  endsOn: isoDateField,
  purpose: longTextField("Objet de la convention"),
  legalBasis: linesField("Fondement juridique"),
  bop: optionalTextField("Programme (BOP)", 10),
  bopLabel: optionalTextField("Libellé du programme"),
  centreFinancier: optionalTextField("UO / centre financier", 40),
  domaineFonctionnel: optionalTextField("Domaine fonctionnel", 40),
  activite: optionalTextField("Activité", 40),
  centreDeCout: optionalTextField("Centre de coûts", 40),
  serviceExecutant: optionalTextField("Service exécutant", 40),
  comptableAssignataire: optionalTextField("Comptable assignataire"),
  signedAt: optionalTextField("Lieu de signature", 80),
};

export const createConventionInput = z.preprocess(
  gatherCredits,
  z.object({ promotionId: uuidField, reference: referenceField, ...draftFields }),
);
export type CreateConventionInput = z.infer<typeof createConventionInput>;

export const updateDraftInput = z.preprocess(gatherCredits, z.object({ conventionId: uuidField, ...draftFields }));
export type UpdateDraftInput = z.infer<typeof updateDraftInput>;

type DraftInput = Omit<UpdateDraftInput, "conventionId">;

// ───────────────────────────── Writing a draft ─────────────────────────────

/** The organisation chosen for a party: it exists, and is of that kind in the directory. */
async function organisationAs(tx: Tx, id: string, kind: PartyRole, field: string) {
  const org = await tx.organisation.findUnique({ where: { id }, include: { representatives: { where: { until: null }, orderBy: { since: "desc" }, take: 1 } } });
  if (!org) throw new Refusal(failure("NOT_FOUND", undefined, field));
  if (org.kind !== kind) throw new Refusal(failure("ORGANISATION_NOT_OF_KIND", { organisation: org.acronym, expected: kind }, field));
  return org;
}

const DESIGNATIONS: Record<PartyRole, string> = { DELEGANT: "le délégant", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" };

/** The columns of the convention a draft sets (the title and the object follow the FAST template). */
function conventionColumns(promotionName: string, input: DraftInput) {
  return {
    title: fastTitle(promotionName, input.startupName),
    fastCall: promotionName,
    startupName: input.startupName,
    startupSlug: input.startupSlug,
    startupBetaUrl: input.startupBetaUrl,
    fastFundingCents: sum(input.credits.map((c) => c.ae)),
    endsOn: toDbDate(input.endsOn),
    legalBasis: input.legalBasis,
    purpose: input.purpose ?? fastPurpose(input.startupName),
    marche: FAST_MARCHE,
    bop: input.bop ?? "",
    bopLabel: input.bopLabel ?? "",
    domaineFonctionnel: input.domaineFonctionnel ?? "",
    centreFinancier: input.centreFinancier ?? "",
    activite: input.activite ?? "",
    centreDeCout: input.centreDeCout ?? "",
    serviceExecutant: input.serviceExecutant,
    comptableAssignataire: input.comptableAssignataire ?? "",
    midTermReviewDueOn: input.midTermReviewDueOn ? toDbDate(input.midTermReviewDueOn) : null,
    coFinancingCents: input.coFinancing,
    intrapreneurName: input.intrapreneurName,
    sponsorName: input.sponsorName,
    signedAt: input.signedAt ?? "Paris",
  };
}

/** The draft's terms checked whatever is missing (shares, years, review date). */
function refuseIncoherentTerms(input: DraftInput): void {
  const problem = checkDraftTerms({
    endsOn: input.endsOn,
    midTermReviewDueOn: input.midTermReviewDueOn ?? null,
    credits: input.credits.map((c) => ({ year: c.year, aeCents: c.ae, cpCents: c.cp })),
    trancheShares: [input.tranche1Share, input.tranche2Share],
  });
  if (problem) throw new Refusal(problem);
}

/** Parties, credits, tranches and the obligations register of a draft, written again from its input. */
async function writeDraftTerms(tx: Tx, conventionId: string, input: DraftInput, delegant: { id: string; address: string; representative: { fullName: string; title: string } | null }) {
  const partner = await organisationAs(tx, input.partnerId, "PARTENAIRE", "partnerId");
  const delegataire = await organisationAs(tx, input.delegataireId, "DELEGATAIRE", "delegataireId");
  const parties = [
    { role: "DELEGANT" as const, org: { id: delegant.id, address: delegant.address }, representative: delegant.representative, name: input.delegantRepresentativeName, title: input.delegantRepresentativeTitle, designation: DESIGNATIONS.DELEGANT },
    { role: "PARTENAIRE" as const, org: partner, representative: partner.representatives[0] ?? null, name: input.partnerRepresentativeName, title: input.partnerRepresentativeTitle, designation: DESIGNATIONS.PARTENAIRE },
    { role: "DELEGATAIRE" as const, org: delegataire, representative: delegataire.representatives[0] ?? null, name: input.delegataireRepresentativeName, title: input.delegataireRepresentativeTitle, designation: input.delegataireDesignation ?? DESIGNATIONS.DELEGATAIRE },
  ];
  for (const p of parties) {
    // The organisation's representative in the directory, unless the draft names another.
    const data = { organisationId: p.org.id, designation: p.designation, address: p.org.address, representativeName: p.name ?? p.representative?.fullName ?? "", representativeTitle: p.title ?? p.representative?.title ?? "" };
    await tx.conventionParty.upsert({ where: { conventionId_role: { conventionId, role: p.role } }, create: { conventionId, role: p.role, ...data }, update: data });
  }
  // A draft has no release, review or avenant: its credits and tranches are simply its input.
  await tx.tranche.deleteMany({ where: { conventionId } });
  await tx.creditAllocation.deleteMany({ where: { conventionId } });
  await tx.creditAllocation.createMany({ data: input.credits.map((c) => ({ conventionId, year: c.year, aeCents: c.ae, cpCents: c.cp })) });
  const shares = [input.tranche1Share, input.tranche2Share] as const;
  await tx.tranche.createMany({
    data: input.credits.flatMap((c) =>
      (["AE", "CP"] as const).flatMap((creditType) => [
        { conventionId, year: c.year, creditType, rank: 1, shareBasisPoints: shares[0], trigger: "SIGNATURE" as const },
        { conventionId, year: c.year, creditType, rank: 2, shareBasisPoints: shares[1], trigger: "MID_TERM_REVIEW" as const },
      ]),
    ),
  });
  await writeObligations(tx, conventionId, { startupName: input.startupName, coFinancingCents: input.coFinancing, trancheShares: shares, signedOn: null, endsOn: input.endsOn });
}

/** The obligations register from the FAST template, by code: texts and due dates follow the convention. */
async function writeObligations(tx: Tx, conventionId: string, c: { startupName: string; coFinancingCents: bigint | null; trancheShares: readonly [number, number]; signedOn: IsoDate | null; endsOn: IsoDate }) {
  const templates = fastObligations({ startupName: c.startupName, coFinancingCents: c.coFinancingCents, trancheShares: c.trancheShares });
  for (const [position, o] of templates.entries()) {
    const dueOn = obligationDueOn(o.due, c);
    const data = { article: o.article, owedBy: o.owedBy, title: o.title, description: o.description, kind: o.kind, position, dueOn: dueOn ? toDbDate(dueOn) : null };
    await tx.obligation.upsert({ where: { conventionId_code: { conventionId, code: o.code } }, create: { conventionId, code: o.code, ...data }, update: data });
  }
}

/** What the audit trail keeps of a draft: its input as typed (amounts in cents). */
function draftSnapshot(input: DraftInput) {
  return { ...input, credits: input.credits.map((c) => ({ year: c.year, aeCents: c.ae, cpCents: c.cp })) };
}

/**
 * Creates a convention as a draft of a promotion, from the FAST template, with DINUM (the actor's organisation,
 * a délégant) as délégant. An incomplete draft is allowed: what it lacks is shown on its page. Answers its id.
 */
export async function createConventionDraft(ctx: ActorContext, input: CreateConventionInput): Promise<string> {
  const { tx } = ctx;
  const delegant = await tx.organisation.findUniqueOrThrow({ where: { id: ctx.actor.organisationId }, include: { representatives: { where: { until: null }, orderBy: { since: "desc" }, take: 1 } } });
  if (delegant.kind !== "DELEGANT") throw new Refusal(failure("CONVENTION_CREATOR_NOT_DELEGANT"));
  const promotion = await tx.fastPromotion.findUnique({ where: { id: input.promotionId } });
  if (!promotion) throw new Refusal(failure("PROMOTION_UNKNOWN", undefined, "promotionId"));
  if (await tx.convention.findUnique({ where: { reference: input.reference }, select: { id: true } })) {
    throw new Refusal(failure("CONVENTION_REFERENCE_TAKEN", { reference: input.reference }, "reference"));
  }
  refuseIncoherentTerms(input);
  const { promotionId, reference, ...draft } = input;
  const created = await tx.convention.create({ data: { reference, promotionId, ...conventionColumns(promotion.name, draft), createdAt: ctx.now } });
  await writeDraftTerms(tx, created.id, draft, { id: delegant.id, address: delegant.address, representative: delegant.representatives[0] ?? null });
  await ctx.audit({ kind: "convention.draft.create", conventionId: created.id, entity: "convention", entityId: created.id, after: { reference, promotion: promotion.name, ...draftSnapshot(draft) } });
  return created.id;
}

/** The convention's draft as the rules read it. */
async function loadDraft(tx: Tx, conventionId: string) {
  const c = await tx.convention.findUniqueOrThrow({
    where: { id: conventionId },
    include: { parties: true, credits: { orderBy: { year: "asc" } }, tranches: true, signatures: { orderBy: { signedOn: "asc" } }, promotion: true },
  });
  const stage: SignatureStage = signatureStage({ sentForSignatureOn: c.sentForSignatureOn ? isoDate(c.sentForSignatureOn) : null, signedOn: c.signedOn ? isoDate(c.signedOn) : null });
  const facts = draftFactsOf(c);
  return { convention: c, stage, facts };
}

/** Edits a draft (DINUM): refused once it is sent for signature (frozen) or signed (avenant only). */
export async function updateConventionDraft(ctx: UseCaseContext, input: UpdateDraftInput): Promise<void> {
  const { tx, conventionId } = ctx;
  const { convention, stage } = await loadDraft(tx, conventionId);
  const notEditable = checkDraftEditable(stage);
  if (notEditable) throw new Refusal(notEditable);
  refuseIncoherentTerms(input);
  const { conventionId: _conventionId, ...draft } = input;
  const delegantParty = convention.parties.find((p) => p.role === "DELEGANT")!;
  const delegant = await tx.organisation.findUniqueOrThrow({ where: { id: delegantParty.organisationId }, include: { representatives: { where: { until: null }, orderBy: { since: "desc" }, take: 1 } } });
  const promotionName = convention.promotion?.name ?? convention.fastCall;
  const before = { startupName: convention.startupName, endsOn: isoDate(convention.endsOn), credits: convention.credits.map((c) => ({ year: c.year, aeCents: c.aeCents, cpCents: c.cpCents })), parties: convention.parties.map((p) => ({ role: p.role, organisationId: p.organisationId, representativeName: p.representativeName, representativeTitle: p.representativeTitle })) };
  await tx.convention.update({ where: { id: conventionId }, data: conventionColumns(promotionName, draft) });
  await writeDraftTerms(tx, conventionId, draft, { id: delegant.id, address: delegant.address, representative: delegant.representatives[0] ?? null });
  await ctx.audit({ kind: "convention.draft.update", entity: "convention", entityId: conventionId, before, after: draftSnapshot(draft) });
}

export const conventionIdInput = z.object({ conventionId: uuidField });

/** Freezes a complete draft and sends it to the parties for signature, today. */
export async function sendForSignature(ctx: UseCaseContext, _input: z.infer<typeof conventionIdInput>): Promise<void> {
  const { tx, conventionId, today } = ctx;
  const { stage, facts } = await loadDraft(tx, conventionId);
  const problem = checkSendForSignature(stage, facts);
  if (problem) throw new Refusal(problem);
  await tx.convention.update({ where: { id: conventionId }, data: { sentForSignatureOn: toDbDate(today) } });
  await ctx.audit({ kind: "convention.signature.open", entity: "convention", entityId: conventionId, after: { sentForSignatureOn: today } });
}

export const signatureInput = z.object({
  conventionId: uuidField,
  party: z.enum(PARTY_ROLES, { error: "Choisissez la partie qui a signé." }),
  signedOn: isoDateField,
  /** Empty: the party's representative named in the convention. */
  signatoryName: optionalTextField("Signataire"),
  signatoryTitle: optionalTextField("Qualité du signataire"),
});
export type SignatureInput = z.infer<typeof signatureInput>;

/**
 * Records one party's signature (DINUM collects the paper originals): in order, partner first and DINUM last.
 * DINUM's signature signs the convention: signedOn is its date, the obligations counted from the signature get
 * their due dates, and tranche 1 can be released from that day.
 */
export async function recordSignature(ctx: UseCaseContext, input: SignatureInput): Promise<void> {
  const { tx, conventionId, today } = ctx;
  const { convention, stage } = await loadDraft(tx, conventionId);
  const signatures = convention.signatures.map((s) => ({ party: s.party, signedOn: isoDate(s.signedOn) }));
  const problem = checkSignature({ stage, sentForSignatureOn: convention.sentForSignatureOn ? isoDate(convention.sentForSignatureOn) : null, signatures }, { party: input.party, signedOn: input.signedOn }, today);
  if (problem) throw new Refusal(problem);
  const party = convention.parties.find((p) => p.role === input.party)!;
  const created = await tx.conventionSignature.create({
    data: {
      conventionId,
      party: input.party,
      signedOn: toDbDate(input.signedOn),
      signatoryName: input.signatoryName ?? party.representativeName,
      signatoryTitle: input.signatoryTitle ?? party.representativeTitle,
      recordedById: ctx.actor.userId,
    },
  });
  await ctx.audit({ kind: "convention.signature", entity: "conventionSignature", entityId: created.id, after: { party: input.party, signedOn: input.signedOn, signatoryName: created.signatoryName, signatoryTitle: created.signatoryTitle } });
  if (input.party !== "DELEGANT") return;
  await tx.convention.update({ where: { id: conventionId }, data: { signedOn: toDbDate(input.signedOn) } });
  const shares = [1, 2].map((rank) => convention.tranches.find((t) => t.rank === rank)?.shareBasisPoints ?? 5000) as [number, number];
  await writeObligations(tx, conventionId, { startupName: convention.startupName, coFinancingCents: convention.coFinancingCents, trancheShares: shares, signedOn: input.signedOn, endsOn: isoDate(convention.endsOn) });
  await ctx.audit({ kind: "convention.sign", entity: "convention", entityId: conventionId, after: { signedOn: input.signedOn } });
}

// ───────────────────────────── Publication (article 7) ─────────────────────────────

/** A publication's link: empty, or an https address. */
const publicationUrlField = z
  .string({ error: "Adresse attendue." })
  .optional()
  .transform((v) => v?.trim() ?? "")
  .refine((v) => v === "" || (/^https:\/\/[^\s]+$/.test(v) && v.length <= 500), { error: "Adresse invalide : elle commence par https:// (500 caractères au plus)." })
  .transform((v) => (v === "" ? null : v));

export const publishInput = z.object({
  conventionId: uuidField,
  /** The day the copy of the signed convention was sent to the CBCM: a copy goes before the publication. */
  cbcmCopySentOn: isoDateField,
  /** The page of gouvernement.fr's "délégations de gestion" where it is listed, when known. */
  publicationUrl: publicationUrlField,
  /** Its data.gouv.fr data set, when known. */
  dataGouvUrl: publicationUrlField,
});
export type PublishInput = z.infer<typeof publishInput>;

/**
 * Publishes a signed convention (DINUM, article 7), today, once its copy went to the CBCM (the day is recorded):
 * it appears on /publiques/conventions, in the open-data exports and on its startup's public page. Links left
 * empty keep those already recorded.
 */
export async function publishConvention(ctx: UseCaseContext, input: PublishInput): Promise<void> {
  const { tx, conventionId, today } = ctx;
  const c = await tx.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { published: true, publishedOn: true, sentForSignatureOn: true, signedOn: true, publicationUrl: true, dataGouvUrl: true } });
  const signedOn = c.signedOn && isoDate(c.signedOn);
  const stage = signatureStage({ sentForSignatureOn: c.sentForSignatureOn && isoDate(c.sentForSignatureOn), signedOn });
  const problem = checkPublish({ stage, signedOn, published: c.published, publishedOn: c.publishedOn && isoDate(c.publishedOn) }, input.cbcmCopySentOn, today);
  if (problem) throw new Refusal(problem);
  const publicationUrl = input.publicationUrl ?? c.publicationUrl;
  const dataGouvUrl = input.dataGouvUrl ?? c.dataGouvUrl;
  await tx.convention.update({ where: { id: conventionId }, data: { published: true, publishedOn: toDbDate(today), cbcmCopySentOn: toDbDate(input.cbcmCopySentOn), publicationUrl, dataGouvUrl } });
  await ctx.audit({ kind: "convention.publish", entity: "convention", entityId: conventionId, after: { publishedOn: today, cbcmCopySentOn: input.cbcmCopySentOn, publicationUrl, dataGouvUrl } });
}

export const unpublishInput = z.object({ conventionId: uuidField, reason: textField("Motif du retrait", 1000) });
export type UnpublishInput = z.infer<typeof unpublishInput>;

/**
 * Withdraws a convention's publication (DINUM), with its reason: it leaves the public list, the exports and
 * its startup's public page; the convention, its signatures and its record stay. It may be published again.
 */
export async function unpublishConvention(ctx: UseCaseContext, input: UnpublishInput): Promise<void> {
  const { tx, conventionId, today } = ctx;
  const c = await tx.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { published: true, publishedOn: true } });
  const problem = checkUnpublish(c);
  if (problem) throw new Refusal(problem);
  await tx.convention.update({ where: { id: conventionId }, data: { published: false, publishedOn: null } });
  await ctx.audit({ kind: "convention.unpublish", entity: "convention", entityId: conventionId, before: { publishedOn: c.publishedOn && isoDate(c.publishedOn) }, after: { withdrawnOn: today, reason: input.reason } });
}

// ───────────────────────────── Comments on the draft ─────────────────────────────

export const DRAFT_COMMENT_MAX = 4000;
export const draftCommentInput = z.object({ conventionId: uuidField, body: textField("Commentaire", DRAFT_COMMENT_MAX) });
export type DraftCommentInput = z.infer<typeof draftCommentInput>;

/**
 * A party's comment on the draft (an agent of the partner, the délégataire or DINUM), kept with its author,
 * party and moment; accepted until the convention is signed (src/domain/convention-drafts.ts). Answers its id.
 */
export async function commentDraft(ctx: UseCaseContext, input: DraftCommentInput): Promise<string> {
  const { tx, conventionId, actor } = ctx;
  const c = await tx.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { sentForSignatureOn: true, signedOn: true } });
  const closed = checkDraftComment(signatureStage({ sentForSignatureOn: c.sentForSignatureOn && isoDate(c.sentForSignatureOn), signedOn: c.signedOn && isoDate(c.signedOn) }));
  if (closed) throw new Refusal(closed);
  const party = PARTY_ROLES.find((role) => ctx.parties[role] === actor.organisationId);
  if (!party) throw new Refusal(failure("FORBIDDEN"));
  const created = await tx.draftComment.create({ data: { conventionId, authorId: actor.userId, party, body: input.body, createdAt: ctx.now } });
  await ctx.audit({ kind: "convention.comment", entity: "draftComment", entityId: created.id, after: { party, body: input.body } });
  return created.id;
}
