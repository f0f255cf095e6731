"use server";
// The partner's steering writes: impact indicators, investment committees and their measures. Only the
// partner's intrapreneur records them (permission "committee.record"); every party reads them. Each write
// goes through runConventionAction (session, zod, permission, locked transaction, audit).
import { z } from "zod";
import { deriveConvention } from "@/domain/convention-view";
import { checkCommitteeDate, parseDaysPerWeek } from "@/domain/committees";
import { todayInParis, toDbDate } from "@/domain/dates";
import { isoDateField, textField, uuidField } from "@/domain/fields";
import { scaledToDecimalString, type Scaled } from "@/domain/indicators";
import { impactLevelField, indicatorUnitField, optionalUrlField, parseMeasures, visibilityField, yesNoField, type MeasureInput } from "@/domain/steering-fields";
import type { Tx } from "../db/audit";
import { loadConventionFacts } from "../repositories/convention-facts";
import { decimalToScaled } from "../repositories/steering";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const steeringPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/comites`, `/conventions/${id}/historique`, "/pilotage"];

const text = (v: Scaled | null) => (v === null ? null : scaledToDecimalString(v));

// ───────────────────────────── Indicators ─────────────────────────────

const indicatorSchema = z.object({
  conventionId: uuidField,
  name: textField("Nom de l'indicateur", 120),
  unit: indicatorUnitField,
  definition: textField("Définition", 2000),
  impactLevel: impactLevelField,
  visibility: visibilityField,
});

async function refuseDuplicateName(tx: Tx, conventionId: string, name: string, exceptId?: string) {
  const same = await tx.indicator.findFirst({ where: { conventionId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (same) throw new Refusal(`Un indicateur « ${same.name} » existe déjà pour cette convention.`, { name: "Ce nom est déjà pris." });
}

export async function defineIndicatorAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: indicatorSchema,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "L'indicateur est ajouté : saisissez ses valeurs avec le prochain comité.",
    run: async ({ tx, input, conventionId, audit }) => {
      await refuseDuplicateName(tx, conventionId, input.name);
      const position = await tx.indicator.count({ where: { conventionId } });
      const indicator = await tx.indicator.create({
        data: { conventionId, name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility, position },
      });
      await audit({
        kind: "indicator.define",
        entity: "indicator",
        entityId: indicator.id,
        after: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility },
      });
      return undefined;
    },
  });
}

const indicatorUpdateSchema = indicatorSchema.extend({ indicatorId: uuidField });

export async function updateIndicatorAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "committee.record",
    schema: indicatorUpdateSchema,
    input: formFields(formData),
    revalidate: steeringPaths,
    successMessage: "L'indicateur est mis à jour.",
    run: async ({ tx, input, conventionId, audit }) => {
      const before = await tx.indicator.findFirst({ where: { id: input.indicatorId, conventionId } });
      if (!before) throw new Refusal("Cet indicateur n'appartient pas à cette convention.");
      await refuseDuplicateName(tx, conventionId, input.name, before.id);
      await tx.indicator.update({
        where: { id: before.id },
        data: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility },
      });
      await audit({
        kind: "indicator.update",
        entity: "indicator",
        entityId: before.id,
        before: { name: before.name, unit: before.unit, definition: before.definition, impactLevel: before.impactLevel, isPublic: before.isPublic },
        after: { name: input.name, unit: input.unit, definition: input.definition, impactLevel: input.impactLevel, isPublic: input.visibility },
      });
      return undefined;
    },
  });
}

// ───────────────────────────── Measures ─────────────────────────────

/** The measures typed for the convention's indicators, or a refusal naming each bad field. */
async function readMeasures(tx: Tx, conventionId: string, raw: Record<string, string>): Promise<{ measures: MeasureInput[]; names: Map<string, string> }> {
  const indicators = await tx.indicator.findMany({ where: { conventionId }, select: { id: true, name: true } });
  const { measures, fieldErrors } = parseMeasures(raw, indicators.map((i) => i.id));
  if (Object.keys(fieldErrors).length) {
    throw new Refusal("Certaines valeurs d'indicateurs sont à corriger : écrivez des nombres, par exemple 1 234,5.", fieldErrors);
  }
  return { measures, names: new Map(indicators.map((i) => [i.id, i.name])) };
}

/** Writes the measures of one committee: a value left empty is none; an indicator with no value has no row. */
async function writeMeasures(tx: Tx, committeeId: string, measures: readonly MeasureInput[], names: Map<string, string>) {
  const existing = await tx.indicatorMeasure.findMany({ where: { committeeId } });
  const byIndicator = new Map(existing.map((m) => [m.indicatorId, m]));
  const before: Record<string, { result: string | null; objective: string | null }> = {};
  const after: Record<string, { result: string | null; objective: string | null }> = {};
  for (const m of measures) {
    const row = byIndicator.get(m.indicatorId);
    const name = names.get(m.indicatorId) ?? m.indicatorId;
    const old = { result: text(decimalToScaled(row?.result ?? null)), objective: text(decimalToScaled(row?.objective ?? null)) };
    const next = { result: text(m.result), objective: text(m.objective) };
    if (old.result === next.result && old.objective === next.objective) continue;
    if (row) before[name] = old;
    after[name] = next;
    if (m.result === null && m.objective === null) {
      if (row) await tx.indicatorMeasure.delete({ where: { id: row.id } });
    } else if (row) {
      await tx.indicatorMeasure.update({ where: { id: row.id }, data: next });
    } else {
      await tx.indicatorMeasure.create({ data: { indicatorId: m.indicatorId, committeeId, ...next } });
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

// ───────────────────────────── Committees ─────────────────────────────

const committeeSchema = z
  .object({
    conventionId: uuidField,
    heldOn: isoDateField,
    chairedBy: textField("Présidé par", 200),
    dinumInvited: yesNoField("Dites si la DINUM a été invitée."),
    dinumAttended: yesNoField("Dites si la DINUM a participé."),
    decision: textField("Décision", 5000),
    orientation: textField("Orientations pour les six prochains mois", 5000),
    minutesUrl: optionalUrlField("Lien vers le compte rendu"),
    devDaysPerWeek: z.string().optional(),
    deployDaysPerWeek: z.string().optional(),
  })
  .loose();

function daysOrRefuse(raw: string | undefined, key: string, label: string, errors: Record<string, string>): number | null {
  const parsed = parseDaysPerWeek(raw, label);
  if (!parsed.ok) {
    errors[key] = parsed.message;
    return null;
  }
  return parsed.tenths;
}

export async function recordCommitteeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const raw = formFields(formData);
  return runConventionAction({
    action: "committee.record",
    schema: committeeSchema,
    input: raw,
    revalidate: steeringPaths,
    successMessage: "Le comité d'investissement est enregistré.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const errors: Record<string, string> = {};
      const devDaysPerWeekTenths = daysOrRefuse(input.devDaysPerWeek, "devDaysPerWeek", "Jours de développement", errors);
      const deployDaysPerWeekTenths = daysOrRefuse(input.deployDaysPerWeek, "deployDaysPerWeek", "Jours de déploiement", errors);
      if (input.dinumAttended && !input.dinumInvited) errors.dinumAttended = "La DINUM ne peut pas avoir participé sans avoir été invitée.";
      if (Object.keys(errors).length) throw new Refusal("Certaines informations sont à corriger.", errors);
      const { measures, names } = await readMeasures(tx, conventionId, raw);

      const today = todayInParis();
      const facts = await loadConventionFacts(conventionId, tx);
      const view = deriveConvention(facts, today);
      const check = checkCommitteeDate(view.facts, input.heldOn, today, facts.committeeDates);
      if (!check.ok) throw new Refusal(check.message, { [check.field]: check.message });

      const committee = await tx.investmentCommittee.create({
        data: {
          conventionId,
          heldOn: toDbDate(input.heldOn),
          chairedBy: input.chairedBy,
          dinumInvited: input.dinumInvited,
          dinumAttended: input.dinumAttended,
          decision: input.decision,
          orientation: input.orientation,
          minutesUrl: input.minutesUrl,
          devDaysPerWeekTenths,
          deployDaysPerWeekTenths,
          recordedById: actor.userId,
        },
      });
      const written = await writeMeasures(tx, committee.id, measures, names);
      await audit({
        kind: "committee.record",
        entity: "investmentCommittee",
        entityId: committee.id,
        after: {
          heldOn: input.heldOn,
          chairedBy: input.chairedBy,
          dinumInvited: input.dinumInvited,
          dinumAttended: input.dinumAttended,
          decision: input.decision,
          orientation: input.orientation,
          minutesUrl: input.minutesUrl,
          devDaysPerWeekTenths,
          deployDaysPerWeekTenths,
          measures: written.after,
        },
      });
      return undefined;
    },
  });
}

const measuresSchema = z.object({ conventionId: uuidField, committeeId: uuidField }).loose();

/** Enters or corrects the measures of a committee already recorded (an indicator defined afterwards…). */
export async function recordMeasuresAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const raw = formFields(formData);
  return runConventionAction({
    action: "committee.record",
    schema: measuresSchema,
    input: raw,
    revalidate: steeringPaths,
    successMessage: "Les valeurs des indicateurs sont enregistrées.",
    run: async ({ tx, input, conventionId, audit }) => {
      const committee = await tx.investmentCommittee.findFirst({ where: { id: input.committeeId, conventionId } });
      if (!committee) throw new Refusal("Ce comité n'appartient pas à cette convention.");
      const { measures, names } = await readMeasures(tx, conventionId, raw);
      const written = await writeMeasures(tx, committee.id, measures, names);
      if (!written.changed) throw new Refusal("Aucune valeur n'a changé : rien n'est enregistré.");
      await audit({ kind: "committee.measures", entity: "investmentCommittee", entityId: committee.id, before: written.before, after: written.after });
      return undefined;
    },
  });
}
