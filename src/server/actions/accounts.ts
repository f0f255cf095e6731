"use server";
// Accounts: the administrators' actions run one use case of src/server/use-cases/accounts.ts each through
// runGlobalAction (session, users.manage, zod, transaction, audit, revalidation); an invitation's e-mail is
// sent once committed, or its link handed back to the administrator. The invited agent's action is public:
// the link's token is its authorisation, checked again in the transaction that uses it up.
import { headers } from "next/headers";
import { INVITATION_REFUSALS } from "@/domain/accounts";
import { failure } from "@/domain/failures";
import { formatMoment } from "@/domain/invitation-mail";
import { ROLE_LABELS } from "@/components/labels";
import { currentActor } from "../authz";
import { clock } from "../clock";
import { db } from "../db";
import { env } from "../env";
import { mailInvitation } from "../invitation-mail";
import { findInvitation } from "../repositories/administration";
import { invitationLink } from "../security/invitation-token";
import { hashNewPassword, WeakPassword } from "../security/passwords";
import {
  acceptInvitation,
  acceptInvitationInput,
  accountInput,
  accountStatusInput,
  changeRole,
  changeRoleInput,
  deactivateAccount,
  inviteAgent,
  inviteInput,
  reactivateAccount,
  renewInvitation,
  type IssuedInvitation,
} from "../use-cases/accounts";
import { acceptAccessRequest, acceptAccessRequestInput, decideAccessRequestInput, refuseAccessRequest } from "../use-cases/access-requests";
import { inviteColleague, inviteColleagueInput } from "../use-cases/accounts";
import { recordContext } from "../use-cases/context";
import { failureOf, formFields, parseInput, refused, runGlobalAction, type ActionResult } from "./run";

const PATHS = (input: object) => ["/administration/comptes", ...("userId" in input ? [`/administration/comptes/${String(input.userId)}`] : [])];

/** The app's public address: AUTH_URL when set, else the address the administrator is browsing. */
async function baseUrl(): Promise<string> {
  const configured = env().AUTH_URL;
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const protocol = (h.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  return `${protocol}://${host}`;
}

/** Sends the link by e-mail when SMTP is configured; otherwise (or if the send fails) hands it to the administrator. */
async function deliver(result: ActionResult<IssuedInvitation>): Promise<ActionResult> {
  if (!result.ok) return result;
  const { data: invitation } = result;
  const link = invitationLink(await baseUrl(), invitation.token);
  const account = await db().user.findUniqueOrThrow({ where: { id: invitation.userId }, select: { role: true, organisation: { select: { acronym: true, name: true } } } });
  const sender = (await currentActor())!;
  const senderName = (await db().user.findUnique({ where: { id: sender.userId }, select: { fullName: true } }))?.fullName ?? null;
  const validity = `Le lien est valable jusqu'au ${formatMoment(invitation.expiresAt)} et ne fonctionne qu'une fois.`;
  const outcome = await mailInvitation(
    { ...invitation, link, organisation: `${account.organisation.name} (${account.organisation.acronym})`, roleLabel: ROLE_LABELS[account.role], invitedBy: senderName },
    sender,
  ).catch((error: unknown) => ({ sent: false as const, reason: "ECHEC" as const, error: String(error) }));
  if (outcome.sent) return { ok: true, data: undefined, message: `Invitation envoyée par courriel à ${invitation.email}. ${validity}` };
  const why =
    outcome.reason === "SMTP_NON_CONFIGURE"
      ? "Aucun serveur de courriel n'est configuré : transmettez vous-même ce lien à l'agent."
      : "Le courriel n'a pas pu être envoyé : transmettez vous-même ce lien à l'agent.";
  return { ok: true, data: undefined, message: `Invitation créée pour ${invitation.email}. ${why} ${validity}`, link: { href: link, label: `Lien d'invitation de ${invitation.fullName}` } };
}

export async function inviteAgentAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return deliver(await runGlobalAction({ action: "users.manage", schema: inviteInput, input: formFields(formData), revalidate: PATHS, run: (ctx) => inviteAgent(ctx, ctx.input) }));
}

export async function renewInvitationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return deliver(await runGlobalAction({ action: "users.manage", schema: accountInput, input: formFields(formData), revalidate: PATHS, run: (ctx) => renewInvitation(ctx, ctx.input) }));
}

export async function changeRoleAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runGlobalAction({
    action: "users.manage",
    schema: changeRoleInput,
    input: formFields(formData),
    revalidate: PATHS,
    successMessage: "Le rôle est modifié ; il s'applique dès la prochaine page consultée par l'agent.",
    run: (ctx) => changeRole(ctx, ctx.input),
  });
}

/** Deactivates or reactivates an account: one form whose button follows the account's status. */
export async function changeAccountStatusAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const result = await runGlobalAction({
    action: "users.manage",
    schema: accountStatusInput,
    input: formFields(formData),
    revalidate: PATHS,
    run: async (ctx) => {
      if (ctx.input.status === "DESACTIVE") await deactivateAccount(ctx, ctx.input);
      else await reactivateAccount(ctx, ctx.input);
      return ctx.input.status;
    },
  });
  if (!result.ok) return result;
  return { ok: true, data: undefined, message: result.data === "DESACTIVE" ? "Le compte est désactivé : il ne peut plus se connecter." : "Le compte est réactivé." };
}

/** The invited agent chooses a password through the link: the link is used up, the account active. */
export async function acceptInvitationAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  const parsed = parseInput(acceptInvitationInput, formFields(formData));
  if (!parsed.ok) return parsed;
  try {
    const now = clock.now();
    const found = await findInvitation(parsed.data.token, now);
    if (!found.account || !found.tokenHash) return refused(INVITATION_REFUSALS[found.state === "VALIDE" ? "INCONNUE" : found.state].failure);
    const { userId, organisationId, role, email } = found.account;
    let passwordHash: string;
    try {
      // Hashed before the transaction: argon2 is slow on purpose.
      passwordHash = await hashNewPassword(parsed.data.password, { email });
    } catch (error) {
      if (error instanceof WeakPassword) return refused(failure("PASSWORD_REJECTED"), { password: error.userMessage });
      throw error;
    }
    const tokenHash = found.tokenHash;
    await db().$transaction((tx) => acceptInvitation(recordContext({ tx, actor: { userId, organisationId, role }, now }), { tokenHash, passwordHash }));
    return { ok: true, data: undefined, message: "Votre mot de passe est enregistré : votre compte est actif." };
  } catch (error) {
    return failureOf(error, "invitation.accept");
  }
}

// ───────────────────────────── A party's lead invites a colleague ─────────────────────────────

/** A party's lead invites a colleague of their own organisation, with their own role (colleagueInvitationProblem). */
export async function inviteColleagueAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return deliver(
    await runGlobalAction({
      action: "colleagues.invite",
      schema: inviteColleagueInput,
      input: formFields(formData),
      revalidate: () => ["/equipe", "/administration/comptes"],
      run: (ctx) => inviteColleague(ctx, ctx.input),
    }),
  );
}

// ───────────────────────────── Access requests (ProConnect) ─────────────────────────────

const REQUEST_PATHS = () => ["/administration/comptes"];

/** Accepts an agent's access request: the account is opened, active and bound to their ProConnect identity. */
export async function acceptAccessRequestAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runGlobalAction({
    action: "users.manage",
    schema: acceptAccessRequestInput,
    input: formFields(formData),
    revalidate: REQUEST_PATHS,
    successMessage: "Demande acceptée : le compte est ouvert ; l'agent se connecte avec ProConnect.",
    run: async (ctx) => {
      await acceptAccessRequest(ctx, ctx.input);
    },
  });
}

export async function refuseAccessRequestAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runGlobalAction({
    action: "users.manage",
    schema: decideAccessRequestInput,
    input: formFields(formData),
    revalidate: REQUEST_PATHS,
    successMessage: "Demande refusée : l'agent en sera informé à sa prochaine connexion avec ProConnect.",
    run: (ctx) => refuseAccessRequest(ctx, ctx.input),
  });
}
