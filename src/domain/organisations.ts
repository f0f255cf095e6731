// Organisations of the directory: how a slug is made from a name, how a SIRET reads, and which SIRETs of a
// form are already another organisation's (a SIRET designates one organisation, or ProConnect could not tell
// to which one an agent belongs).
import { failure, type Failure } from "./failures";

/** "DDT Démo-sur-Loire" → "ddt-demo-sur-loire". */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The first of `base`, `base-2`, `base-3`… that is not taken. */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  const root = base || "organisation";
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

/** "13002526500013" → "130 025 265 00013" (SIREN by threes, then the NIC). */
export function formatSiret(siret: string): string {
  return /^\d{14}$/.test(siret) ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

export interface SiretHolder {
  acronym: string;
  siret: string | null;
  sirets: readonly string[];
}

/**
 * For each field of the form, why its SIRETs cannot be recorded: those already recorded by another
 * organisation (`others` excludes the one being edited).
 */
export function siretConflicts(form: { siret: string; proConnectSirets: readonly string[] }, others: readonly SiretHolder[]): Failure<"SIRET_TAKEN">[] {
  const taken = (siret: string) => {
    const holder = others.find((o) => o.siret === siret || o.sirets.includes(siret));
    return holder ? [{ siret, holder: holder.acronym }] : [];
  };
  const main = taken(form.siret);
  const listed = form.proConnectSirets.flatMap(taken);
  return [
    ...(main.length ? [failure("SIRET_TAKEN", { taken: main }, "siret")] : []),
    ...(listed.length ? [failure("SIRET_TAKEN", { taken: listed }, "proConnectSirets")] : []),
  ];
}
