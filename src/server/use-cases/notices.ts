import "server-only";
// Notices from the délégataire to the délégant (convention, art. 3): credits insufficient to engage or pay
// what must be, or credits that will not be fully consumed. DINUM answers them (an avenant, a suspension, or
// a word); both stay in the convention's record. The rules are the domain's (src/domain/notices.ts); the
// e-mail copy of a notice is the caller's business, once the transaction has committed.
import { z } from "zod";
import { positiveEurosField, textField, uuidField } from "@/domain/fields";
import { checkNotice, checkNoticeAnswer, checkNoticeYear } from "@/domain/notices";
import { failure } from "@/domain/failures";
import { Refusal, type UseCaseContext } from "./context";
import { conventionNow } from "./convention-now";

const yearField = z.coerce.number({ error: "Année attendue." }).int({ error: "Année attendue." }).min(2000, { error: "Année invalide." }).max(2100, { error: "Année invalide." });

export const sendNoticeInput = z.discriminatedUnion(
  "kind",
  [
    z.object({
      conventionId: uuidField,
      kind: z.literal("CREDITS_INSUFFISANTS"),
      year: yearField,
      creditType: z.enum(["AE", "CP"], { error: "Choisissez AE ou CP." }),
      /** What must be engaged (AE) or paid (CP) in the year, beyond what is already. */
      neededAmount: positiveEurosField,
      message: textField("Motif", 5000),
    }),
    z.object({
      conventionId: uuidField,
      kind: z.literal("CREDITS_NON_CONSOMMES"),
      year: yearField,
      /** Forecast of what will not be consumed. */
      forecastAmount: positiveEurosField,
      message: textField("Motif", 5000),
    }),
  ],
  { error: "Choisissez la nature de l'avis : crédits insuffisants ou crédits non consommés." },
);
export type SendNoticeInput = z.infer<typeof sendNoticeInput>;

/** Records the délégataire's notice to the délégant, while the convention runs on `today`. Answers the notice's id. */
export async function sendNotice(ctx: UseCaseContext, input: SendNoticeInput): Promise<string> {
  const { tx, actor, conventionId, audit } = ctx;
  const { view } = await conventionNow(ctx);
  // A notice is about a year the convention covers (its credits in force).
  const yearRefusal = checkNoticeYear(view.terms.credits.map((c) => c.year), input.year);
  if (yearRefusal) throw new Refusal(yearRefusal);
  const check = checkNotice(
    view.situation.state,
    view.credits,
    input.kind === "CREDITS_INSUFFISANTS"
      ? { kind: input.kind, year: input.year, creditType: input.creditType, neededCents: input.neededAmount, message: input.message }
      : { kind: input.kind, year: input.year, forecastCents: input.forecastAmount, message: input.message },
  );
  if (!check.ok) throw new Refusal(check);
  const { amountCents, message } = check;
  const notice = await tx.partyNotice.create({
    data: {
      conventionId,
      kind: input.kind,
      fromParty: "DELEGATAIRE",
      toParty: "DELEGANT",
      amountCents,
      message,
      authorId: actor.userId,
      year: input.year,
      creditType: input.kind === "CREDITS_INSUFFISANTS" ? input.creditType : null,
    },
  });
  await audit({ kind: "notice.send", entity: "partyNotice", entityId: notice.id, after: { kind: input.kind, year: input.year, ...(input.kind === "CREDITS_INSUFFISANTS" ? { creditType: input.creditType } : {}), amountCents, message } });
  return notice.id;
}

export const answerNoticeInput = z.object({ conventionId: uuidField, noticeId: uuidField, answer: textField("Réponse", 5000) });
export type AnswerNoticeInput = z.infer<typeof answerNoticeInput>;

/** DINUM's answer to a notice, once. */
export async function answerNotice(ctx: UseCaseContext, input: AnswerNoticeInput): Promise<void> {
  const { tx, conventionId, audit, now } = ctx;
  const notice = await tx.partyNotice.findFirst({ where: { id: input.noticeId, conventionId } });
  if (!notice) throw new Refusal(failure("NOTICE_NOT_IN_CONVENTION"));
  const check = checkNoticeAnswer({ answered: notice.answeredAt !== null });
  if (!check.ok) throw new Refusal(check);
  await tx.partyNotice.update({ where: { id: notice.id }, data: { answer: input.answer, answeredAt: now, answeredById: ctx.actor.userId } });
  await audit({ kind: "notice.answer", entity: "partyNotice", entityId: notice.id, before: { answer: null }, after: { answer: input.answer } });
}
