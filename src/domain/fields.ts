// zod fields shared by every form and route: the French message of each bad input is written once here.
// Forms send strings; these fields trim them and turn them into the domain's types (IsoDate, cents).
import { z } from "zod";
import { failure, messageOf } from "./failures";
import { siretProblemCode } from "./siret";
import { isValidIsoDate, type IsoDate } from "./dates";
import { parseEuros } from "./money";

const DATE_FORMAT = "Date invalide : écrivez-la au format AAAA-MM-JJ (par exemple 2024-12-31).";

export const isoDateField = z
  .string({ error: "Date attendue au format AAAA-MM-JJ." })
  .trim()
  .min(1, { error: "Date obligatoire." })
  .refine(isValidIsoDate, { error: DATE_FORMAT })
  .transform((value) => value as IsoDate);

/** An optional date: an empty field means none. */
export const optionalIsoDateField = z
  .string({ error: "Date attendue au format AAAA-MM-JJ." })
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isValidIsoDate(value), { error: DATE_FORMAT })
  .transform((value) => value as IsoDate | undefined);

/** Free text, trimmed, required, bounded (a serious tool does not store a novel in a field). */
export function textField(label: string, max = 2000) {
  return z
    .string({ error: `${label} : texte attendu.` })
    .trim()
    .min(1, { error: `${label} : champ obligatoire.` })
    .max(max, { error: `${label} : ${max} caractères au plus.` });
}

/** A positive or nil amount typed in euros ("1 234,56"), as cents. */
export const eurosField = z.string({ error: "Montant attendu en euros." }).transform((value, ctx) => {
  const parsed = parseEuros(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  if (parsed.cents < 0n) {
    ctx.addIssue({ code: "custom", message: messageOf(failure("AMOUNT_NEGATIVE")) });
    return z.NEVER;
  }
  return parsed.cents;
});

/** An amount in cents sent back by a confirmation form (digits only). */
export const centsField = z
  .string({ error: "Montant en centimes attendu." })
  .regex(/^\d{1,16}$/, { error: "Montant en centimes attendu." })
  .transform((value) => BigInt(value));

export const uuidField = z.uuid({ error: "Identifiant invalide." });

/** A strictly positive amount typed in euros, as cents. */
export const positiveEurosField = eurosField.refine((cents) => cents > 0n, { error: messageOf(failure("AMOUNT_ZERO")) });

/** Chorus numbers are typed with spaces sometimes: "1300 123 456". */
const digitsOnly = (value: string) => value.replace(/[\s\u00a0\u202f]/g, "");

export const ejNumberField = z
  .string({ error: "Numéro d'EJ attendu." })
  .transform(digitsOnly)
  .refine((v) => /^\d{10}$/.test(v), { error: "Numéro d'EJ invalide : 10 chiffres attendus (par exemple 1300123456)." });

export const lineNumberField = z.coerce
  .number({ error: "Numéro de poste attendu (1, 2…)." })
  .int({ error: "Numéro de poste attendu (1, 2…)." })
  .min(1, { error: "Le numéro de poste commence à 1." })
  .max(9999, { error: "Numéro de poste trop grand." });

export const optionalSiretField = z
  .string({ error: "SIRET attendu." })
  .optional()
  .transform((v) => (v ? digitsOnly(v) : ""))
  .superRefine((v, ctx) => {
    const problem = v === "" ? null : siretProblemCode(v);
    if (problem) ctx.addIssue({ code: "custom", message: messageOf(failure("SIRET_INVALID", { problems: [{ problem }] })) });
  })
  .transform((v) => (v === "" ? null : v));

/** An optional short text: empty means none. */
export function optionalTextField(label: string, max = 200) {
  return z
    .string({ error: `${label} : texte attendu.` })
    .optional()
    .transform((v) => v?.trim() ?? "")
    .refine((v) => v.length <= max, { error: `${label} : ${max} caractères au plus.` })
    .transform((v) => (v === "" ? null : v));
}

/** An e-mail address, trimmed and in lower case (accounts are found by it). */
export const emailField = z
  .string({ error: "Adresse électronique attendue." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Adresse électronique : champ obligatoire." })
  .max(254, { error: "Adresse électronique : 254 caractères au plus." })
  .pipe(z.email({ error: "Adresse électronique invalide : écrivez-la sous la forme prenom.nom@exemple.gouv.fr." }));

/** A required SIRET, typed with or without spaces. */
export const siretField = z
  .string({ error: "SIRET attendu." })
  .transform(digitsOnly)
  .superRefine((v, ctx) => {
    const problem = v === "" ? "MISSING" : siretProblemCode(v);
    if (problem) ctx.addIssue({ code: "custom", message: messageOf(failure("SIRET_INVALID", { problems: [{ problem }] })) });
  });

/** Several SIRETs, one a line (or separated by commas or semicolons), each checked; duplicates dropped. */
export const siretListField = z
  .string({ error: "Liste de SIRET attendue." })
  .optional()
  .transform((text) => [...new Set((text ?? "").split(/[\n\r,;]+/).map(digitsOnly).filter(Boolean))])
  .superRefine((sirets, ctx) => {
    const problems = sirets.flatMap((s) => {
      const problem = siretProblemCode(s);
      return problem ? [{ problem, typed: s }] : [];
    });
    if (problems.length) ctx.addIssue({ code: "custom", message: messageOf(failure("SIRET_INVALID", { problems })) });
    if (sirets.length > 50) ctx.addIssue({ code: "custom", message: messageOf(failure("SIRET_LIST_TOO_LONG", { max: 50 })) });
  });
