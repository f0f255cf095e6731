import "server-only";
// DINUM's and the parties' writes on a convention's life: the mid-term review, the release of a tranche,
// avenants, termination notices, suspensions. The rules are the domain's (src/domain/life-events.ts,
// tranches.ts, credits.ts), checked on the facts read inside the caller's transaction on `today`.
import { z } from "zod";
import { parseAvenants, releasesOf } from "@/domain/convention-view";
import { avenantChangesSchema, avenantChangesToJson, fastYearTranches, type AvenantRecord } from "@/domain/terms";
import { checkAvenant, complementaryTranches } from "@/domain/credits";
import { checkRelease, trancheName } from "@/domain/tranches";
import { checkAvenantCbcmCopy, checkReview, checkSuspension, checkSuspensionLift, checkTerminationNotice, type EventCheck } from "@/domain/life-events";
import { isoDate, toDbDate } from "@/domain/dates";
import { failure, failureIn, messageOf } from "@/domain/failures";
import { afterEndPeriod, checkNoConflict, checkNoticeDating, checkTerminationWithdrawal, suspensionPeriod, terminationPeriod } from "@/domain/record-conflicts";
import { loadRecordsFrom } from "../repositories/dated-records";
import { centsField, eurosField, isoDateField, optionalIsoDateField, optionalTextField, textField, uuidField } from "@/domain/fields";
import { PARTY_ROLES } from "@/domain/permissions";
import { Refusal, type UseCaseContext } from "./context";
import { conventionNow as derivedNow } from "./convention-now";

function refuseUnless(check: EventCheck): void {
  if (!check.ok) throw new Refusal(check);
}

// ───────────────────────────── Mid-term review ─────────────────────────────

export const recordReviewInput = z.object({
  conventionId: uuidField,
  reviewedOn: isoDateField,
  verdict: z.enum(["SATISFAISANTE", "INSUFFISANTE"], { error: "Choisissez le constat : mobilisation satisfaisante ou insuffisante." }),
  comments: textField("Commentaires", 5000),
  /** The investment committee the review was held at (same date), if any: the review cites it as evidence. */
  committeeId: uuidField.optional().or(z.literal("").transform(() => undefined)),
});
export type RecordReviewInput = z.infer<typeof recordReviewInput>;

/** Records a mid-term review. A correction is a new review: the earlier ones stay in the history. */
export async function recordReview(ctx: UseCaseContext, input: RecordReviewInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const { view } = await derivedNow(ctx);
  refuseUnless(checkReview(view.facts, input.reviewedOn, today));
  // Issue 16: a review held at a committee cites it; it bears the committee's date.
  const committee = input.committeeId ? await tx.investmentCommittee.findFirst({ where: { id: input.committeeId, conventionId }, select: { id: true, heldOn: true } }) : null;
  if (input.committeeId && !committee) throw new Refusal(failure("COMMITTEE_UNKNOWN", undefined, "committeeId"));
  if (committee && isoDate(committee.heldOn) !== input.reviewedOn) {
    throw new Refusal(failure("REVIEW_COMMITTEE_DATE_MISMATCH", { heldOn: isoDate(committee.heldOn), reviewedOn: input.reviewedOn }, "reviewedOn"));
  }
  const review = await tx.midTermReview.create({
    data: { conventionId, reviewedOn: toDbDate(input.reviewedOn), verdict: input.verdict, comments: input.comments, recordedById: actor.userId, committeeId: committee?.id ?? null },
  });
  await audit({
    kind: "review.record",
    entity: "midTermReview",
    entityId: review.id,
    before: view.review ? { reviewedOn: view.review.reviewedOn, verdict: view.review.verdict, comments: view.review.comments } : undefined,
    after: { reviewedOn: input.reviewedOn, verdict: input.verdict, comments: input.comments, ...(committee ? { committeeHeldOn: isoDate(committee.heldOn) } : {}) },
  });
}

// ───────────────────────────── Release of a tranche ─────────────────────────────

export const releaseTrancheInput = z.object({
  conventionId: uuidField,
  trancheId: uuidField,
  /** The amount the user saw and confirmed: the release refuses if it changed meanwhile. */
  confirmedAmountCents: centsField,
});
export type ReleaseTrancheInput = z.infer<typeof releaseTrancheInput>;

/** Releases a débloquable tranche, on `today`, for the amount confirmed. */
export async function releaseTranche(ctx: UseCaseContext, input: ReleaseTrancheInput): Promise<void> {
  const { tx, actor, today, audit } = ctx;
  const { facts, view } = await derivedNow(ctx);
  const row = facts.tranches.find((t) => t.id === input.trancheId);
  if (!row) throw new Refusal(failure("TRANCHE_NOT_IN_CONVENTION"));
  const tranche = view.tranches.find((t) => t.year === row.year && t.creditType === row.creditType && t.rank === row.rank);
  const check = checkRelease(tranche);
  if (!check.ok) throw new Refusal(check);
  if (check.amountCents !== input.confirmedAmountCents) {
    throw new Refusal(failure("TRANCHE_AMOUNT_CHANGED", { rank: row.rank, creditType: row.creditType, year: row.year, amountCents: check.amountCents, confirmedCents: input.confirmedAmountCents }));
  }
  const release = await tx.trancheRelease.create({
    data: { trancheId: row.id, releasedOn: toDbDate(today), amountCents: check.amountCents, releasedById: actor.userId },
  });
  await audit({ kind: "tranche.release", entity: "trancheRelease", entityId: release.id, after: { tranche: trancheName(row), amountCents: check.amountCents, releasedOn: today } });
}

// ───────────────────────────── Avenants ─────────────────────────────

const optionalEuros = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v : undefined))
  .pipe(eurosField.optional());

const yearField = z.number().int().min(2000, { error: "Année invalide." }).max(2100, { error: "Année invalide." });

/**
 * The avenant's form, validated whole before any transaction: per year, `ae-<year>` and `cp-<year>` (empty:
 * unchanged), and `newYear`, `ae-new`, `cp-new` for a year the avenant adds (given the FAST's tranches).
 * The output is the avenant's number, dates, object and its changes (src/domain/terms.ts).
 */
export const recordAvenantInput = z
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
      .pipe(z.array(yearField)),
    /** Read with the amounts below, so that every problem of the form is reported at once. */
    newYear: z.string().optional(),
  })
  .catchall(z.string())
  .transform((form, ctx) => {
    let problems = 0;
    const problem = (path: string, message: string) => {
      problems += 1;
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const amount = (key: string): string | undefined => {
      const parsed = optionalEuros.safeParse(form[key]);
      if (parsed.success) return parsed.data?.toString();
      problem(key, parsed.error.issues[0]?.message ?? "Montant invalide.");
      return undefined;
    };
    const credits: { year: number; aeCents?: string; cpCents?: string }[] = [];
    for (const year of form.creditYears) {
      const aeCents = amount(`ae-${year}`);
      const cpCents = amount(`cp-${year}`);
      if (aeCents !== undefined || cpCents !== undefined) credits.push({ year, ...(aeCents ? { aeCents } : {}), ...(cpCents ? { cpCents } : {}) });
    }
    const tranches: ReturnType<typeof fastYearTranches> = [];
    const newYearText = form.newYear?.trim();
    if (newYearText) {
      const newYear = yearField.safeParse(Number(newYearText));
      if (!newYear.success) problem("newYear", "Année invalide : entre 2000 et 2100.");
      else if (form.creditYears.includes(newYear.data)) problem("newYear", messageOf(failure("AVENANT_YEAR_ALREADY_IN", { year: newYear.data })));
      else {
        credits.push({ year: newYear.data, aeCents: amount("ae-new") ?? "0", cpCents: amount("cp-new") ?? "0" });
        tranches.push(...fastYearTranches(newYear.data));
      }
    }
    if (problems > 0) return z.NEVER;
    const changes = avenantChangesSchema.safeParse({
      ...(form.endsOn ? { endsOn: form.endsOn } : {}),
      ...(form.midTermReviewDueOn ? { midTermReviewDueOn: form.midTermReviewDueOn } : {}),
      ...(credits.length ? { credits } : {}),
      ...(tranches.length ? { tranches } : {}),
    });
    if (!changes.success) {
      for (const issue of changes.error.issues) ctx.addIssue({ code: "custom", path: issue.path.length ? issue.path.map(String) : ["_"], message: issue.message });
      return z.NEVER;
    }
    return { conventionId: form.conventionId, number: form.number, signedOn: form.signedOn, object: form.object, cbcmCopySentOn: form.cbcmCopySentOn, changes: changes.data };
  });
export type RecordAvenantInput = z.output<typeof recordAvenantInput>;

export async function recordAvenant(ctx: UseCaseContext, input: RecordAvenantInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const { facts, view } = await derivedNow(ctx);
  refuseUnless(checkAvenantCbcmCopy(input.signedOn, input.cbcmCopySentOn ?? null));
  // An increase of a year whose tranches were all released gets its own tranche (due at signature).
  const asked = input.changes;
  const given = new Set((asked.tranches ?? []).map((t) => `${t.year}|${t.creditType}`));
  const complements = complementaryTranches(view.terms, releasesOf(facts), asked.credits ?? []).filter((t) => !given.has(`${t.year}|${t.creditType}`));
  const changes = complements.length ? { ...asked, tranches: [...(asked.tranches ?? []), ...complements] } : asked;
  const candidate: AvenantRecord = { number: input.number, signedOn: input.signedOn, changes };
  const { endsOn: _endsOn, ...life } = view.facts;
  const check = checkAvenant(
    { original: view.original, avenants: parseAvenants(facts.avenants), candidate, facts: life, money: { releases: releasesOf(facts), engaged: facts.engaged, paid: facts.paid } },
    today,
  );
  if (!check.ok) throw new Refusal(check.refusals.length === 1 ? failureIn(check) : failure("SEVERAL", { failures: check.refusals }));
  // A new end date may not leave records already kept after it (they are named).
  if (changes.endsOn) {
    const period = afterEndPeriod(changes.endsOn);
    const conflict = checkNoConflict(period, await loadRecordsFrom(conventionId, period.from, tx), "endsOn");
    if (conflict) throw new Refusal(conflict);
  }
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
}

// ───────────────────────────── Termination notices ─────────────────────────────

export const recordTerminationInput = z.object({
  conventionId: uuidField,
  noticeOn: isoDateField,
  reason: textField("Motif", 5000),
  /** A notice dated before today is a regularisation: DINUM records it, says why, and names the party that gave it. */
  regularisationReason: optionalTextField("Motif de la régularisation", 5000),
  byParty: z.enum(PARTY_ROLES, { error: "Choisissez la partie qui a donné le préavis." }).optional(),
});
export type RecordTerminationInput = z.infer<typeof recordTerminationInput>;

/**
 * A termination notice, dated the day it is recorded (or earlier, as DINUM's regularisation with its reason),
 * never so that what is already recorded would fall after its effective date: those records are named.
 */
export async function recordTermination(ctx: UseCaseContext, input: RecordTerminationInput): Promise<void> {
  const { tx, actor, conventionId, parties, today, audit } = ctx;
  // The notice is given by the author's own party (administrators are not parties: see PERMISSIONS).
  const actorParty = PARTY_ROLES.find((role) => parties[role] === actor.organisationId) ?? null;
  if (!actorParty) throw new Refusal(failure("TERMINATION_BY_NON_PARTY"));
  const { view } = await derivedNow(ctx);
  refuseUnless(checkTerminationNotice(view.facts, input.noticeOn, today));
  const regularisationReason = input.regularisationReason ?? null;
  const dating = checkNoticeDating({ noticeOn: input.noticeOn, today, regularisationReason, actorParty });
  if (dating) throw new Refusal(dating);
  const regularisation = regularisationReason !== null && input.noticeOn < today;
  // DINUM regularises a notice another party gave; otherwise the notice is the author's party's own.
  if (regularisation && !input.byParty) throw new Refusal(failure("REGULARISATION_PARTY_MISSING", undefined, "byParty"));
  const byParty = regularisation ? input.byParty! : actorParty;
  const period = terminationPeriod(input.noticeOn, view.facts.terminationNoticeMonths);
  const conflict = checkNoConflict(period, await loadRecordsFrom(conventionId, period.from, tx), "noticeOn");
  if (conflict) throw new Refusal(conflict);
  const notice = await tx.terminationNotice.create({
    data: { conventionId, byParty, noticeOn: toDbDate(input.noticeOn), reason: input.reason, authorId: actor.userId, regularisationReason: regularisation ? regularisationReason : null },
  });
  await audit({
    kind: "termination.notify",
    entity: "terminationNotice",
    entityId: notice.id,
    after: { byParty, noticeOn: input.noticeOn, reason: input.reason, ...(regularisation ? { regularisationReason } : {}) },
  });
}

export const withdrawTerminationInput = z.object({ conventionId: uuidField, noticeId: uuidField });
export type WithdrawTerminationInput = z.infer<typeof withdrawTerminationInput>;

/** The party that gave a termination notice withdraws it, on `today`, before it takes effect. */
export async function withdrawTermination(ctx: UseCaseContext, input: WithdrawTerminationInput): Promise<void> {
  const { tx, actor, conventionId, parties, today, audit } = ctx;
  const notice = await tx.terminationNotice.findFirst({ where: { id: input.noticeId, conventionId } });
  if (!notice) throw new Refusal(failure("TERMINATION_NOT_IN_CONVENTION"));
  const convention = await tx.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { terminationNoticeMonths: true } });
  const actorParty = PARTY_ROLES.find((role) => parties[role] === actor.organisationId) ?? null;
  const refusal = checkTerminationWithdrawal(
    { byParty: notice.byParty, noticeOn: isoDate(notice.noticeOn), withdrawnOn: notice.withdrawnOn ? isoDate(notice.withdrawnOn) : null },
    { actorParty, noticeMonths: convention.terminationNoticeMonths, today },
  );
  if (refusal) throw new Refusal(refusal);
  await tx.terminationNotice.update({ where: { id: notice.id }, data: { withdrawnOn: toDbDate(today), withdrawnById: actor.userId } });
  await audit({
    kind: "termination.withdraw",
    entity: "terminationNotice",
    entityId: notice.id,
    before: { byParty: notice.byParty, noticeOn: isoDate(notice.noticeOn), withdrawnOn: null },
    after: { byParty: notice.byParty, noticeOn: isoDate(notice.noticeOn), withdrawnOn: today },
  });
}

// ───────────────────────────── Suspensions ─────────────────────────────

export const recordSuspensionInput = z.object({ conventionId: uuidField, startsOn: isoDateField, reason: textField("Motif", 5000) });
export type RecordSuspensionInput = z.infer<typeof recordSuspensionInput>;

export async function recordSuspension(ctx: UseCaseContext, input: RecordSuspensionInput): Promise<void> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const { view } = await derivedNow(ctx);
  refuseUnless(checkSuspension(view.facts, input.startsOn, today));
  // Nothing of the execution already recorded may fall inside the suspension (it runs until lifted).
  const conflict = checkNoConflict(suspensionPeriod(input.startsOn, null), await loadRecordsFrom(conventionId, input.startsOn, tx), "startsOn");
  if (conflict) throw new Refusal(conflict);
  const suspension = await tx.suspension.create({ data: { conventionId, startsOn: toDbDate(input.startsOn), reason: input.reason, recordedById: actor.userId } });
  await audit({ kind: "suspension.record", entity: "suspension", entityId: suspension.id, after: { startsOn: input.startsOn, reason: input.reason } });
}

export const liftSuspensionInput = z.object({ conventionId: uuidField, suspensionId: uuidField, liftedOn: isoDateField });
export type LiftSuspensionInput = z.infer<typeof liftSuspensionInput>;

export async function liftSuspension(ctx: UseCaseContext, input: LiftSuspensionInput): Promise<void> {
  const { tx, today, audit } = ctx;
  const { facts } = await derivedNow(ctx);
  const suspension = facts.suspensions.find((s) => s.id === input.suspensionId);
  if (!suspension) throw new Refusal(failure("SUSPENSION_NOT_IN_CONVENTION"));
  refuseUnless(checkSuspensionLift(suspension, input.liftedOn, today));
  await tx.suspension.update({ where: { id: suspension.id }, data: { liftedOn: toDbDate(input.liftedOn) } });
  await audit({
    kind: "suspension.lift",
    entity: "suspension",
    entityId: suspension.id,
    before: { startsOn: suspension.startsOn, liftedOn: null },
    after: { startsOn: suspension.startsOn, liftedOn: input.liftedOn },
  });
}
