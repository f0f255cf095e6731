"use server";
// Notices from the délégataire to the délégant (convention, art. 3) and DINUM's answers: each action validates
// its form and runs one use case of src/server/use-cases/notices.ts through runConventionAction (session,
// permission, zod, locked transaction, audit, revalidation). A notice's e-mail copy is sent here, once the
// notice is committed.
import { mailNoticeCopy, type NoticeMailOutcome } from "../notice-mail";
import { answerNotice, answerNoticeInput, sendNotice, sendNoticeInput } from "../use-cases/notices";
import { formFields, runConventionAction, type ActionResult } from "./run";

const paths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/vie`, `/conventions/${id}/historique`, "/pilotage"];

export async function sendNoticeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const result = await runConventionAction({
    action: "notice.send",
    schema: sendNoticeInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "L'avis est transmis au délégant.",
    run: (ctx) => sendNotice(ctx, ctx.input),
  });
  if (!result.ok) return result;
  // The notice is committed: its e-mail copy (when SMTP is configured) cannot undo it, whatever happens.
  const mail: NoticeMailOutcome = await mailNoticeCopy(result.data).catch((error: unknown) => ({ sent: false, reason: "ECHEC", error: String(error) }));
  const copy = mail.sent ? ` Une copie a été envoyée par courriel à ${mail.recipients} agent${mail.recipients > 1 ? "s" : ""} du délégant.` : mail.reason === "ECHEC" ? " La copie par courriel n'a pas pu être envoyée ; l'avis est bien enregistré dans Suivi FAST." : "";
  return { ok: true, data: undefined, message: `${result.message ?? ""}${copy}` };
}

export async function answerNoticeAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "notice.answer",
    schema: answerNoticeInput,
    input: formFields(formData),
    revalidate: paths,
    successMessage: "La réponse est enregistrée.",
    run: (ctx) => answerNotice(ctx, ctx.input),
  });
}
