// zod fields shared by every form and route: the French message of each bad input is written once here.
// Forms send strings; these fields trim them and turn them into the domain's types (IsoDate, cents).
import { z } from "zod";
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
    ctx.addIssue({ code: "custom", message: "Le montant ne peut pas être négatif." });
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
