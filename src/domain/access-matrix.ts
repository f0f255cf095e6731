// Who may open each page, call each route and each server action: the permission (src/domain/permissions.ts)
// each one requires. Tests walk this table × every role (tests/e2e/access-matrix.spec.ts over HTTP,
// src/server/access-matrix.test.ts for server actions) and fail when a page, route or action is missing.
import type { ConventionAction, GlobalAction } from "./permissions";

export type Access =
  /** Anyone, signed in or not. */
  | { kind: "public" }
  | { kind: "global"; action: GlobalAction }
  /** On the convention named by the path's [id]. */
  | { kind: "convention"; action: ConventionAction };

const open: Access = { kind: "public" };
const global = (action: GlobalAction): Access => ({ kind: "global", action });
const onConvention = (action: ConventionAction): Access => ({ kind: "convention", action });

/** Pages, by their App Router path (src/app/<path>/page.tsx). */
export const PAGE_ACCESS: Record<string, Access> = {
  "/": open,
  "/accessibilite": open,
  "/connexion": open,
  "/donnees-personnelles": open,
  "/mentions-legales": open,
  "/publiques/conventions": open,
  "/publiques/startups/[slug]": open,
  "/conventions": global("conventions.list"),
  "/pilotage": global("portfolio.read"),
  "/promotions": global("portfolio.read"),
  "/promotions/nouvelle": global("promotions.manage"),
  "/promotions/[promotionId]": global("portfolio.read"),
  "/promotions/[promotionId]/nouvelle-convention": global("conventions.create"),
  "/promotions/[promotionId]/modifier": global("promotions.manage"),
  /** The draft, what it lacks, its signatures, the parties' comments: every party reads it and comments it; DINUM edits it and records signatures. */
  "/conventions/[id]/projet": onConvention("convention.read"),
  "/conventions/[id]": onConvention("convention.read"),
  "/conventions/[id]/tranches": onConvention("convention.read"),
  "/conventions/[id]/tranches/[trancheId]/deblocage": onConvention("tranche.release"),
  "/conventions/[id]/depenses": onConvention("convention.read"),
  "/conventions/[id]/depenses/[ejId]": onConvention("convention.read"),
  "/conventions/[id]/depenses/import": onConvention("expenditure.record"),
  "/conventions/[id]/vie": onConvention("convention.read"),
  "/conventions/[id]/comites": onConvention("convention.read"),
  "/conventions/[id]/comites/nouveau": onConvention("committee.record"),
  "/conventions/[id]/comites/indicateurs": onConvention("convention.read"),
  "/conventions/[id]/comites/[committeeId]": onConvention("convention.read"),
  "/conventions/[id]/obligations": onConvention("convention.read"),
  "/conventions/[id]/compte-rendu": onConvention("convention.read"),
  "/conventions/[id]/historique": onConvention("convention.read"),
  /** The generated documents, the avenants' and the signed copy (its upload form for DINUM only). */
  "/conventions/[id]/documents": onConvention("convention.read"),
  "/administration/organisations": global("organisations.list"),
  "/administration/organisations/nouvelle": global("organisations.manage"),
  /** Which kinds a pilot may edit is canManageOrganisation's: a délégant answers 403 to a pilot. */
  "/administration/organisations/[organisationId]": global("organisations.manage"),
  "/administration/comptes": global("users.manage"),
  "/administration/comptes/[userId]": global("users.manage"),
  /** The agent's colleagues; the invitation form only for a party's lead (colleagueInvitationProblem). */
  "/equipe": global("colleagues.invite"),
  /** The link's token is the authorisation: an unknown, used or expired one gets a French page. */
  "/invitation/[token]": open,
};

/** Route handlers (src/app/<path>/route.ts), with the method they answer. */
export const ROUTE_ACCESS: Record<string, { method: "GET" | "POST"; access: Access }> = {
  "/api/auth/[...nextauth]": { method: "GET", access: open },
  "/api/conventions/[id]": { method: "GET", access: onConvention("convention.read") },
  "/pilotage/export": { method: "GET", access: global("portfolio.read") },
  "/conventions/[id]/depenses/export": { method: "GET", access: onConvention("convention.read") },
  "/conventions/[id]/depenses/import/fichier": { method: "POST", access: onConvention("expenditure.record") },
  "/conventions/[id]/compte-rendu/export": { method: "GET", access: onConvention("convention.read") },
  "/conventions/[id]/calendrier.ics": { method: "GET", access: onConvention("convention.read") },
  /** The convention and its avenants generated from the record, for every party. */
  "/conventions/[id]/document.docx": { method: "GET", access: onConvention("convention.read") },
  "/conventions/[id]/document.pdf": { method: "GET", access: onConvention("convention.read") },
  "/conventions/[id]/avenants/[avenantId]/document.docx": { method: "GET", access: onConvention("convention.read") },
  "/conventions/[id]/avenants/[avenantId]/document.pdf": { method: "GET", access: onConvention("convention.read") },
  /** The scan of the signed convention: uploaded by DINUM (body outside the proxy), downloaded by every party. */
  "/conventions/[id]/copie-signee": { method: "POST", access: onConvention("signed-copy.upload") },
  "/conventions/[id]/copie-signee/[copyId]": { method: "GET", access: onConvention("convention.read") },
  "/conventions/calendrier.ics": { method: "GET", access: global("conventions.list") },
  "/api/stats/[slug]": { method: "GET", access: open },
  /** Open data: published and signed conventions only, public fields only (docs/open-data.md). */
  "/publiques/conventions/export.csv": { method: "GET", access: open },
  "/publiques/conventions/export.json": { method: "GET", access: open },
};

/** Server actions ("use server" exports of src/server/actions/*.ts). */
export const ACTION_ACCESS: Record<string, Access> = {
  loginAction: open,
  proConnectAction: open,
  logoutAction: open,
  recordReviewAction: onConvention("review.record"),
  releaseTrancheAction: onConvention("tranche.release"),
  recordAvenantAction: onConvention("avenant.record"),
  recordTerminationAction: onConvention("convention.terminate"),
  withdrawTerminationAction: onConvention("convention.terminate"),
  recordSuspensionAction: onConvention("suspension.record"),
  liftSuspensionAction: onConvention("suspension.record"),
  recordEjAction: onConvention("expenditure.record"),
  recordEjMovementAction: onConvention("expenditure.record"),
  reverseEjMovementAction: onConvention("expenditure.record"),
  recordServiceFaitAction: onConvention("expenditure.record"),
  recordPaymentAction: onConvention("expenditure.record"),
  reversePaymentAction: onConvention("expenditure.record"),
  submitFinalReportAction: onConvention("report.submit"),
  acceptFinalReportAction: onConvention("report.accept"),
  sendNoticeAction: onConvention("notice.send"),
  answerNoticeAction: onConvention("notice.answer"),
  defineIndicatorAction: onConvention("committee.record"),
  updateIndicatorAction: onConvention("committee.record"),
  recordCommitteeAction: onConvention("committee.record"),
  recordMeasuresAction: onConvention("committee.record"),
  recordConditionsMetAction: onConvention("committee.record"),
  recordAmbitionAction: onConvention("committee.record"),
  updateObligationAction: onConvention("obligation.update"),
  createPromotionAction: global("promotions.manage"),
  createConventionDraftAction: global("conventions.create"),
  updateConventionDraftAction: onConvention("convention.draft.edit"),
  sendForSignatureAction: onConvention("convention.draft.edit"),
  recordSignatureAction: onConvention("convention.signature.record"),
  updatePromotionAction: global("promotions.manage"),
  publishConventionAction: onConvention("convention.publish"),
  unpublishConventionAction: onConvention("convention.publish"),
  commentDraftAction: onConvention("convention.comment"),
  createOrganisationAction: global("organisations.manage"),
  updateOrganisationAction: global("organisations.manage"),
  inviteAgentAction: global("users.manage"),
  renewInvitationAction: global("users.manage"),
  changeRoleAction: global("users.manage"),
  changeAccountStatusAction: global("users.manage"),
  acceptAccessRequestAction: global("users.manage"),
  refuseAccessRequestAction: global("users.manage"),
  /** Then colleagueInvitationProblem: a party's lead only, their own organisation and role. */
  inviteColleagueAction: global("colleagues.invite"),
  acceptInvitationAction: open,
};
