"use server";
// Notices from the délégataire to the délégant (convention, art. 3): credits insufficient to engage or pay
// what must be, or credits that will not be fully consumed. DINUM answers them (an avenant, a suspension, or
// a word); both stay in the convention's record.
import { z } from "zod";
import { deriveConvention } from "@/domain/convention-view";
import { creditShortfall, yearCredits } from "@/domain/credits";
import { todayInParis } from "@/domain/dates";
import { positiveEurosField, textField, uuidField } from "@/domain/fields";
import { formatEuros } from "@/domain/money";
import { loadConventionFacts } from "../repositories/convention-facts";
import { mailNoticeCopy, type NoticeMailOutcome } from "../notice-mail";
import { formFields, Refusal, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/vie`, `/conventions/${id}/historique`, "/pilotage"];

const yearField = z.coerce.number({ error: "Année attendue." }).int({ error: "Année attendue." }).min(2000, { error: "Année invalide." }).max(2100, { error: "Année invalide." });

const noticeSchema = z.discriminatedUnion(
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

export async function sendNoticeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const result = await runConventionAction({
    action: "notice.send",
    schema: noticeSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "L'avis est transmis au délégant.",
    run: async ({ tx, input, actor, conventionId, audit }) => {
      const view = deriveConvention(await loadConventionFacts(conventionId, tx), todayInParis());
      if (view.situation.state !== "EN_VIGUEUR" && view.situation.state !== "SUSPENDUE") {
        throw new Refusal("La convention n'est plus en vigueur : aucun avis ne peut plus être transmis.");
      }
      let amountCents: bigint;
      let message: string;
      if (input.kind === "CREDITS_INSUFFISANTS") {
        const shortfall = creditShortfall(view.credits, input.creditType, input.year, input.neededAmount);
        if (shortfall.missingCents === 0n) {
          throw new Refusal(`Les crédits disponibles couvrent ce besoin (${formatEuros(input.neededAmount)}) : aucun avis n'est nécessaire.`, {
            neededAmount: "Besoin couvert par les crédits disponibles.",
          });
        }
        amountCents = shortfall.missingCents;
        message = `${input.message}\n\n${shortfall.message}`;
      } else {
        const y = yearCredits(view.credits, input.year);
        const unconsumable = y.cp.allocated - y.cp.paid;
        if (input.forecastAmount > unconsumable) {
          throw new Refusal(`La prévision (${formatEuros(input.forecastAmount)}) dépasse les CP ${input.year} non encore payés (${formatEuros(unconsumable)}).`, {
            forecastAmount: "Prévision supérieure aux crédits restants.",
          });
        }
        amountCents = input.forecastAmount;
        message = input.message;
      }
      const notice = await tx.partyNotice.create({
        data: { conventionId, kind: input.kind, fromParty: "DELEGATAIRE", toParty: "DELEGANT", amountCents, message, authorId: actor.userId },
      });
      await audit({ kind: "notice.send", entity: "partyNotice", entityId: notice.id, after: { kind: input.kind, year: input.year, amountCents, message } });
      return notice.id;
    },
  });
  if (!result.ok) return result;
  // The notice is committed: its e-mail copy (when SMTP is configured) cannot undo it, whatever happens.
  const mail: NoticeMailOutcome = await mailNoticeCopy(result.data).catch((error: unknown) => ({ sent: false, reason: "ECHEC", error: String(error) }));
  const copy = mail.sent ? ` Une copie a été envoyée par courriel à ${mail.recipients} agent${mail.recipients > 1 ? "s" : ""} du délégant.` : mail.reason === "ECHEC" ? " La copie par courriel n'a pas pu être envoyée ; l'avis est bien enregistré dans Suivi FAST." : "";
  return { ok: true, data: undefined, message: `${result.message ?? ""}${copy}` };
}

const answerSchema = z.object({ conventionId: uuidField, noticeId: uuidField, answer: textField("Réponse", 5000) });

export async function answerNoticeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "notice.answer",
    schema: answerSchema,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La réponse est enregistrée.",
    run: async ({ tx, input, conventionId, audit }) => {
      const notice = await tx.partyNotice.findFirst({ where: { id: input.noticeId, conventionId } });
      if (!notice) throw new Refusal("Cet avis n'appartient pas à cette convention.");
      if (notice.answeredAt) throw new Refusal("Cet avis a déjà reçu une réponse.");
      await tx.partyNotice.update({ where: { id: notice.id }, data: { answer: input.answer, answeredAt: new Date() } });
      await audit({ kind: "notice.answer", entity: "partyNotice", entityId: notice.id, before: { answer: null }, after: { answer: input.answer } });
      return undefined;
    },
  });
}
