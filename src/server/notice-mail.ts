import "server-only";
// E-mail copies of notices (issue 4): once a notice is recorded (after its transaction commits), a copy goes
// to the active agents of the receiving party (platform administrators aside), through SMTP_URL with nodemailer. Without SMTP_URL nothing is
// sent. A failed send does not undo the notice (the app is the record): it is logged and audited.
import nodemailer from "nodemailer";
import { noticeMail } from "@/domain/notice-mail";
import { db } from "./db";
import { newAuditContext, recordAudit } from "./db/audit";
import { env } from "./env";

export type NoticeMailOutcome = { sent: false; reason: "SMTP_NON_CONFIGURE" | "AUCUN_DESTINATAIRE" } | { sent: true; recipients: number } | { sent: false; reason: "ECHEC"; error: string };

export async function mailNoticeCopy(noticeId: string, settings: { smtpUrl?: string; from?: string; appUrl?: string } = {}): Promise<NoticeMailOutcome> {
  const smtpUrl = settings.smtpUrl ?? env().SMTP_URL;
  const from = settings.from ?? env().MAIL_FROM;
  if (!smtpUrl || !from) return { sent: false, reason: "SMTP_NON_CONFIGURE" };
  const appUrl = settings.appUrl ?? env().AUTH_URL;
  const notice = await db().partyNotice.findUniqueOrThrow({
    where: { id: noticeId },
    include: {
      author: { select: { id: true, fullName: true, role: true, organisationId: true, organisation: { select: { acronym: true } } } },
      convention: { select: { id: true, reference: true, fastCall: true, startupName: true, parties: { select: { role: true, organisationId: true } } } },
    },
  });
  const receiving = notice.convention.parties.find((p) => p.role === notice.toParty);
  const recipients = receiving ? await db().user.findMany({ where: { organisationId: receiving.organisationId, active: true, role: { not: "ADMIN" } }, select: { email: true }, orderBy: { email: "asc" } }) : [];
  const actor = { userId: notice.author.id, organisationId: notice.author.organisationId, role: notice.author.role };
  const audit = (kind: string, after: object) =>
    db().$transaction((tx) => recordAudit(tx, newAuditContext(actor), { kind, conventionId: notice.conventionId, entity: "partyNotice", entityId: notice.id, after }));
  if (recipients.length === 0) return { sent: false, reason: "AUCUN_DESTINATAIRE" };
  const mail = noticeMail({
    kind: notice.kind,
    reference: notice.convention.reference,
    fastCall: notice.convention.fastCall,
    startupName: notice.convention.startupName,
    amountCents: notice.amountCents,
    message: notice.message,
    authorName: notice.author.fullName,
    authorOrganisation: notice.author.organisation.acronym,
    link: appUrl ? new URL(`/conventions/${notice.convention.id}/vie`, appUrl).toString() : null,
  });
  try {
    const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    await transport.sendMail({ from, to: recipients.map((r) => r.email), subject: mail.subject, text: mail.text });
    await audit("notice.email_sent", { recipients: recipients.length });
    return { sent: true, recipients: recipients.length };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[notice ${notice.id}] copie e-mail non envoyée : ${message}`);
    await audit("notice.email_failed", { recipients: recipients.length, error: message.slice(0, 300) });
    return { sent: false, reason: "ECHEC", error: message };
  }
}
