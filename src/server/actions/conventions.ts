"use server";
// FAST promotions and conventions from draft to signature: each action validates its form with the use
// case's zod schema and runs one use case of src/server/use-cases/conventions.ts (permission before
// validation, one transaction, audit written in it).
import {
  commentDraft,
  conventionIdInput,
  createConventionDraft,
  createConventionInput,
  createPromotion,
  draftCommentInput,
  promotionInput,
  publishConvention,
  publishInput,
  recordSignature,
  sendForSignature,
  signatureInput,
  unpublishConvention,
  unpublishInput,
  updateConventionDraft,
  updateDraftInput,
  updatePromotion,
  updatePromotionInput,
} from "../use-cases/conventions";
import { runConventionCreation } from "../use-cases/run";
import { formFields, runConventionAction, runGlobalAction, type ActionResult } from "./run";

const draftPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/projet`, "/conventions", "/promotions"];

export async function createPromotionAction(_previous: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runGlobalAction({
    action: "promotions.manage",
    schema: promotionInput,
    input: formFields(formData),
    revalidate: () => ["/promotions"],
    successMessage: "La promotion est créée.",
    run: (ctx) => createPromotion(ctx, ctx.input),
  });
}

export async function createConventionDraftAction(_previous: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runGlobalAction({
    action: "conventions.create",
    schema: createConventionInput,
    input: formFields(formData),
    revalidate: (input) => ["/promotions", `/promotions/${input.promotionId}`, "/conventions"],
    successMessage: "Le brouillon de convention est créé.",
    run: (ctx) => runConventionCreation(ctx, () => createConventionDraft(ctx, ctx.input)),
  });
}

export async function updateConventionDraftAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.draft.edit",
    schema: updateDraftInput,
    input: formFields(formData),
    revalidate: draftPaths,
    successMessage: "Le brouillon est enregistré.",
    run: (ctx) => updateConventionDraft(ctx, ctx.input),
  });
}

export async function sendForSignatureAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.draft.edit",
    schema: conventionIdInput,
    input: formFields(formData),
    revalidate: draftPaths,
    successMessage: "La convention est envoyée en signature : son texte est figé.",
    run: (ctx) => sendForSignature(ctx, ctx.input),
  });
}

export async function recordSignatureAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.signature.record",
    schema: signatureInput,
    input: formFields(formData),
    revalidate: (id) => [...draftPaths(id), `/conventions/${id}/tranches`, `/conventions/${id}/obligations`],
    successMessage: "La signature est enregistrée.",
    run: (ctx) => recordSignature(ctx, ctx.input),
  });
}

export async function updatePromotionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runGlobalAction({
    action: "promotions.manage",
    schema: updatePromotionInput,
    input: formFields(formData),
    revalidate: (input) => ["/promotions", `/promotions/${input.promotionId}`, "/conventions"],
    successMessage: "La promotion est modifiée.",
    run: (ctx) => updatePromotion(ctx, ctx.input),
  });
}

/** Where a publication shows: the convention's pages and the public ones. */
const publicationPaths = (id: string) => [`/conventions/${id}`, `/conventions/${id}/projet`, "/publiques/conventions", "/"];

export async function publishConventionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.publish",
    schema: publishInput,
    input: formFields(formData),
    revalidate: publicationPaths,
    successMessage: "La convention est publiée : elle figure sur la page publique et dans les données ouvertes.",
    run: (ctx) => publishConvention(ctx, ctx.input),
  });
}

export async function unpublishConventionAction(_previous: unknown, formData: FormData): Promise<ActionResult> {
  return runConventionAction({
    action: "convention.publish",
    schema: unpublishInput,
    input: formFields(formData),
    revalidate: publicationPaths,
    successMessage: "La publication est retirée : la convention ne figure plus sur la page publique ni dans les données ouvertes.",
    run: (ctx) => unpublishConvention(ctx, ctx.input),
  });
}

export async function commentDraftAction(_previous: unknown, formData: FormData): Promise<ActionResult<string>> {
  return runConventionAction({
    action: "convention.comment",
    schema: draftCommentInput,
    input: formFields(formData),
    revalidate: (id) => [`/conventions/${id}/projet`],
    successMessage: "Le commentaire est publié pour les parties.",
    run: (ctx) => commentDraft(ctx, ctx.input),
  });
}
