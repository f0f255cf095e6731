// Form fields of the steering screens (committees, indicators, obligations), with their French messages.
// Forms post strings; these schemas turn them into the domain's types.
import { z } from "zod";
import { parseDaysPerWeek } from "./committees";
import { IMPACT_LEVELS, parseIndicatorValue, type Measure, type Scaled } from "./indicators";
import { DECLARED_STATUSES } from "./obligations";

/** "oui" / "non" radio buttons. */
export function yesNoField(message: string) {
  return z.enum(["oui", "non"], { error: message }).transform((v) => v === "oui");
}

/** An optional web address (minutes, evidence): http or https only; empty means none. */
export function optionalUrlField(label: string) {
  return z
    .string({ error: `${label} : adresse attendue.` })
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v === "" || (/^https?:\/\//i.test(v) && URL.canParse(v)), { error: `${label} : adresse web invalide (elle commence par https://).` })
    .refine((v) => v.length <= 2000, { error: `${label} : 2000 caractères au plus.` })
    .transform((v) => (v === "" ? null : v));
}

export const impactLevelField = z.enum(IMPACT_LEVELS, { error: "Choisissez la place de l'indicateur dans la matrice d'impact (utilisable, utilisé, utile, impact, efficient)." });

export const visibilityField = z
  .enum(["public", "prive"], { error: "Dites si l'indicateur est public ou réservé aux parties." })
  .transform((v) => v === "public");

export const indicatorUnitField = z
  .string({ error: "Unité : texte attendu." })
  .trim()
  .min(1, { error: "Unité : précisez l'unité de mesure (par exemple « raccordements », « t CO₂ », « jours »)." })
  .max(40, { error: "Unité : 40 caractères au plus." });

export const declaredStatusField = z.enum(DECLARED_STATUSES, { error: "Choisissez le statut : à faire, en cours, respectée ou sans objet." });

/** The message of a form whose only problems are indicator values. */
export const MEASURES_TO_CORRECT = "Certaines valeurs d'indicateurs sont à corriger : écrivez des nombres, par exemple 1 234,5.";

const MEASURE_FIELD = /^(?:result|objective)-(.+)$/;

/**
 * The measures typed for each indicator: `result-<id>` (result of the phase that ends) and `objective-<id>`
 * (objective at six months), in the order of the form. An empty field means no value; an indicator whose
 * fields are absent is not touched. Errors are keyed by field name. Which indicators are the convention's is
 * for the caller to say: the form is read whole, before anything is looked up.
 */
export function parseMeasures(raw: Readonly<Record<string, unknown>>): { measures: Measure[]; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const measures: Measure[] = [];
  const indicatorIds = new Set(Object.keys(raw).flatMap((key) => MEASURE_FIELD.exec(key)?.[1] ?? []));
  for (const indicatorId of indicatorIds) {
    const read = (key: string): Scaled | null => {
      const value = raw[key];
      const text = typeof value === "string" ? value.trim() : "";
      if (text === "") return null;
      const parsed = parseIndicatorValue(text);
      if (!parsed.ok) {
        fieldErrors[key] = parsed.message;
        return null;
      }
      return parsed.value;
    };
    const result = read(`result-${indicatorId}`);
    const objective = read(`objective-${indicatorId}`);
    measures.push({ indicatorId, result, objective });
  }
  return { measures, fieldErrors };
}

/** Days per week of a FAST commitment ("1,5"), in tenths; empty is not given. Bounded by the week's seven days. */
export function daysPerWeekField(label: string) {
  return z
    .string({ error: `${label} : nombre de jours attendu.` })
    .optional()
    .transform((text, ctx) => {
      const parsed = parseDaysPerWeek(text, label);
      if (parsed.ok) return parsed.tenths;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });
}

/** An optional free text (a note): empty means none. */
export function optionalNoteField(label: string, max = 5000) {
  return z
    .string({ error: `${label} : texte attendu.` })
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v.length <= max, { error: `${label} : ${max} caractères au plus.` })
    .transform((v) => (v === "" ? null : v));
}
