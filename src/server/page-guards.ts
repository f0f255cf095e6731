import "server-only";
// Page-side mapping of authorisation results to Next's interrupts: sign-in redirect, 403, 404.
import { forbidden, notFound, redirect } from "next/navigation";
import { checkConvention, checkGlobal, currentActor, type AccessDenied } from "./authz";
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

export async function requirePageConvention(action: ConventionAction, rawId: string, returnTo: string) {
  const result = await checkConvention(await currentActor(), action, rawId);
  if (!result.ok) deny(result, returnTo);
  return result;
}
