import "server-only";
// The invitation's e-mail, once the account and its link are committed: through SMTP_URL and MAIL_FROM with
// nodemailer, as the notices' copies. Without them nothing is sent and the administrator passes the link on;
// a failed send undoes nothing (the link works all the same) and is audited.
import nodemailer from "nodemailer";
import { invitationMail } from "@/domain/invitation-mail";
import type { Actor } from "@/domain/permissions";
import { db } from "./db";
import { newAuditContext, recordAudit } from "./db/audit";
import { env } from "./env";

export type InvitationMailOutcome = { sent: true } | { sent: false; reason: "SMTP_NON_CONFIGURE" } | { sent: false; reason: "ECHEC"; error: string };

export async function mailInvitation(
  invitation: { userId: string; email: string; fullName: string; organisation: string; roleLabel: string; link: string; expiresAt: Date; invitedBy: string | null },
  sender: Actor,
  settings: { smtpUrl?: string; from?: string } = {},
): Promise<InvitationMailOutcome> {
  const smtpUrl = settings.smtpUrl ?? env().SMTP_URL;
  const from = settings.from ?? env().MAIL_FROM;
  if (!smtpUrl || !from) return { sent: false, reason: "SMTP_NON_CONFIGURE" };
  const mail = invitationMail(invitation);
  // The link is a secret: the audit trail records that it was sent, never the link itself.
  const audit = (kind: string, after: object) =>
    db().$transaction((tx) => recordAudit(tx, newAuditContext(sender), { kind, entity: "user", entityId: invitation.userId, after: { email: invitation.email, ...after } }));
  try {
    const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    await transport.sendMail({ from, to: invitation.email, subject: mail.subject, text: mail.text });
    await audit("user.invitation.email_sent", {});
    return { sent: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`[invitation ${invitation.userId}] courriel non envoyé : ${message}`);
    await audit("user.invitation.email_failed", { error: message.slice(0, 300) });
    return { sent: false, reason: "ECHEC", error: message };
  }
}
