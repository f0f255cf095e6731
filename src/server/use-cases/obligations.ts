import "server-only";
// Follow-up of the obligations register: only the party that owes an obligation updates it (its agents;
// administrators act on no convention). Every update is a new row, audited; nothing is edited in place.
import { z } from "zod";
import { toDbDate } from "@/domain/dates";
import { optionalIsoDateField, uuidField } from "@/domain/fields";
import { checkObligationUpdate, OBLIGATION_STATUS_LABELS } from "@/domain/obligations";
import { canUpdateObligation } from "@/domain/permissions";
import { declaredStatusField, optionalNoteField, optionalUrlField } from "@/domain/steering-fields";
import { failure } from "@/domain/failures";
import { Refusal, type UseCaseContext } from "./context";

export const updateObligationInput = z.object({
  conventionId: uuidField,
  obligationId: uuidField,
  status: declaredStatusField,
  evidenceUrl: optionalUrlField("Lien vers la preuve"),
  note: optionalNoteField("Note"),
  evidenceOn: optionalIsoDateField,
});
export type UpdateObligationInput = z.infer<typeof updateObligationInput>;

/** Declares where an obligation stands, by the party that owes it, its evidence dated no later than `today`. Answers the update's id. */
export async function updateObligation(ctx: UseCaseContext, input: UpdateObligationInput): Promise<string> {
  const { tx, actor, conventionId, parties, today, audit } = ctx;
  const obligation = await tx.obligation.findFirst({
    where: { id: input.obligationId, conventionId },
    include: { updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 } },
  });
  if (!obligation) throw new Refusal(failure("OBLIGATION_NOT_IN_CONVENTION"));
  if (!canUpdateObligation(actor, obligation.owedBy, parties)) {
    throw new Refusal(failure("OBLIGATION_NOT_OWED", { owedBy: obligation.owedBy }));
  }
  const evidenceOn = input.evidenceOn ?? null;
  const check = checkObligationUpdate({ status: input.status, evidenceUrl: input.evidenceUrl, note: input.note, evidenceOn }, today);
  if (!check.ok) throw new Refusal(check);
  const update = await tx.obligationUpdate.create({
    data: { obligationId: obligation.id, status: input.status, evidenceUrl: input.evidenceUrl, note: input.note, evidenceOn: evidenceOn ? toDbDate(evidenceOn) : null, authorId: actor.userId },
  });
  const previous = obligation.updates[0];
  await audit({
    kind: "obligation.update",
    entity: "obligation",
    entityId: obligation.id,
    before: { code: obligation.code, status: previous ? OBLIGATION_STATUS_LABELS[previous.status] : "Aucun suivi" },
    after: { code: obligation.code, title: obligation.title, status: OBLIGATION_STATUS_LABELS[input.status], evidenceUrl: input.evidenceUrl, note: input.note, evidenceOn, updateId: update.id },
  });
  return update.id;
}
