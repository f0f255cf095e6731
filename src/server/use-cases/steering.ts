import "server-only";
// The partner's steering: impact indicators, investment committees and their measures. The forms are read
// whole by zod (every measure and commitment included) before any transaction; the rules are the domain's
// (src/domain/committees.ts, indicators.ts, steering-fields.ts), checked inside the caller's transaction.
import { z } from "zod";
import { checkCommitteeDate, checkDinumAttendance } from "@/domain/committees";
import { checkConditionsMet, checkDecision, COMMITTEE_DECISIONS } from "@/domain/committee-decisions";
import { isoDate, toDbDate } from "@/domain/dates";
import { failure, messageOf } from "@/domain/failures";
import { eurosField, isoDateField, optionalIsoDateField, textField, uuidField } from "@/domain/fields";
import { measureChanges, parseIndicatorValue, sameIndicatorName, scaledToDecimalString, type Measure, type Scaled } from "@/domain/indicators";
import {
  daysPerWeekField,
  impactLevelField,
  indicatorUnitField,
  MEASURES_TO_CORRECT,
  optionalNoteField,
  optionalUrlField,
  parseMeasures,
  visibilityField,
  yesNoField,
} from "@/domain/steering-fields";
import type { Tx } from "../db/audit";
import { decimalToScaled } from "../repositories/steering";
import { Refusal, type UseCaseContext } from "./context";
import { conventionNow } from "./convention-now";

const text = (v: Scaled | null) => (v === null ? null : scaledToDecimalString(v));

// ───────────────────────────── Indicators ─────────────────────────────

export const defineIndicatorInput = z.object({
  conventionId: uuidField,
  name: textField("Nom de l'indicateur", 120),
  unit: indicatorUnitField,
  definition: textField("Définition", 2000),
  impactLevel: impactLevelField,
  visibility: visibilityField,
  /** "oui": a usage measure, which the cost of impact divides the CP paid by; absent: not one (define), unchanged (update). */
  usageMeasure: z
    .enum(["oui", "non"], { error: "Dites si l'indicateur mesure l'usage du service." })
    .transform((v) => v === "oui")
    .optional(),
});
export type DefineIndicatorInput = z.infer<typeof defineIndicatorInput>;

/** The convention's indicators, in their order. */
const indicatorsOf = ({ tx, conventionId }: UseCaseContext) => tx.indicator.findMany({ where: { conventionId }, orderBy: { position: "asc" } });

function refuseTakenName(indicators: readonly { id: string; name: string }[], name: string, exceptId?: string): void {
  const same = sameIndicatorName(indicators, name, exceptId);
  if (same) throw new Refusal(failure("INDICATOR_NAME_TAKEN", { name: same.name }, "name"));
}

/** A new indicator, after the existing ones: its values come with the committees. Answers its id. */
export async function defineIndicator(ctx: UseCaseContext, input: DefineIndicatorInput): Promise<string> {
  const { tx, conventionId, audit } = ctx;
  const existing = await indicatorsOf(ctx);
  refuseTakenName(existing, input.name);
  const indicator = await tx.indicator.create({
    data: {
      conventionId,
      name: input.name,
      unit: input.unit,
      definition: input.definition,
      impactLevel: input.impactLevel,
      isPublic: input.visibility,
      isUsageMeasure: input.usageMeasure ?? false,
      position: existing.length,
    },
  });
  await audit({
    kind: "indicator.define",
    entity: "indicator",
    entityId: indicator.id,
    after: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility, isUsageMeasure: input.usageMeasure ?? false },
  });
  return indicator.id;
}

export const updateIndicatorInput = defineIndicatorInput.extend({ indicatorId: uuidField });
export type UpdateIndicatorInput = z.infer<typeof updateIndicatorInput>;

export async function updateIndicator(ctx: UseCaseContext, input: UpdateIndicatorInput): Promise<void> {
  const { tx, audit } = ctx;
  const indicators = await indicatorsOf(ctx);
  const before = indicators.find((i) => i.id === input.indicatorId);
  if (!before) throw new Refusal(failure("INDICATOR_NOT_IN_CONVENTION"));
  refuseTakenName(indicators, input.name, before.id);
  const isUsageMeasure = input.usageMeasure ?? before.isUsageMeasure;
  await tx.indicator.update({
    where: { id: before.id },
    data: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility, isUsageMeasure },
  });
  await audit({
    kind: "indicator.update",
    entity: "indicator",
    entityId: before.id,
    before: { name: before.name, unit: before.unit, definition: before.definition, impactLevel: before.impactLevel, isPublic: before.isPublic, isUsageMeasure: before.isUsageMeasure },
    after: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility, isUsageMeasure },
  });
}

// ───────────────────────────── Measures ─────────────────────────────

/** A form-wide refinement runs even when a field already failed (a field's own refusal stops zod otherwise). */
const everyProblem = { when: (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null };

/**
 * Adds an issue per bad indicator value of the form (`result-<id>`, `objective-<id>`); when they are the
 * form's only problems, the refusal says so. Runs even when other fields failed: every problem at once.
 */
function refineMeasures(form: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const { fieldErrors } = parseMeasures(form);
  const keys = Object.keys(fieldErrors);
  if (keys.length === 0) return;
  const alone = ctx.issues.length === 0;
  for (const key of keys) ctx.addIssue({ code: "custom", path: [key], message: fieldErrors[key]! });
  if (alone) ctx.addIssue({ code: "custom", path: [], message: MEASURES_TO_CORRECT });
}

/** The convention's indicators (id → name, in their order) and the measures typed for them; others are ignored. */
async function measuresOfConvention(ctx: UseCaseContext, typed: readonly Measure[]) {
  const indicators = await indicatorsOf(ctx);
  const byIndicator = new Map(typed.map((m) => [m.indicatorId, m]));
  const measures = indicators.flatMap((i) => byIndicator.get(i.id) ?? []);
  return { measures, names: new Map(indicators.map((i) => [i.id, i.name])) };
}

type MeasureText = { result: string | null; objective: string | null };

/** Writes the measures of one committee: a value left empty is none; an indicator with no value has no row. */
async function writeMeasures(tx: Tx, committeeId: string, typed: readonly Measure[], names: Map<string, string>) {
  const rows = new Map((await tx.indicatorMeasure.findMany({ where: { committeeId } })).map((m) => [m.indicatorId, m]));
  const recorded = [...rows.values()].map((m) => ({ indicatorId: m.indicatorId, result: decimalToScaled(m.result), objective: decimalToScaled(m.objective) }));
  const before: Record<string, MeasureText> = {};
  const after: Record<string, MeasureText> = {};
  for (const change of measureChanges(recorded, typed)) {
    const name = names.get(change.indicatorId) ?? change.indicatorId;
    const row = rows.get(change.indicatorId);
    const next = { result: text(change.after.result), objective: text(change.after.objective) };
    if (change.before) before[name] = { result: text(change.before.result), objective: text(change.before.objective) };
    after[name] = next;
    if (!row) await tx.indicatorMeasure.create({ data: { indicatorId: change.indicatorId, committeeId, ...next } });
    else if (next.result === null && next.objective === null) await tx.indicatorMeasure.delete({ where: { id: row.id } });
    else await tx.indicatorMeasure.update({ where: { id: row.id }, data: next });
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

// ───────────────────────────── Committees ─────────────────────────────

/**
 * The committee's form, read whole before any transaction: its fields, the FAST commitments of the team (days
 * per week, at most seven) and a measure per indicator (`result-<id>`, `objective-<id>`), every problem at once.
 */
export const recordCommitteeInput = z
  .looseObject({
    conventionId: uuidField,
    heldOn: isoDateField,
    chairedBy: textField("Présidé par", 200),
    dinumInvited: yesNoField("Dites si la DINUM a été invitée."),
    dinumAttended: yesNoField("Dites si la DINUM a participé."),
    decisionKind: z.enum(COMMITTEE_DECISIONS, { error: "Choisissez la décision du comité : poursuite, poursuite sous conditions, pivot ou arrêt." }),
    decision: textField("Motifs de la décision", 5000),
    conditions: optionalNoteField("Conditions", 2000),
    conditionsDueOn: optionalIsoDateField,
    budgetAskedAe: optionalEurosField("Budget demandé en AE"),
    budgetAskedCp: optionalEurosField("Budget demandé en CP"),
    sponsorAttended: yesNoField("Dites si le sponsor a participé."),
    orientation: textField("Orientations pour les six prochains mois", 5000),
    minutesUrl: optionalUrlField("Lien vers le compte rendu"),
    devDaysPerWeek: daysPerWeekField("Jours de développement"),
    deployDaysPerWeek: daysPerWeekField("Jours de déploiement"),
  })
  .superRefine((form, ctx) => {
    // The attendance is checked once both answers are read (a field that failed is still the raw text).
    const { dinumInvited, dinumAttended } = form as Record<string, unknown>;
    if (typeof dinumInvited === "boolean" && typeof dinumAttended === "boolean") {
      const attendance = checkDinumAttendance({ dinumInvited, dinumAttended });
      if (!attendance.ok) ctx.addIssue({ code: "custom", path: [attendance.field ?? "dinumAttended"], message: messageOf(attendance) });
    }
    refineMeasures(form, ctx);
  }, everyProblem)
  .transform((form) => ({
    conventionId: form.conventionId,
    heldOn: form.heldOn,
    chairedBy: form.chairedBy,
    dinumInvited: form.dinumInvited,
    dinumAttended: form.dinumAttended,
    sponsorAttended: form.sponsorAttended,
    decisionKind: form.decisionKind,
    decision: form.decision,
    conditions: form.conditions,
    conditionsDueOn: form.conditionsDueOn ?? null,
    budgetAskedAeCents: form.budgetAskedAe,
    budgetAskedCpCents: form.budgetAskedCp,
    orientation: form.orientation,
    minutesUrl: form.minutesUrl,
    devDaysPerWeekTenths: form.devDaysPerWeek,
    deployDaysPerWeekTenths: form.deployDaysPerWeek,
    measures: parseMeasures(form).measures,
  }));
export type RecordCommitteeInput = z.output<typeof recordCommitteeInput>;

/** Records an investment committee held on a date of the convention's life, with the measures typed. Answers its id. */
export async function recordCommittee(ctx: UseCaseContext, input: RecordCommitteeInput): Promise<string> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const { measures, names } = await measuresOfConvention(ctx, input.measures);
  const { facts, view } = await conventionNow(ctx);
  const check = checkCommitteeDate(view.facts, input.heldOn, today, facts.committeeDates);
  if (!check.ok) throw new Refusal(check);
  const decision = checkDecision(input);
  if (!decision.ok) throw new Refusal(failure(decision.code, { heldOn: input.heldOn }, decision.field));
  const { measures: _measures, conventionId: _conventionId, ...fields } = input;
  const committee = await tx.investmentCommittee.create({
    data: {
      ...fields,
      conventionId,
      heldOn: toDbDate(input.heldOn),
      conditionsDueOn: input.conditionsDueOn ? toDbDate(input.conditionsDueOn) : null,
      recordedById: actor.userId,
    },
  });
  const written = await writeMeasures(tx, committee.id, measures, names);
  await audit({ kind: "committee.record", entity: "investmentCommittee", entityId: committee.id, after: { ...fields, measures: written.after } });
  return committee.id;
}

/** An optional amount in euros ("12 000,50"): empty is none; as cents. */
function optionalEurosField(label: string) {
  return z
    .string({ error: `${label} : montant attendu.` })
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(eurosField.optional())
    .transform((v) => v ?? null);
}

// ───────────────────────────── Conditions of a committee, met ─────────────────────────────

export const recordConditionsMetInput = z.object({
  conventionId: uuidField,
  committeeId: uuidField,
  metOn: isoDateField,
  note: textField("Constat", 2000),
});
export type RecordConditionsMetInput = z.infer<typeof recordConditionsMetInput>;

/** Records that the conditions a committee set are met (once), with what shows it. */
export async function recordConditionsMet(ctx: UseCaseContext, input: RecordConditionsMetInput): Promise<void> {
  const { tx, conventionId, today, audit } = ctx;
  const row = await tx.investmentCommittee.findFirst({ where: { id: input.committeeId, conventionId } });
  if (!row) throw new Refusal(failure("COMMITTEE_UNKNOWN"));
  const committee = {
    heldOn: isoDate(row.heldOn),
    decisionKind: row.decisionKind,
    conditions: row.conditions,
    conditionsDueOn: row.conditionsDueOn ? isoDate(row.conditionsDueOn) : null,
    conditionsMetOn: row.conditionsMetOn ? isoDate(row.conditionsMetOn) : null,
  };
  const check = checkConditionsMet(committee, input.metOn, today);
  if (!check.ok) throw new Refusal(failure(check.code, { heldOn: committee.heldOn, metOn: committee.conditionsMetOn ?? input.metOn }, check.field));
  await tx.investmentCommittee.update({ where: { id: row.id }, data: { conditionsMetOn: toDbDate(input.metOn), conditionsMetNote: input.note } });
  await audit({
    kind: "committee.conditions",
    entity: "investmentCommittee",
    entityId: row.id,
    before: { conditions: committee.conditions, conditionsDueOn: committee.conditionsDueOn, conditionsMetOn: null },
    after: { conditions: committee.conditions, conditionsDueOn: committee.conditionsDueOn, conditionsMetOn: input.metOn, note: input.note },
  });
}

// ───────────────────────────── Launch ambition ─────────────────────────────

export const recordAmbitionInput = z.object({
  conventionId: uuidField,
  indicatorId: uuidField.or(z.literal("").transform(() => null)),
  target: z.string({ error: "Cible : nombre attendu." }).transform((text, ctx) => {
    const parsed = parseIndicatorValue(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: `Cible : ${parsed.message}` });
    return z.NEVER;
  }),
  targetOn: isoDateField,
  statement: textField("Ambition", 2000),
});
export type RecordAmbitionInput = z.output<typeof recordAmbitionInput>;

/** Records the launch ambition (a correction is a new row; the latest is in force). Answers its id. */
export async function recordAmbition(ctx: UseCaseContext, input: RecordAmbitionInput): Promise<string> {
  const { tx, actor, conventionId, today, audit } = ctx;
  const indicator = input.indicatorId ? await tx.indicator.findFirst({ where: { id: input.indicatorId, conventionId } }) : null;
  if (!indicator) throw new Refusal(failure("AMBITION_INDICATOR_UNKNOWN", undefined, "indicatorId"));
  const convention = await tx.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { signedOn: true } });
  if (!convention.signedOn) throw new Refusal(failure("AMBITION_CONVENTION_UNSIGNED"));
  const before = await tx.launchAmbition.findFirst({ where: { conventionId }, orderBy: { recordedAt: "desc" }, include: { indicator: { select: { name: true } } } });
  const target = scaledToDecimalString(input.target);
  const ambition = await tx.launchAmbition.create({
    data: { conventionId, indicatorId: indicator.id, target, targetOn: toDbDate(input.targetOn), statement: input.statement, recordedOn: toDbDate(today), recordedById: actor.userId },
  });
  await audit({
    kind: "ambition.record",
    entity: "launchAmbition",
    entityId: ambition.id,
    before: before ? { indicator: before.indicator.name, target: before.target.toFixed(4), targetOn: isoDate(before.targetOn), statement: before.statement } : undefined,
    after: { indicator: indicator.name, target, targetOn: input.targetOn, statement: input.statement },
  });
  return ambition.id;
}

/** The measures form of a committee already recorded, read whole before any transaction. */
export const recordMeasuresInput = z
  .looseObject({ conventionId: uuidField, committeeId: uuidField })
  .superRefine(refineMeasures, everyProblem)
  .transform((form) => ({ conventionId: form.conventionId, committeeId: form.committeeId, measures: parseMeasures(form).measures }));
export type RecordMeasuresInput = z.output<typeof recordMeasuresInput>;

/** Enters or corrects the measures of a committee already recorded (an indicator defined afterwards…). */
export async function recordMeasures(ctx: UseCaseContext, input: RecordMeasuresInput): Promise<void> {
  const { tx, conventionId, audit } = ctx;
  const committee = await tx.investmentCommittee.findFirst({ where: { id: input.committeeId, conventionId } });
  if (!committee) throw new Refusal(failure("COMMITTEE_UNKNOWN"));
  const { measures, names } = await measuresOfConvention(ctx, input.measures);
  const written = await writeMeasures(tx, committee.id, measures, names);
  if (!written.changed) throw new Refusal(failure("MEASURES_UNCHANGED"));
  await audit({ kind: "committee.measures", entity: "investmentCommittee", entityId: committee.id, before: written.before, after: written.after });
}
