"use server";
// DINUM's and the parties' writes on a convention's life: the mid-term review, the release of a tranche,
// avenants, termination notices, suspensions. Each one goes through runConventionAction (session, zod,
// permission, locked transaction, audit); the rules themselves are the domain's, re-checked here on the
// facts read inside the transaction.
import { z } from "zod";
import { deriveConvention, parseAvenants, releasesOf } from "@/domain/convention-view";
import { avenantChangesSchema, avenantChangesToJson, type AvenantRecord } from "@/domain/terms";
import { checkAvenant, complementaryTranches } from "@/domain/credits";
import { checkRelease, trancheName } from "@/domain/tranches";
import { checkReview, checkSuspension, checkSuspensionLift, checkTerminationNotice, type EventCheck } from "@/domain/life-events";
import { todayInParis, toDbDate, type IsoDate } from "@/domain/dates";
import { formatEuros } from "@/domain/money";
import { centsField, eurosField, isoDateField, optionalIsoDateField, textField, uuidField } from "@/domain/fields";
import { PARTY_ROLES } from "@/domain/permissions";
import { loadConventionFacts } from "../repositories/convention-facts";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const conventionPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/tranches`, `/conventions/${id}/vie`, `/conventions/${id}/historique`, "/pilotage"];

function refuseUnless(check: EventCheck): void {
  if (!check.ok) throw new Refusal(check.message, { [check.field]: check.message });
}

async function derivedNow(tx: Parameters<typeof loadConventionFacts>[1], conventionId: string, today: IsoDate) {
  const facts = await loadConventionFacts(conventionId, tx);
  return { facts, view: deriveConvention(facts, today) };
}

// ───────────────────────────── Mid-term review ─────────────────────────────

const reviewSchema = z.object({
  conventionId: uuidField,
  reviewedOn: isoDateField,
  verdict: z.enum(["SATISFAISANTE", "INSUFFISANTE"], { error: "Choisissez le constat : mobilisation satisfaisante ou insuffisante." }),
  comments: textField("Commentaires", 5000),
});

/** Records a mid-term review. A correction is a new review: the earlier ones stay in the history. */
export async function recordReviewAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "review.record",
    schema: reviewSchema,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "Le bilan de mi-parcours est enregistré.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const { view } = await derivedNow(tx, conventionId, today);
      refuseUnless(checkReview(view.facts, input.reviewedOn, today));
      const review = await tx.midTermReview.create({
        data: { conventionId, reviewedOn: toDbDate(input.reviewedOn), verdict: input.verdict, comments: input.comments, recordedById: actor.userId },
      });
      await audit({
        kind: "review.record",
        entity: "midTermReview",
        entityId: review.id,
        before: view.review ? { reviewedOn: view.review.reviewedOn, verdict: view.review.verdict, comments: view.review.comments } : undefined,
        after: { reviewedOn: input.reviewedOn, verdict: input.verdict, comments: input.comments },
      });
      return undefined;
    },
  });
}

// ───────────────────────────── Release of a tranche ─────────────────────────────

const releaseSchema = z.object({
  conventionId: uuidField,
  trancheId: uuidField,
  /** The amount the user saw and confirmed: the release refuses if it changed meanwhile. */
  confirmedAmountCents: centsField,
});

export async function releaseTrancheAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "tranche.release",
    schema: releaseSchema,
    input: formFields(formData),
    revalidate: conventionPaths,
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const { facts, view } = await derivedNow(tx, conventionId, today);
      const row = facts.tranches.find((t) => t.id === input.trancheId);
      if (!row) throw new Refusal("Cette tranche n'appartient pas à cette convention.");
      const tranche = view.tranches.find((t) => t.year === row.year && t.creditType === row.creditType && t.rank === row.rank);
      const check = checkRelease(tranche);
      if (!check.ok) throw new Refusal(check.message);
      if (check.amountCents !== input.confirmedAmountCents) {
        throw new Refusal(
          `Le montant de la tranche ${row.rank} (${row.creditType} ${row.year}) a changé depuis l'affichage (${formatEuros(check.amountCents)} au lieu de ${formatEuros(input.confirmedAmountCents)}) : vérifiez-le, puis confirmez à nouveau.`,
        );
      }
      const release = await tx.trancheRelease.create({
        data: { trancheId: row.id, releasedOn: toDbDate(today), amountCents: check.amountCents, releasedById: actor.userId },
      });
      await audit({
        kind: "tranche.release",
        entity: "trancheRelease",
        entityId: release.id,
        after: { tranche: trancheName(row), amountCents: check.amountCents, releasedOn: today },
      });
      return undefined;
    },
    successMessage: "La tranche est débloquée.",
  });
}

// ───────────────────────────── Avenants ─────────────────────────────

const optionalEuros = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v : undefined))
  .pipe(eurosField.optional());

const avenantFormSchema = z
  .object({
    conventionId: uuidField,
    number: z.coerce
      .number({ error: "Numéro d'avenant attendu (1, 2…)." })
      .int({ error: "Numéro d'avenant attendu (1, 2…)." })
      .min(1, { error: "Le numéro d'un avenant commence à 1." })
      .max(99, { error: "Numéro d'avenant trop grand." }),
    signedOn: isoDateField,
    object: textField("Objet de l'avenant", 2000),
    cbcmCopySentOn: optionalIsoDateField,
    endsOn: optionalIsoDateField,
    midTermReviewDueOn: optionalIsoDateField,
    /** Years whose credits change: "2024" or "2024,2025". */
    creditYears: z
      .string()
      .optional()
      .transform((v) => (v ?? "").split(",").map((y) => y.trim()).filter(Boolean).map(Number))
      .pipe(z.array(z.number().int().min(2000, { error: "Année invalide." }).max(2100, { error: "Année invalide." }))),
  })
  .loose();

/**
 * The form lists, per year, `ae-<year>` and `cp-<year>` (empty: unchanged), and `newYear`, `ae-new`,
 * `cp-new` for a year the avenant adds. A year added gets the FAST's tranches: 50 % at signature,
 * 50 % after the mid-term review.
 */
function avenantChangesFromForm(form: z.infer<typeof avenantFormSchema>, raw: Record<string, string>) {
  const fieldErrors: Record<string, string> = {};
  const credits: { year: number; aeCents?: string; cpCents?: string }[] = [];
  const tranches: { year: number; creditType: "AE" | "CP"; shares: { rank: number; shareBasisPoints: number; trigger: "SIGNATURE" | "MID_TERM_REVIEW" }[] }[] = [];
  const readAmount = (key: string) => {
    const parsed = optionalEuros.safeParse(raw[key]);
    if (!parsed.success) {
      fieldErrors[key] = parsed.error.issues[0]?.message ?? "Montant invalide.";
      return undefined;
    }
    return parsed.data?.toString();
  };
  for (const year of form.creditYears) {
    const aeCents = readAmount(`ae-${year}`);
    const cpCents = readAmount(`cp-${year}`);
    if (aeCents !== undefined || cpCents !== undefined) credits.push({ year, ...(aeCents ? { aeCents } : {}), ...(cpCents ? { cpCents } : {}) });
  }
  const newYearText = raw.newYear?.trim();
  if (newYearText) {
    const newYear = Number(newYearText);
    if (!Number.isInteger(newYear) || newYear < 2000 || newYear > 2100) fieldErrors.newYear = "Année invalide : entre 2000 et 2100.";
    else if (form.creditYears.includes(newYear)) fieldErrors.newYear = `L'année ${newYear} figure déjà dans la convention : modifiez-la plus haut.`;
    else {
      const aeCents = readAmount("ae-new") ?? "0";
      const cpCents = readAmount("cp-new") ?? "0";
      credits.push({ year: newYear, aeCents, cpCents });
      for (const creditType of ["AE", "CP"] as const) {
        tranches.push({
          year: newYear,
          creditType,
          shares: [
            { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
            { rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
          ],
        });
      }
    }
  }
  if (Object.keys(fieldErrors).length) throw new Refusal("Certaines informations sont à corriger.", fieldErrors);
  const candidate = {
    ...(form.endsOn ? { endsOn: form.endsOn } : {}),
    ...(form.midTermReviewDueOn ? { midTermReviewDueOn: form.midTermReviewDueOn } : {}),
    ...(credits.length ? { credits } : {}),
    ...(tranches.length ? { tranches } : {}),
  };
  const parsed = avenantChangesSchema.safeParse(candidate);
  if (!parsed.success) throw new Refusal(parsed.error.issues[0]?.message ?? "Changements invalides.");
  return parsed.data;
}

export async function recordAvenantAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const raw = formFields(formData);
  return runConventionAction({
    action: "avenant.record",
    schema: avenantFormSchema,
    input: raw,
    revalidate: conventionPaths,
    successMessage: "L'avenant est enregistré ; les conditions en vigueur sont mises à jour.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const asked = avenantChangesFromForm(input, raw);
      const { facts, view } = await derivedNow(tx, conventionId, today);
      // An increase of a year whose tranches were all released gets its own tranche (due at signature).
      const given = new Set((asked.tranches ?? []).map((t) => `${t.year}|${t.creditType}`));
      const complements = complementaryTranches(view.terms, releasesOf(facts), asked.credits ?? []).filter((t) => !given.has(`${t.year}|${t.creditType}`));
      const changes = complements.length ? { ...asked, tranches: [...(asked.tranches ?? []), ...complements] } : asked;
      if (input.cbcmCopySentOn && input.cbcmCopySentOn < input.signedOn) {
        throw new Refusal("L'envoi au CBCM ne peut pas précéder la signature de l'avenant.", { cbcmCopySentOn: "Date antérieure à la signature." });
      }
      const candidate: AvenantRecord = { number: input.number, signedOn: input.signedOn, changes };
      const { endsOn: _endsOn, ...life } = view.facts;
      const check = checkAvenant(
        {
          original: view.original,
          avenants: parseAvenants(facts.avenants),
          candidate,
          facts: life,
          money: { releases: releasesOf(facts), engaged: facts.engaged, paid: facts.paid },
        },
        today,
      );
      if (!check.ok) throw new Refusal(check.refusals.map((r) => r.message).join(" "));
      const avenant = await tx.avenant.create({
        data: {
          conventionId,
          number: input.number,
          signedOn: toDbDate(input.signedOn),
          object: input.object,
          changes: avenantChangesToJson(changes),
          cbcmCopySentOn: input.cbcmCopySentOn ? toDbDate(input.cbcmCopySentOn) : null,
          recordedById: actor.userId,
        },
      });
      // Tranches the avenant introduces get a row, so that DINUM can release them.
      const existing = new Set(facts.tranches.map((t) => `${t.year}|${t.creditType}|${t.rank}`));
      for (const t of check.terms.tranches) {
        if (existing.has(`${t.year}|${t.creditType}|${t.rank}`)) continue;
        await tx.tranche.create({
          data: { conventionId, year: t.year, creditType: t.creditType, rank: t.rank, shareBasisPoints: t.shareBasisPoints, trigger: t.trigger, fromAvenantId: avenant.id },
        });
      }
      await audit({
        kind: "avenant.record",
        entity: "avenant",
        entityId: avenant.id,
        before: { endsOn: view.terms.endsOn, credits: view.terms.credits },
        after: { number: input.number, signedOn: input.signedOn, object: input.object, cbcmCopySentOn: input.cbcmCopySentOn ?? null, changes: avenantChangesToJson(changes) },
      });
      return undefined;
    },
  });
}

// ───────────────────────────── Termination notices ─────────────────────────────

const terminationSchema = z.object({
  conventionId: uuidField,
  noticeOn: isoDateField,
  reason: textField("Motif", 5000),
});

export async function recordTerminationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.terminate",
    schema: terminationSchema,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "Le préavis de résiliation est enregistré.",
    run: async ({ tx, input, actor, conventionId, parties, audit }) => {
      const today = todayInParis();
      // The notice is given by the author's own party (administrators are not parties: see PERMISSIONS).
      const byParty = PARTY_ROLES.find((role) => parties[role] === actor.organisationId);
      if (!byParty) throw new Refusal("Seule une partie à la convention peut la résilier.");
      const { view } = await derivedNow(tx, conventionId, today);
      refuseUnless(checkTerminationNotice(view.facts, input.noticeOn, today));
      const notice = await tx.terminationNotice.create({
        data: { conventionId, byParty, noticeOn: toDbDate(input.noticeOn), reason: input.reason, authorId: actor.userId },
      });
      await audit({ kind: "termination.notify", entity: "terminationNotice", entityId: notice.id, after: { byParty, noticeOn: input.noticeOn, reason: input.reason } });
      return undefined;
    },
  });
}

// ───────────────────────────── Suspensions ─────────────────────────────

const suspensionSchema = z.object({ conventionId: uuidField, startsOn: isoDateField, reason: textField("Motif", 5000) });

export async function recordSuspensionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "suspension.record",
    schema: suspensionSchema,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "La suspension est enregistrée.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const today = todayInParis();
      const { view } = await derivedNow(tx, conventionId, today);
      refuseUnless(checkSuspension(view.facts, input.startsOn, today));
      const suspension = await tx.suspension.create({
        data: { conventionId, startsOn: toDbDate(input.startsOn), reason: input.reason, recordedById: actor.userId },
      });
      await audit({ kind: "suspension.record", entity: "suspension", entityId: suspension.id, after: { startsOn: input.startsOn, reason: input.reason } });
      return undefined;
    },
  });
}

const liftSchema = z.object({ conventionId: uuidField, suspensionId: uuidField, liftedOn: isoDateField });

export async function liftSuspensionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "suspension.record",
    schema: liftSchema,
    input: formFields(formData),
    revalidate: conventionPaths,
    successMessage: "La suspension est levée.",
    run: async ({ tx, input, conventionId, audit }) => {
      const today = todayInParis();
      const { facts } = await derivedNow(tx, conventionId, today);
      const suspension = facts.suspensions.find((s) => s.id === input.suspensionId);
      if (!suspension) throw new Refusal("Cette suspension n'appartient pas à cette convention.");
      refuseUnless(checkSuspensionLift(suspension, input.liftedOn, today));
      await tx.suspension.update({ where: { id: suspension.id }, data: { liftedOn: toDbDate(input.liftedOn) } });
      await audit({
        kind: "suspension.lift",
        entity: "suspension",
        entityId: suspension.id,
        before: { startsOn: suspension.startsOn, liftedOn: null },
        after: { startsOn: suspension.startsOn, liftedOn: input.liftedOn },
      });
      return undefined;
    },
  });
}
