// The e-mail copy of a notice between the parties (crédits insuffisants / non consommés): what the receiving
// party reads in its mailbox. Pure: the server sends it once the notice is recorded; the app keeps the notice.
import { formatEuros, type Cents } from "./money";

export type NoticeKind = "CREDITS_INSUFFISANTS" | "CREDITS_NON_CONSOMMES";

export const NOTICE_LABELS: Record<NoticeKind, string> = {
  CREDITS_INSUFFISANTS: "Crédits insuffisants",
  CREDITS_NON_CONSOMMES: "Crédits non consommés",
};

export interface NoticeMailInput {
  kind: NoticeKind;
  reference: string;
  fastCall: string;
  startupName: string;
  amountCents: Cents | null;
  message: string;
  authorName: string;
  authorOrganisation: string;
  /** Where the notice is answered (absolute URL), when the app's public URL is known. */
  link: string | null;
}

export function noticeMail(n: NoticeMailInput): { subject: string; text: string } {
  const amountLabel = n.kind === "CREDITS_INSUFFISANTS" ? "Montant manquant" : "Prévision de crédits non consommés";
  const lines = [
    "Bonjour,",
    "",
    `${n.authorName} (${n.authorOrganisation}, délégataire) a transmis un avis « ${NOTICE_LABELS[n.kind].toLowerCase()} » au délégant pour la convention ${n.reference} (${n.fastCall} — ${n.startupName}).`,
    "",
    ...(n.amountCents !== null ? [`${amountLabel} : ${formatEuros(n.amountCents)}`, ""] : []),
    "Motif :",
    n.message,
    "",
    n.link ? `Répondre à l'avis dans Suivi FAST : ${n.link}` : "Répondre à l'avis dans Suivi FAST, page « Avenants, suspensions et résiliation » de la convention.",
    "",
    "Ce message est une copie : l'avis fait foi dans Suivi FAST. Merci de ne pas y répondre par courriel.",
  ];
  return { subject: `[Suivi FAST] ${NOTICE_LABELS[n.kind]} — ${n.reference} (${n.startupName})`, text: lines.join("\n") };
}
