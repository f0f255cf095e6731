import "server-only";
// The directory of organisations that can be parties to conventions: adding one and editing it. Who may
// touch which kind is the permission table's (canManageOrganisation): administrators every organisation,
// DINUM's FAST pilots the partners and délégataires. A SIRET names one organisation only (its own SIRET
// and the SIRETs ProConnect may present for its agents alike), or ProConnect could not tell where an agent
// belongs.
import { z } from "zod";
import { siretField, siretListField, textField, uuidField } from "@/domain/fields";
import { freeSlug, siretConflicts, slugify } from "@/domain/organisations";
import { canManageOrganisation, PARTY_ROLES, type Actor, type PartyRole } from "@/domain/permissions";
import type { Tx } from "../db/audit";
import { failure, messageOf } from "@/domain/failures";
import { Refusal, type ActorContext } from "./context";

export const organisationInput = z.object({
  name: textField("Nom", 300),
  acronym: textField("Sigle", 40),
  kind: z.enum(PARTY_ROLES, { error: "Choisissez la nature de l'organisation : délégant, administration partenaire ou délégataire." }),
  siret: siretField,
  address: textField("Adresse", 500),
  proConnectSirets: siretListField,
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const updateOrganisationInput = organisationInput.extend({ organisationId: uuidField });
export type UpdateOrganisationInput = z.infer<typeof updateOrganisationInput>;


async function refuseUnlessManageable(tx: Tx, actor: Actor, kind: PartyRole): Promise<void> {
  const own = (await tx.organisation.findUnique({ where: { id: actor.organisationId }, select: { kind: true } }))?.kind ?? null;
  if (canManageOrganisation(actor, kind, own)) return;
  if (actor.role === "PILOTE_FAST" && own !== "DELEGANT") throw new Refusal(failure("PILOT_NOT_OF_DELEGANT"));
  throw new Refusal(failure("ORGANISATION_DELEGANT_FOR_ADMINISTRATORS", undefined, "kind"));
}

async function refuseTakenSirets(tx: Tx, input: OrganisationInput, exceptId?: string): Promise<void> {
  const wanted = [input.siret, ...input.proConnectSirets];
  const others = await tx.organisation.findMany({
    where: { id: exceptId ? { not: exceptId } : undefined, OR: [{ siret: { in: wanted } }, { sirets: { hasSome: wanted } }] },
    select: { acronym: true, siret: true, sirets: true },
  });
  const conflicts = siretConflicts(input, others);
  const [first] = conflicts;
  if (first) throw new Refusal(first, Object.fromEntries(conflicts.map((f) => [f.field, messageOf(f)])));
}

/** What the audit trail keeps of an organisation. */
function snapshot(o: { name: string; acronym: string; kind: PartyRole; siret: string | null; address: string; sirets: readonly string[] }) {
  return { name: o.name, acronym: o.acronym, kind: o.kind, siret: o.siret, address: o.address, proConnectSirets: [...o.sirets] };
}

/** Adds an organisation to the directory. Answers its id. */
export async function createOrganisation(ctx: ActorContext, input: OrganisationInput): Promise<string> {
  const { tx, audit } = ctx;
  await refuseUnlessManageable(tx, ctx.actor, input.kind);
  await refuseTakenSirets(tx, input);
  const base = slugify(input.acronym);
  const taken = new Set((await tx.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug));
  const created = await tx.organisation.create({
    data: {
      slug: freeSlug(base, taken),
      name: input.name,
      acronym: input.acronym,
      kind: input.kind,
      siret: input.siret,
      address: input.address,
      sirets: input.proConnectSirets,
      createdAt: ctx.now,
    },
  });
  await audit({ kind: "organisation.create", entity: "organisation", entityId: created.id, after: { slug: created.slug, ...snapshot(created) } });
  return created.id;
}

/** Edits an organisation: the actor must be allowed its kind before and after the change. */
export async function updateOrganisation(ctx: ActorContext, input: UpdateOrganisationInput): Promise<void> {
  const { tx, audit } = ctx;
  // Locked: two edits of the same organisation do not interleave their before/after.
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "organisation" WHERE id = ${input.organisationId}::uuid FOR UPDATE`;
  const before = row ? await tx.organisation.findUnique({ where: { id: row.id } }) : null;
  if (!before) throw new Refusal(failure("ORGANISATION_UNKNOWN"));
  await refuseUnlessManageable(tx, ctx.actor, before.kind);
  await refuseUnlessManageable(tx, ctx.actor, input.kind);
  const [was, is] = [snapshot(before), snapshot({ ...input, sirets: input.proConnectSirets })];
  if (JSON.stringify(was) === JSON.stringify(is)) throw new Refusal(failure("ORGANISATION_UNCHANGED"));
  await refuseTakenSirets(tx, input, before.id);
  await tx.organisation.update({
    where: { id: before.id },
    data: { name: input.name, acronym: input.acronym, kind: input.kind, siret: input.siret, address: input.address, sirets: input.proConnectSirets },
  });
  await audit({ kind: "organisation.update", entity: "organisation", entityId: before.id, before: was, after: is });
}
