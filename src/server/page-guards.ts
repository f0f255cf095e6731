import "server-only";
// Page-side mapping of authorisation results to Next's interrupts: sign-in redirect, 403, 404.
import { forbidden, notFound, redirect } from "next/navigation";
import { checkGlobal, checkSessionConvention, currentActor, type AccessDenied, type ConventionAccess } from "./authz";
import type { Actor, ConventionAction, GlobalAction } from "@/domain/permissions";

function deny(denied: AccessDenied, returnTo: string): never {
  if (denied.status === 401) redirect(`/connexion?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (denied.status === 403) forbidden();
  notFound();
}

export async function requirePageActor(action: GlobalAction, returnTo: string): Promise<Actor> {
  const result = checkGlobal(await currentActor(), action);
  if (!result.ok) deny(result, returnTo);
  return result.actor;
}

export async function requirePageConvention(action: ConventionAction, rawId: string, returnTo: string): Promise<ConventionAccess> {
  const result = await checkSessionConvention(action, rawId);
  if (!result.ok) deny(result, returnTo);
  return result;
}

/**
 * For a convention's layout: null when signed out — the page itself then sends to the sign-in page with its own
 * address — else as requirePageConvention (the same check, shared with the page within the render).
 */
export async function layoutConvention(action: ConventionAction, rawId: string, returnTo: string): Promise<ConventionAccess | null> {
  const result = await checkSessionConvention(action, rawId);
  if (result.ok) return result;
  if (result.status === 401) return null;
  deny(result, returnTo);
}
