"use server";
// Follow-up of the obligations register: only the party that owes an obligation updates it (its agents;
// administrators act on no convention). Every update is a new row, audited; nothing is edited in place.
import { z } from "zod";
import { todayInParis, toDbDate } from "@/domain/dates";
import { optionalIsoDateField, uuidField } from "@/domain/fields";
import { checkObligationUpdate, OBLIGATION_STATUS_LABELS } from "@/domain/obligations";
import { canUpdateObligation } from "@/domain/permissions";
import { declaredStatusField, optionalNoteField, optionalUrlField } from "@/domain/steering-fields";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const PARTY_NAMES = { DELEGANT: "le délégant (DINUM)", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" } as const;

const updateSchema = z.object({
  conventionId: uuidField,
  obligationId: uuidField,
  status: declaredStatusField,
  evidenceUrl: optionalUrlField("Lien vers la preuve"),
  note: optionalNoteField("Note"),
  evidenceOn: optionalIsoDateField,
});

export async function updateObligationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "obligation.update",
    schema: updateSchema,
    input: formFields(formData),
    revalidate: (id) => [`/conventions/${id}`, `/conventions/${id}/obligations`, `/conventions/${id}/historique`, "/pilotage"],
    successMessage: "Le suivi de l'obligation est enregistré.",
    run: async ({ tx, input, actor, conventionId, parties, audit }) => {
      const obligation = await tx.obligation.findFirst({
        where: { id: input.obligationId, conventionId },
        include: { updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } },
      });
      if (!obligation) throw new Refusal("Cette obligation n'appartient pas à cette convention.");
      if (!canUpdateObligation(actor, obligation.owedBy, parties)) {
        throw new Refusal(`Accès refusé : seule la partie qui doit cette obligation (${PARTY_NAMES[obligation.owedBy]}) peut en déclarer le suivi.`);
      }
      const check = checkObligationUpdate({ status: input.status, evidenceUrl: input.evidenceUrl, note: input.note, evidenceOn: input.evidenceOn ?? null }, todayInParis());
      if (!check.ok) throw new Refusal(check.message, { [check.field]: check.message });
      const update = await tx.obligationUpdate.create({
        data: {
          obligationId: obligation.id,
          status: input.status,
          evidenceUrl: input.evidenceUrl,
          note: input.note,
          evidenceOn: input.evidenceOn ? toDbDate(input.evidenceOn) : null,
          authorId: actor.userId,
        },
      });
      const previous = obligation.updates[0];
      await audit({
        kind: "obligation.update",
        entity: "obligation",
        entityId: obligation.id,
        before: previous ? { code: obligation.code, status: OBLIGATION_STATUS_LABELS[previous.status] } : { code: obligation.code, status: "Aucun suivi" },
        after: { code: obligation.code, title: obligation.title, status: OBLIGATION_STATUS_LABELS[input.status], evidenceUrl: input.evidenceUrl, note: input.note, evidenceOn: input.evidenceOn ?? null, updateId: update.id },
      });
      return undefined;
    },
  });
}
